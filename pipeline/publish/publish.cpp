#include "publish/publish.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/diag.hpp"

namespace bp::publish {

std::string temp_path_for(const std::string& target) {
    const std::filesystem::path p(target);
    return (p.parent_path() / ("." + p.filename().string() + ".tmp." + std::to_string(::getpid()))).string();
}

static void sync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw InternalError("cannot open " + path + ": " + std::strerror(errno));
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) throw InternalError("cannot flush " + path + " to disk: " + std::strerror(err));
}

void commit(const std::string& temp, const std::string& target) {
    try {
        sync_file(temp);
        if (std::rename(temp.c_str(), target.c_str()) != 0)
            throw InternalError("cannot rename " + temp + " to " + target + ": " + std::strerror(errno));
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
}

void write_atomically(const std::string& target, const std::string& bytes) {
    const std::string temp = temp_path_for(target);
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw InternalError("cannot write " + temp + ": " + std::strerror(errno));
    const size_t n = std::fwrite(bytes.data(), 1, bytes.size(), f);
    const bool ok = n == bytes.size() && std::fflush(f) == 0;
    const int err = errno;
    if (std::fclose(f) != 0 || !ok) {
        std::remove(temp.c_str());
        throw InternalError("cannot write " + temp + ": " + std::strerror(err ? err : EIO));
    }
    commit(temp, target);
}

}  // namespace bp::publish
