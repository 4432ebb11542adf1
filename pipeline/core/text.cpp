#include "core/text.hpp"

#include <cstdio>
#include <cstring>

namespace bp {

namespace {

std::string hex_byte(unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", c);
    return buf;
}

std::string code_point(unsigned cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", cp);
    return buf;
}

}  // namespace

std::optional<BadText> first_bad_character(const std::string& text, bool line_ends) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        unsigned cp = 0;
        size_t len = 0;
        if (c < 0x80) { cp = c; len = 1; }
        else if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1Fu; len = 2; }
        else if (c >= 0xE0 && c <= 0xEF) { cp = c & 0x0Fu; len = 3; }
        else if (c >= 0xF0 && c <= 0xF4) { cp = c & 0x07u; len = 4; }
        else return BadText{i, "invalid UTF-8 (byte " + hex_byte(c) + ")"};
        if (i + len > n) return BadText{i, "invalid UTF-8 (a character cut short at the end)"};
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return BadText{i, "invalid UTF-8 (byte " + hex_byte(s[i + k]) + " inside a character)"};
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        // Overlong forms, surrogates and code points past Unicode are not UTF-8 either.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return BadText{i, "invalid UTF-8 (" + code_point(cp) + " is not encoded as UTF-8 allows)"};
        if (cp == 0xE000 || cp == 0xE001)  // compose's marks round data (compose/narrative.hpp)
            return BadText{i, "a private-use character (" + code_point(cp) + ") that boardpack reserves"};
        // PoDoFo 0.9.8 draws code points one by one, left to right, with no shaping: a
        // right-to-left script would print mirrored, and a combining mark beside its
        // letter instead of on it. Refused, with what to do, rather than drawn wrong.
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
            cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
            return BadText{i, "right-to-left text (" + code_point(cp) + "), which boardpack cannot yet lay out"};
        if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
            (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F))
            return BadText{i, "a combining mark (" + code_point(cp) + "), which boardpack cannot yet place on its letter; "
                              "write the letter with its accent as one character (NFC: é, not e and U+0301)"};
        const bool allowed_space = c == '\t' || (line_ends && (c == '\n' || c == '\r'));
        if ((cp < 0x20 && !allowed_space) || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            return BadText{i, "a control character (" + code_point(cp) + ")"};
        i += len;
    }
    return std::nullopt;
}

std::string text_length_problem(const std::string& text) {
    size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    if (chars <= kMaxTextCharacters) return "";
    return "is " + std::to_string(chars) + " characters long; a text may be at most " + std::to_string(kMaxTextCharacters) +
           " (Excel's limit for a cell)";
}

std::pair<int, int> line_col(const std::string& text, size_t offset) {
    int line = 1, col = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; col = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    return {line, col};
}

std::string utf8_of(char32_t cp) {
    std::string out;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

char32_t next_code_point(const std::string& s, size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
        ++i;
        return U'\uFFFD';
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(len);
    return cp;
}

std::u32string utf32(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) out += next_code_point(s, i);
    return out;
}

// A plain scan: std::regex made this a quarter of the PDF layout's time.
std::pair<size_t, size_t> next_reference(const std::string& s, size_t from) {
    static const char* const words[] = {"Table ", "Figure ", "Appendix "};
    for (size_t i = from; i < s.size(); ++i) {
        if (s[i] != 'T' && s[i] != 'F' && s[i] != 'A') continue;
        for (const char* w : words) {
            const size_t n = std::strlen(w);
            if (s.compare(i, n, w) != 0) continue;
            size_t end = i + n;
            while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
            if (end > i + n) return {i, end - i};
        }
    }
    return {std::string::npos, 0};
}

std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace bp
