#include "publish/publish.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

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

AtomicOutput::AtomicOutput(std::string target) : target_(std::move(target)), temp_(temp_path_for(target_)) {
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) throw InternalError("cannot write " + temp_ + ": " + std::strerror(errno));
    setp(buffer_, buffer_ + sizeof buffer_);
}

AtomicOutput::~AtomicOutput() {
    if (file_) {
        std::fclose(file_);
        std::remove(temp_.c_str());
    }
}

void AtomicOutput::drain() {
    const size_t n = static_cast<size_t>(pptr() - pbase());
    hash_.update(pbase(), n);
    if (n > 0 && !error_ && std::fwrite(pbase(), 1, n, file_) != n) error_ = errno ? errno : EIO;
    setp(buffer_, buffer_ + sizeof buffer_);
}

AtomicOutput::int_type AtomicOutput::overflow(int_type c) {
    drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return error_ ? traits_type::eof() : traits_type::not_eof(c);
}

int AtomicOutput::sync() {
    drain();
    return error_ ? -1 : 0;
}

std::string AtomicOutput::commit() {
    drain();
    const bool ok = !error_ && std::fflush(file_) == 0;
    const int err = error_ ? error_ : errno;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok || !closed) {
        std::remove(temp_.c_str());
        throw InternalError("cannot write " + temp_ + ": " + std::strerror(err ? err : EIO));
    }
    publish::commit(temp_, target_);
    return hash_.hex();
}

}  // namespace bp::publish
