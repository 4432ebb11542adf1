// One run at a time per output folder. The lock is flock(2) on outputs/.boardpack.lock:
// the kernel releases it when its process ends, however it ends, so a lock left by a
// dead process (even one killed with -9) is never in the way.
#pragma once
#include <optional>
#include <string>

namespace bp::publish {

class OutputLock {
public:
    // Takes the lock on `dir` (creating the folder). Without `wait`, returns nullopt at
    // once when another run holds it, with `holder` saying which process.
    static std::optional<OutputLock> acquire(const std::string& dir, bool wait, std::string* holder);
    OutputLock(OutputLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    OutputLock(const OutputLock&) = delete;
    OutputLock& operator=(const OutputLock&) = delete;
    ~OutputLock();

private:
    explicit OutputLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace bp::publish
