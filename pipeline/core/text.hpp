// Text is text: what boardpack accepts as the characters of a paper. Invalid UTF-8 and
// control characters (other than tab and line ends) would be drawn as boxes in the PDF,
// cut its title short (NUL) or make the workbook's XML ill-formed; right-to-left scripts
// and combining marks would be drawn wrong (no shaping in PoDoFo 0.9.8). All are errors
// at their position, found here for YAML files, templates and decoded strings alike.
#pragma once
#include <cstddef>
#include <optional>
#include <utility>
#include <string>

namespace bp {

struct BadText {
    size_t offset = 0;        // byte offset of the first bad character
    std::string description;  // "invalid UTF-8 (byte 0xFF)", "a control character (U+0007)"
};

// The first character of `text` that is not acceptable, or nullopt. Tab, line feed
// and carriage return are allowed only when `line_ends` is true (files); a string that
// names or labels something allows tab only.
std::optional<BadText> first_bad_character(const std::string& text, bool line_ends);

// Excel's limit for one cell, and so for any text that may become one.
constexpr size_t kMaxTextCharacters = 32767;
// "is N characters long; ..." when `text` is longer than kMaxTextCharacters, else "".
std::string text_length_problem(const std::string& text);

// Decodes UTF-8; an invalid byte becomes U+FFFD.
std::u32string utf32(const std::string& utf8);
// The code point at byte `i` of `utf8`, moving `i` past it.
char32_t next_code_point(const std::string& utf8, size_t& i);

// The UTF-8 bytes of one code point.
std::string utf8_of(char32_t cp);

// 1-based line and column (in characters) of a byte offset.
std::pair<int, int> line_col(const std::string& text, size_t offset);

// The next reference "Table N", "Figure N" or "Appendix N" in `s` from `from`: its
// start and length, or npos. The writers turn these into links to their targets.
std::pair<size_t, size_t> next_reference(const std::string& s, size_t from);

// Text for XML and HTML, in content or a double-quoted attribute: & < > " escaped.
// The XMP packet and the HTML edition both use it.
std::string xml_escape(const std::string& s);

}  // namespace bp
