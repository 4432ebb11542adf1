#include "publish/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "core/diag.hpp"

namespace bp::publish {

std::optional<OutputLock> OutputLock::acquire(const std::string& dir, bool wait, std::string* holder) {
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / ".boardpack.lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw InternalError("cannot open " + path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        const int err = errno;
        if (err == EWOULDBLOCK && holder) {
            char buf[64] = {};
            const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
            *holder = n > 0 ? "process " + std::string(buf, static_cast<size_t>(n)) : "another process";
            while (!holder->empty() && (holder->back() == '\n' || holder->back() == ' ')) holder->pop_back();
        }
        ::close(fd);
        if (err == EWOULDBLOCK) return std::nullopt;
        throw InternalError("cannot lock " + path + ": " + std::strerror(err));
    }
    // Who holds it, for the message a second run prints.
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) (void)::pwrite(fd, pid.data(), pid.size(), 0);
    return OutputLock(fd);
}

OutputLock::~OutputLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace bp::publish
