// `boardpack watch --serve`: the output folder over HTTP on 127.0.0.1 only, for an
// author's browser. The HTML editions it serves carry two things the written files
// never do: a script that reloads the page after each render (server-sent events on
// /events) and, when the report's last render failed, a banner with its errors above
// the last good version. Only the folder's own files are served, by plain name; any
// other path is a 404.
#pragma once
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace bp::watch {

class LiveServer {
public:
    explicit LiveServer(std::string out_dir);
    ~LiveServer();  // stops serving
    LiveServer(const LiveServer&) = delete;
    LiveServer& operator=(const LiveServer&) = delete;

    // Listens on 127.0.0.1:port (0: a free port); "" when serving, else why not.
    std::string start(int port);
    int port() const { return port_; }

    // After each render of the report whose outputs are named `id`: its errors (none
    // when it rendered). Pages open in a browser reload.
    void rendered(const std::string& id, const std::vector<std::string>& errors);

    // The page as served: `html` with the banner (if any) and the reload script.
    std::string served_page(const std::string& id, const std::string& html) const;

private:
    std::string out_dir_;
    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    std::condition_variable changed_;
    unsigned long generation_ = 0;                          // renders so far
    std::map<std::string, std::vector<std::string>> errors_;  // id -> the last render's errors
    bool stopping_ = false;

    void routes();
};

}  // namespace bp::watch
