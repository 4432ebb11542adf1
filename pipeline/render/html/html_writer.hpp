// Stage 6c, the HTML edition: the document IR as one self-contained, accessible page
// (CSS inline, charts as inline SVG, images as data: URIs, no script, no request to any
// other host). It walks the same blocks the PDF lays out, so its paragraphs, numbers,
// tables and figures are the PDF's by construction; only the layout is the browser's.
#pragma once
#include <string>

#include "doc/doc.hpp"

namespace bp::html {

// The font files to measure chart text in when the house style names none of its own
// (the files the PDF embeds).
struct Fonts {
    std::string regular, bold;
};

// Throws InternalError when a font file cannot be read.
std::string render_html(const doc::Document& d, const Fonts& fonts);

// The style sheet, from the house style's colours, font and footer (stylesheet.cpp).
std::string stylesheet(const doc::Look& look);

}  // namespace bp::html
