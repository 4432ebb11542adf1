// A workbook read back: every part of its zip by name, inflated (minizip). For
// `boardpack check`, which compares workbooks cell by cell, and the tests.
#pragma once
#include <map>
#include <string>

namespace bp::xlsx {

// Empty when `path` is not a zip that can be read.
std::map<std::string, std::string> unzip_all(const std::string& path);

}  // namespace bp::xlsx
