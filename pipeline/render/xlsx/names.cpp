#include "render/xlsx/names.hpp"

#include <algorithm>
#include <cctype>

namespace bp::xlsx {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// Cuts UTF-8 text to at most `chars` characters, never inside a character.
std::string cut(const std::string& s, size_t chars) {
    size_t count = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (count == chars) break;
            ++count;
        }
    }
    return s.substr(0, i);
}

}  // namespace

std::string valid_sheet_name(const std::string& wanted, std::set<std::string>& taken) {
    std::string s;
    for (char c : wanted) s += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
    while (!s.empty() && s.front() == '\'') s.erase(s.begin());
    while (!s.empty() && s.back() == '\'') s.pop_back();
    if (s.empty()) s = "Sheet";
    std::string name = cut(s, 31);
    for (int n = 2; taken.count(lower(name)); ++n) {
        const std::string suffix = " (" + std::to_string(n) + ")";
        name = cut(s, 31 - suffix.size()) + suffix;
    }
    taken.insert(lower(name));
    return name;
}

std::string valid_defined_name(const std::string& prefix, const std::string& id) {
    std::string s = prefix;
    for (unsigned char c : id) s += std::isalnum(c) ? static_cast<char>(c) : '_';
    return s;
}

}  // namespace bp::xlsx
