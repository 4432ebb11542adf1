#include "render/xlsx/zip_parts.hpp"

#include <unzip.h>

namespace bp::xlsx {

std::map<std::string, std::string> unzip_all(const std::string& path) {
    std::map<std::string, std::string> files;
    unzFile z = unzOpen64(path.c_str());
    if (!z) return files;
    for (int r = unzGoToFirstFile(z); r == UNZ_OK; r = unzGoToNextFile(z)) {
        char name[512];
        unz_file_info64 info;
        if (unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) continue;
        if (unzOpenCurrentFile(z) != UNZ_OK) continue;
        std::string data;
        char buf[65536];
        for (int n; (n = unzReadCurrentFile(z, buf, sizeof buf)) > 0;) data.append(buf, static_cast<size_t>(n));
        unzCloseCurrentFile(z);
        files[name] = data;
    }
    unzClose(z);
    return files;
}

}  // namespace bp::xlsx
