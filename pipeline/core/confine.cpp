#include "core/confine.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace bp {

std::string name_problem(const std::string& name) {
    if (name.empty()) return "is empty";
    if (name.find('\0') != std::string::npos) return "holds a NUL byte";
    if (name.find('\\') != std::string::npos) return "holds a backslash";
    if (name.front() == '/') return "is absolute; name a file inside the folder";
    for (const auto& part : fs::path(name))
        if (part == "..") return "climbs out of its folder with '..'";
    return "";
}

namespace {

std::string size_problem(const fs::path& p, std::uintmax_t max_bytes = kMaxInputBytes) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) return "cannot be read (" + ec.message() + ")";
    if (size > max_bytes)
        return "is " + std::to_string(size) + " bytes; an input may be at most " + std::to_string(max_bytes) + " bytes";
    return "";
}

// Permission bits are the kernel's to judge (root reads through them), so try.
std::string open_problem(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::string("cannot be read (") + std::strerror(errno) + ")";
    ::close(fd);
    return "";
}

std::string kind_problem(const fs::file_status& st) {
    switch (st.type()) {
        case fs::file_type::regular: return "";
        case fs::file_type::directory: return "is a folder, not a file";
        case fs::file_type::fifo: return "is a FIFO, not a regular file";
        case fs::file_type::character:
        case fs::file_type::block: return "is a device, not a regular file";
        case fs::file_type::socket: return "is a socket, not a regular file";
        default: return "is not a regular file";
    }
}

}  // namespace

ConfinedFile confined_file(const std::string& root, const std::string& name, std::uintmax_t max_bytes) {
    ConfinedFile out;
    if (auto p = name_problem(name); !p.empty()) {
        out.problem = p;
        return out;
    }
    const fs::path path = fs::path(root) / name;
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
        out.problem = "cannot be read (" + ec.message() + ")";  // a folder on the way that may not be searched
        return out;
    }
    if (ec || !fs::exists(link)) return out;  // absent: look elsewhere
    std::error_code home_ec;
    const fs::path real = fs::weakly_canonical(path, ec);
    const fs::path home = fs::weakly_canonical(fs::path(root).empty() ? fs::path(".") : fs::path(root), home_ec);
    if (ec || home_ec) {
        out.problem = "cannot be resolved (" + (ec ? ec : home_ec).message() + ")";  // a link loop, say
        return out;
    }
    const std::string inside = real.lexically_relative(home).string();
    if (inside.empty() || inside == ".." || inside.rfind("../", 0) == 0) {
        out.problem = "leads outside its folder (through a symbolic link) to " + real.string();
        return out;
    }
    const fs::file_status st = fs::status(path, ec);
    if (ec) {
        out.problem = "cannot be read (" + ec.message() + ")";  // a dangling link, a loop, no permission
        return out;
    }
    if (auto k = kind_problem(st); !k.empty()) {
        out.problem = k;
        return out;
    }
    if (auto s = size_problem(path, max_bytes); !s.empty()) {
        out.problem = s;
        return out;
    }
    if (auto o = open_problem(path); !o.empty()) {
        out.problem = o;
        return out;
    }
    out.path = path.string();
    return out;
}

std::string output_name_problem(const std::string& id) {
    if (id.empty()) return "is empty";
    if (id.size() > 100) return "is longer than 100 characters";
    const auto plain = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (!plain(static_cast<unsigned char>(id.front()))) return "must start with a letter or a digit";
    for (unsigned char c : id)
        if (!plain(c) && c != '.' && c != '_' && c != '-')
            return "may hold only letters, digits, '.', '_' and '-' (it names the output files)";
    if (id.find("..") != std::string::npos) return "may not hold '..'";
    return "";
}

std::string readable_file_problem(const std::string& path, std::uintmax_t max_bytes) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return "";  // the reader reports a missing file itself
    if (auto k = kind_problem(st); !k.empty()) return k;
    if (auto s = size_problem(path, max_bytes); !s.empty()) return s;
    return open_problem(path);
}

}  // namespace bp
