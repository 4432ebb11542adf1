// Layout: the document IR becomes pages of positioned drawing operations. It knows
// fonts only through Metrics, and PoDoFo not at all, so it can be tested alone.
// Coordinates are PDF points, origin at the bottom left of the page.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diag.hpp"
#include "doc/doc.hpp"
#include "render/draw/draw.hpp"
#include "render/pdf/fonts.hpp"

namespace bp::pdf {

using draw::Color;
using draw::Op;

// The logical structure of the document, for a tagged PDF: a tree of standard
// structure types in reading order. A node's content is the ops tagged with it; a
// paragraph's content may be interleaved with Link children, in drawing order.
// A table has a node per row and per cell (800,000 at 100,000 rows), so a node is kept
// small: its type names one of the fixed set below, and what only a figure has lives
// beside the tree, in Layout::figures.
struct StructNode {
    // Document, H1-H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Caption, Figure, Link,
    // TOC, TOCI: always a string literal, never freed.
    std::string_view type;
    int parent = -1;
    enum class Scope : char { none, column, row } scope = Scope::none;  // TH
    int figure = -1;  // Figure: its entry in Layout::figures
    std::vector<int> children;
};

// What a Figure node has besides its place in the tree.
struct FigureNode {
    std::string alt;  // alternative text
    size_t page = 0;  // page and bounding box
    double bbox[4] = {0, 0, 0, 0};
};

// A reference in the text ("see Table 3") and the place it leads to.
struct Link {
    size_t page = 0;
    double x = 0, y = 0, w = 0, h = 0;  // the words' box
    int node = -1;                      // its Link structure element
    std::string target;                 // "Table 3", "Figure 2", "Appendix 1", or a heading
    bool exact = false;                 // target is a whole heading, not a numbered prefix
    size_t target_page = 0;
    double target_y = 0;
};

struct Bookmark {
    int level = 1;
    std::string title;
    size_t page = 0;
    double y = 0;
};

struct Page {
    std::vector<Op> ops;
    bool landscape = false;  // a wide table's page: A4 turned on its side
};

struct PageGeometry {
    double width = 595.28, height = 841.89;  // A4
    double margin_left = 62, margin_right = 62, margin_top = 56, margin_bottom = 64;
    static PageGeometry of(const doc::Look& look);
    double content_width() const { return width - margin_left - margin_right; }
    PageGeometry turned() const {
        PageGeometry t = *this;
        std::swap(t.width, t.height);
        return t;
    }
};

struct Layout {
    std::vector<Page> pages;
    std::vector<Bookmark> bookmarks;
    std::vector<StructNode> nodes;  // nodes[0] is the Document
    std::vector<FigureNode> figures;  // of the Figure nodes, each naming its entry
    std::vector<Link> links;        // resolved references, in reading order
    std::vector<std::shared_ptr<const Image>> images;  // drawn by ops of kind image
    // Where the contents list drew each entry's page number: (page, op) indices.
    std::vector<std::pair<size_t, size_t>> contents_numbers;
};

// Lays out the document. A character the font cannot show is an error naming it and
// the text it is in; layout then goes on, so that every such character is reported.
Layout layout_document(const doc::Document& d, const Metrics& m, const PageGeometry& g, Diagnostics& diags);

using draw::break_lines;


}  // namespace bp::pdf
