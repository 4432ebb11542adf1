// A page's content stream, written as PDF operators straight into a string.
// PdfPainter formats every number through a locale-imbued ostringstream and states the
// font and colour again for every string; profiling showed that to be a third of the
// PDF writer's time. Here numbers are written with at most three decimals (1/1000 pt,
// far below what a printer resolves), and colour, line width and font only when they
// change. Text is written as Identity-H glyph IDs, which is what PoDoFo itself writes
// for these fonts; FontSet remembers which characters were used, for the subset.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "render/pdf/fonts.hpp"
#include "render/pdf/layout.hpp"

namespace bp::pdf {

// Appends `v` to `out` with at most three decimals and no trailing zeros: 12, 12.5, -0.125.
void append_number(std::string& out, double v);

class ContentStream {
public:
    explicit ContentStream(FontSet& fonts) : fonts_(fonts) {}
    void paint(const Op& op);
    // Marked-content operators and anything else written verbatim.
    void raw(const std::string& s) { out_ += s; }
    const std::string& str() const { return out_; }
    // Which of the two fonts this page used, for its /Resources.
    bool used_font(bool bold) const { return used_[bold ? 1 : 0]; }
    // The images this page drew (Layout::images indices), for its /Resources.
    const std::vector<int>& images_used() const { return images_; }

private:
    FontSet& fonts_;
    std::string out_;
    // The graphics state as last written; NaN-free sentinels force the first write.
    Color fill_{-1, -1, -1}, stroke_{-1, -1, -1};
    double line_width_ = -1;
    int font_ = -1;
    double font_size_ = -1;
    bool used_[2] = {false, false};
    std::vector<int> images_;

    void number(double v) {
        append_number(out_, v);
        out_ += ' ';
    }
    void set_fill(const Color& c);
    void set_stroke(const Color& c, double width);
    void text(const Op& op);
    void path(const std::vector<std::pair<double, double>>& points);
};

}  // namespace bp::pdf
