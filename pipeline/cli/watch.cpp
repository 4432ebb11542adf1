#include "cli/watch.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "publish/fingerprint.hpp"
#include "watch/file_watcher.hpp"
#include "watch/live_server.hpp"

namespace fs = std::filesystem;

namespace bp::cli {

namespace {

// How long the folders must be quiet before a render: an editor's save is several
// events (write a temporary file, rename it, change its mode), and a render between
// them would read half of it.
constexpr int kQuietMs = 30;

// What a report depends on, as watch compares paths.
struct Watched {
    std::set<std::string> files;
    std::set<std::string> folders;  // where a new file would count: never shrinks
};

bool is_input_kind(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".mustache" || ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

bool inside(const std::string& path, const std::string& folder) {
    return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

std::string clock_now() {
    const std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    return buf;
}

class Watcher {
public:
    Watcher(const std::vector<std::string>& reports, const WatchOptions& opts)
        : reports_(reports), opts_(opts), out_dir_(watch::normal_path(opts.batch.out_dir)), terminal_(::isatty(2) != 0) {}

    int run();

private:
    std::vector<std::string> reports_;
    WatchOptions opts_;
    std::string out_dir_;
    bool terminal_;
    std::map<std::string, Watched> watched_;  // report -> what it depends on
    watch::FileWatcher files_;
    std::unique_ptr<watch::LiveServer> server_;

    void look_again(const std::string& report);
    void render(const std::vector<std::string>& reports, const std::string& why, const std::vector<std::string>& notes = {});
    std::vector<std::string> affected(const std::set<std::string>& changed, bool everything) const;
    void watch_folders();
};

void Watcher::look_again(const std::string& report) {
    Watched& w = watched_[report];
    const publish::ReportInputs in = publish::report_inputs(report, opts_.batch.templates_root, opts_.batch.previous_dir);
    w.files.clear();
    w.files.insert(watch::normal_path(report));
    for (const auto& f : in.files) w.files.insert(watch::normal_path(f));
    for (const auto& f : w.files) w.folders.insert(fs::path(f).parent_path().string());
    for (const auto& f : in.folders) w.folders.insert(watch::normal_path(f));
}

void Watcher::watch_folders() {
    std::set<std::string> all;
    for (const auto& [report, w] : watched_) all.insert(w.folders.begin(), w.folders.end());
    files_.watch_folders(all);
}

std::vector<std::string> Watcher::affected(const std::set<std::string>& changed, bool everything) const {
    std::vector<std::string> out;
    for (const auto& report : reports_) {
        const Watched& w = watched_.at(report);
        bool hit = everything;
        for (const auto& path : changed) {
            if (hit) break;
            if (path == out_dir_ || inside(path, out_dir_)) continue;  // its own outputs
            // A file it reads, or a new one of a kind it may come to read (a template
            // just written, a data file the spec is about to name).
            hit = w.files.count(path) || w.folders.count(path) ||
                  (w.folders.count(fs::path(path).parent_path().string()) && is_input_kind(path));
        }
        if (hit) out.push_back(report);
    }
    return out;
}

void Watcher::render(const std::vector<std::string>& reports, const std::string& why, const std::vector<std::string>& notes) {
    // One screen per save on a terminal: this render's diagnostics, not the last ten.
    if (terminal_) std::cerr << "\033[2J\033[H";
    std::cerr << "boardpack watch: " << clock_now() << " " << why << "\n";
    for (const auto& n : notes) std::cerr << "boardpack watch: " << n << "\n";
    BatchOptions b = opts_.batch;
    std::vector<std::string> failed;
    b.on_report = [&](const std::string& id, const std::vector<std::string>& errors) {
        if (!errors.empty()) failed.push_back(id);
        if (server_) server_->rendered(id, errors);
    };
    const auto start = std::chrono::steady_clock::now();
    const int status = run_batch(reports, b);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    if (status == kBusy) std::cerr << "boardpack watch: nothing rendered; save again when the other run has finished\n";
    for (const auto& id : failed)
        std::cerr << "boardpack watch: " << (id.empty() ? std::string("a report") : "'" + id + "'")
                  << " has errors, so its last good outputs stay in " << opts_.batch.out_dir << "\n";
    // What the render found it reads (a data file the spec now names), watched before
    // saying so: a save the moment the line appears must be seen.
    for (const auto& r : reports) look_again(r);
    watch_folders();
    std::cerr << "boardpack watch: done in " << ms << " ms; watching for changes (Ctrl-C to stop)\n";
}

int Watcher::run() {
    // Ctrl-C and kill arrive as data on a descriptor, between renders: a render under
    // way finishes its files (written whole, then renamed), so nothing half-written
    // or temporary is left. Blocked before any thread starts, so none takes them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    ::pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    const int signals = ::signalfd(-1, &stop, SFD_CLOEXEC);
    if (signals < 0) {
        std::cerr << "boardpack watch: cannot wait for Ctrl-C (signalfd)\n";
        return kInternal;
    }
    if (opts_.serve_port >= 0) {
        std::error_code ec;
        fs::create_directories(opts_.batch.out_dir, ec);
        server_ = std::make_unique<watch::LiveServer>(opts_.batch.out_dir);
        if (const std::string problem = server_->start(opts_.serve_port); !problem.empty()) {
            std::cerr << "boardpack watch: " << problem << "\n";
            ::close(signals);
            return kInternal;
        }
        std::cerr << "boardpack watch: serving " << opts_.batch.out_dir << " at http://127.0.0.1:" << server_->port()
                  << "/ (pages reload after each render)\n";
    }
    // Watched from before the first render, so a save during it is not lost.
    for (const auto& r : reports_) look_again(r);
    watch_folders();
    render(reports_, "building " + std::to_string(reports_.size()) + (reports_.size() == 1 ? " report" : " reports"));

    std::set<std::string> changed;
    while (true) {
        pollfd fds[2] = {{files_.fd(), POLLIN, 0}, {signals, POLLIN, 0}};
        // Waiting for a first change: no timeout. Gathering a save: until it is quiet.
        const int n = ::poll(fds, 2, changed.empty() ? -1 : kQuietMs);
        if (n < 0 && errno == EINTR) continue;
        if (fds[1].revents & POLLIN) break;
        if (n > 0 && (fds[0].revents & POLLIN)) {
            files_.read_events(changed);
            continue;
        }
        if (changed.empty()) continue;
        // Quiet: what the save changed.
        const bool moved = files_.folders_moved();
        const std::vector<std::string> todo = affected(changed, moved);
        std::string why;
        std::vector<std::string> notes;
        for (const auto& path : changed) {
            if (path == out_dir_ || inside(path, out_dir_)) continue;
            bool watched = false;
            for (const auto& [report, w] : watched_) watched = watched || w.files.count(path);
            std::error_code ec;
            const bool exists = fs::exists(path, ec);
            if (watched && !exists) notes.push_back(path + " was deleted; watching for it to come back");
            if (why.empty() && (watched || is_input_kind(path)))
                why = fs::path(path).filename().string() + (!exists ? " deleted" : watched ? " changed" : " appeared");
        }
        changed.clear();
        if (todo.empty()) {
            if (moved) watch_folders();
            continue;
        }
        if (why.empty()) why = "a watched folder moved";
        render(todo, why, notes);
    }
    ::close(signals);
    std::cerr << "boardpack watch: stopped\n";
    return kOk;
}

}  // namespace

int run_watch(const std::vector<std::string>& reports, const WatchOptions& opts) { return Watcher(reports, opts).run(); }

}  // namespace bp::cli
