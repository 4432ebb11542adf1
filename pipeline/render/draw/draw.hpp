// Drawing in points, shared by the writers that draw: positioned operations (text,
// lines, rectangles, polygons, images) and the charts made of them. The PDF paints
// these ops with PoDoFo; the HTML edition writes the same ops of a chart as SVG, so a
// figure is the same drawing in both. Knows the document IR and nothing of any format.
// Coordinates are PDF points, origin at the bottom left.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "doc/doc.hpp"

namespace bp::draw {

struct Color {
    double r = 0, g = 0, b = 0;
};

struct Op {
    enum class Kind { text, line, rect, polygon, polyline, image } kind = Kind::text;
    double x = 0, y = 0;     // text: baseline start; line: start; rect: lower left
    double x2 = 0, y2 = 0;   // line: end
    double w = 0, h = 0;     // rect, image
    int image = -1;          // image: index into the layout's images
    double size = 0;         // text: font size
    double stroke = 0.5;     // line, polyline: width
    bool bold = false;
    Color color;
    std::string text;
    std::vector<std::pair<double, double>> points;  // polygon, polyline
    int tag = -1;  // the structure node this op belongs to; -1 marks page furniture (an artifact)

    static Op text_at(double x, double y, const std::string& s, double size, bool bold, Color c);
    static Op line_between(double x1, double y1, double x2, double y2, double width, Color c);
    static Op filled_rect(double x, double y, double w, double h, Color c);
};

// What drawing needs to know about text: its width in a font, and whether the font
// has a character.
class Metrics {
public:
    virtual ~Metrics() = default;
    virtual double width(const std::string& utf8, bool bold, double size) const = 0;
    virtual bool covers(char32_t cp) const = 0;
};

// Greedy line breaking at spaces; a word wider than the measure is broken between
// characters, so no line ever overflows.
std::vector<std::string> break_lines(const std::string& text, double width, bool bold, double size, const Metrics& m);

// Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten.
std::vector<double> nice_ticks(double lo, double hi, int target_count);

// Draws a chart into the box (x, y) lower-left, w x h.
void draw_chart(const doc::Chart& c, double x, double y, double w, double h, const Metrics& m, const std::vector<Color>& palette,
                std::vector<Op>& ops);

}  // namespace bp::draw
