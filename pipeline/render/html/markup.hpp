// The small pieces of writing HTML by hand: escaping, colours and numbers as CSS and
// SVG want them, and base64 for images embedded in the file. Each is deterministic
// (no locale, no clock), so the edition is byte-stable.
#pragma once
#include <string>

#include "doc/doc.hpp"
#include "render/draw/draw.hpp"

namespace bp::html {

// Text for an element's content or an attribute value in double quotes.
std::string escape(const std::string& s);
// "#1d70b8".
std::string hex(const draw::Color& c);
std::string hex(const doc::Rgb& c);
// A coordinate: at most two decimals, trailing zeros dropped ("12.5", "-3", "0").
std::string coord(double v);
std::string base64(const std::string& bytes);
// An id made of a heading's words: "Return on Investment" -> "return-on-investment".
std::string slug(const std::string& text);

}  // namespace bp::html
