// Stage 8, the author's loop: which files changed on disk, from inotify(7).
//
// Folders are watched, not files: an editor that saves by writing a new file and
// renaming it over the old one replaces the file (a new inode), which a watch on the
// file itself would lose; the folder sees the rename. A folder that does not exist yet
// is watched from its nearest existing parent, so it is picked up when it appears.
#pragma once
#include <chrono>
#include <map>
#include <set>
#include <string>

namespace bp::watch {

class FileWatcher {
public:
    FileWatcher();  // throws InternalError when inotify is unavailable
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    // Watches exactly these folders (absolute paths) from now on.
    void watch_folders(const std::set<std::string>& folders);

    // The descriptor to poll(2) for readability.
    int fd() const { return fd_; }

    // Reads what is pending and collects the paths it names: each entry created,
    // written, renamed or deleted in a watched folder. Call when fd() is readable.
    void read_events(std::set<std::string>& changed);

    // Whether a watched folder itself went away (removed or renamed) since the last
    // watch_folders: the caller should work out its folders again.
    bool folders_moved() const { return moved_; }

private:
    int fd_ = -1;
    std::map<int, std::string> folder_of_;  // watch descriptor -> folder
    bool moved_ = false;
};

// The path as watch compares paths: absolute and lexically normal.
std::string normal_path(const std::string& path);

}  // namespace bp::watch
