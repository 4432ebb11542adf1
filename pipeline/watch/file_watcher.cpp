#include "watch/file_watcher.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/diag.hpp"

namespace fs = std::filesystem;

namespace bp::watch {

std::string normal_path(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    if (ec) p = path;
    return p.lexically_normal().string();
}

FileWatcher::FileWatcher() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ < 0) throw InternalError(std::string("cannot watch files (inotify): ") + std::strerror(errno));
}

FileWatcher::~FileWatcher() {
    if (fd_ >= 0) ::close(fd_);
}

void FileWatcher::watch_folders(const std::set<std::string>& folders) {
    // What an edit can do to a folder's entries. IN_CLOSE_WRITE, not IN_MODIFY: a
    // save is seen once, when the editor has finished writing.
    constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |
                               IN_MOVE_SELF | IN_ONLYDIR;
    std::set<std::string> wanted;
    for (const auto& f : folders) {
        // A folder that is not there yet: its nearest existing parent, whose new entry
        // will prompt the caller to look again.
        fs::path p = f;
        std::error_code ec;
        while (!p.empty() && p != p.root_path() && !fs::is_directory(p, ec)) p = p.parent_path();
        if (!p.empty()) wanted.insert(p.string());
    }
    for (auto it = folder_of_.begin(); it != folder_of_.end();) {
        if (wanted.count(it->second)) {
            ++it;
            continue;
        }
        ::inotify_rm_watch(fd_, it->first);
        it = folder_of_.erase(it);
    }
    for (const auto& f : wanted) {
        const int wd = ::inotify_add_watch(fd_, f.c_str(), kMask);
        if (wd >= 0) folder_of_[wd] = f;  // a folder that vanished in between: looked at again on the next change
    }
    moved_ = false;
}

void FileWatcher::read_events(std::set<std::string>& changed) {
    alignas(inotify_event) char buf[16384];
    while (true) {
        const ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n <= 0) return;  // EAGAIN: nothing more pending
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            if (e->mask & IN_Q_OVERFLOW) {
                moved_ = true;  // events were lost: the caller re-renders and looks again
                continue;
            }
            auto it = folder_of_.find(e->wd);
            if (it == folder_of_.end()) continue;
            if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                moved_ = true;
                changed.insert(it->second);
                continue;
            }
            if (e->len > 0) changed.insert((fs::path(it->second) / e->name).string());
        }
    }
}

}  // namespace bp::watch
