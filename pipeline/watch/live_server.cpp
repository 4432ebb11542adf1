#include "watch/live_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/confine.hpp"
#include "render/html/markup.hpp"

namespace fs = std::filesystem;

namespace bp::watch {

namespace {

// What may be served, by extension: the editions and the manifest, nothing else a
// folder might hold (the lock file, a half-written temporary file).
const char* content_type(const std::string& name) {
    const std::string ext = fs::path(name).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ext == ".json") return "application/json";
    return nullptr;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void not_found(httplib::Response& res) {
    res.status = 404;
    res.set_content("Not found\n", "text/plain; charset=utf-8");
}

}  // namespace

LiveServer::LiveServer(std::string out_dir) : out_dir_(std::move(out_dir)), server_(std::make_unique<httplib::Server>()) {}

LiveServer::~LiveServer() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stopping_ = true;
    }
    changed_.notify_all();  // event streams end, so their threads can
    server_->stop();
    if (thread_.joinable()) thread_.join();
}

std::string LiveServer::start(int port) {
    routes();
    // SO_REUSEADDR only. The library's default adds SO_REUSEPORT, with which a second
    // watch on the same port binds too and the kernel shares the browser's requests
    // between the two folders; a port in use must be an error instead.
    server_->set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // 127.0.0.1, never every interface: a draft report is not for the network.
    if (port == 0) {
        port_ = server_->bind_to_any_port("127.0.0.1");
        if (port_ <= 0) return "cannot listen on 127.0.0.1: no free port";
    } else {
        if (!server_->bind_to_port("127.0.0.1", port))
            return "cannot listen on 127.0.0.1:" + std::to_string(port) + ": the port is in use or not allowed";
        port_ = port;
    }
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    return "";
}

void LiveServer::rendered(const std::string& id, const std::vector<std::string>& errors) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (errors.empty()) errors_.erase(id);
        else errors_[id] = errors;
        ++generation_;
    }
    changed_.notify_all();
}

std::string LiveServer::served_page(const std::string& id, const std::string& html) const {
    std::string banner;
    unsigned long generation;
    {
        std::lock_guard<std::mutex> lock(mu_);
        generation = generation_;
        if (auto it = errors_.find(id); it != errors_.end()) {
            // Sticky: an author reading page 9 sees it without scrolling up.
            banner = "<div role=\"alert\" class=\"boardpack-errors\" style=\"position:sticky;top:0;z-index:10;background:#fff4f4;border:3px solid #b10e1e;"
                     "color:#0b0c0c;padding:1rem;margin:0 0 1rem;font:1rem/1.4 sans-serif\">\n"
                     "<p style=\"margin:0 0 .5rem;font-weight:bold\">The last save did not render; this is the last good "
                     "version. Fix these and save again:</p>\n<ul style=\"margin:0;font-family:monospace\">\n";
            for (const auto& e : it->second) banner += "<li>" + html::escape(e) + "</li>\n";
            banner += "</ul>\n</div>\n";
        }
    }
    // The page's generation goes with it, so a render it has not seen reloads it even
    // when it happened before the page connected.
    const std::string script = "<script>new EventSource(\"/events?since=" + std::to_string(generation) +
                               "\").addEventListener(\"reload\", function () { location.reload(); });</script>\n";
    std::string page = html;
    const size_t body = page.find("<body>");
    if (body != std::string::npos && !banner.empty()) page.insert(body + 6, "\n" + banner);
    const size_t end = page.rfind("</body>");
    page.insert(end == std::string::npos ? page.size() : end, script);
    return page;
}

void LiveServer::routes() {
    server_->Get("/events", [this](const httplib::Request& req, httplib::Response& res) {
        unsigned long since = 0;
        try {
            if (req.has_param("since")) since = std::stoul(req.get_param_value("since"));
        } catch (const std::exception&) {
        }
        res.set_header("Cache-Control", "no-store");
        res.set_chunked_content_provider("text/event-stream", [this, since](size_t, httplib::DataSink& sink) mutable {
            std::unique_lock<std::mutex> lock(mu_);
            changed_.wait_for(lock, std::chrono::seconds(15), [&] { return stopping_ || generation_ > since; });
            if (stopping_) return false;
            std::string msg;
            if (generation_ > since) {
                since = generation_;
                msg = "event: reload\ndata: " + std::to_string(since) + "\n\n";
            } else {
                msg = ": still here\n\n";  // finds out, by failing, when the page has gone
            }
            lock.unlock();
            return sink.write(msg.data(), msg.size());
        });
    });
    server_->Get(R"(/(.*))", [this](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        const std::string name = req.matches[1];
        if (name.empty()) {
            // The folder's HTML editions, a link each.
            std::vector<std::string> pages;
            std::error_code ec;
            for (fs::directory_iterator it(out_dir_, ec), end; !ec && it != end; it.increment(ec))
                if (it->path().extension() == ".html" && it->path().filename().string()[0] != '.')
                    pages.push_back(it->path().filename().string());
            std::sort(pages.begin(), pages.end());
            std::string body = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>boardpack watch</title>\n"
                               "</head>\n<body>\n<main>\n<h1>HTML editions in " + html::escape(out_dir_) + "</h1>\n<ul>\n";
            for (const auto& p : pages) body += "<li><a href=\"/" + html::escape(p) + "\">" + html::escape(p) + "</a></li>\n";
            body += "</ul>\n</main>\n</body>\n</html>\n";
            res.set_content(body, "text/html; charset=utf-8");
            return;
        }
        // A plain name in the output folder, nothing else: no folder, nothing hidden,
        // no link that leads out of it.
        const char* type = content_type(name);
        if (!type || name.find('/') != std::string::npos || name[0] == '.' || !name_problem(name).empty()) return not_found(res);
        const ConfinedFile f = confined_file(out_dir_, name);
        if (!f.path) return not_found(res);
        std::string bytes = read_all(*f.path);
        if (fs::path(name).extension() == ".html") bytes = served_page(fs::path(name).stem().string(), bytes);
        res.set_content(std::move(bytes), type);
    });
}

}  // namespace bp::watch
