#include "render/html/markup.hpp"

#include "core/text.hpp"

#include <cmath>
#include <algorithm>
#include <cctype>
#include <cstdio>

namespace bp::html {

std::string escape(const std::string& s) { return xml_escape(s); }

static std::string hex_of(double r, double g, double b) {
    auto byte = [](double v) { return static_cast<unsigned>(std::lround(std::min(1.0, std::max(0.0, v)) * 255)); };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(r), byte(g), byte(b));
    return buf;
}

std::string hex(const draw::Color& c) { return hex_of(c.r, c.g, c.b); }
std::string hex(const doc::Rgb& c) { return hex_of(c.r, c.g, c.b); }

std::string coord(double v) {
    long long hundredths = std::llround(v * 100);
    std::string sign = hundredths < 0 ? "-" : "";
    if (hundredths < 0) hundredths = -hundredths;
    std::string s = sign + std::to_string(hundredths / 100);
    const long long frac = hundredths % 100;
    if (frac != 0) {
        s += '.';
        s += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) s += static_cast<char>('0' + frac % 10);
    }
    return s == "-0" ? "0" : s;
}

std::string base64(const std::string& bytes) {
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += abc[(n >> k) & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += abc[(n >> 18) & 63];
        out += abc[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? abc[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string slug(const std::string& text) {
    std::string out;
    bool dash = false;
    for (char32_t c : utf32(text)) {
        if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
            if (dash && !out.empty()) out += '-';
            out += static_cast<char>(std::tolower(static_cast<int>(c)));
            dash = false;
        } else if (c != '\'' && c != 0x2019) {  // "Children's" -> "childrens"
            dash = true;
        }
    }
    return out.empty() ? "section" : out;
}

}  // namespace bp::html
