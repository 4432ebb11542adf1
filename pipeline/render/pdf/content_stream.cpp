#include "render/pdf/content_stream.hpp"

#include <algorithm>

#include <cmath>
#include <cstdint>

namespace bp::pdf {

void append_number(std::string& out, double v) {
    // Whole thousandths, rounded half away from zero, then printed as an integer and a
    // fraction: exact, locale-free and several times faster than printf's %f.
    long long milli = std::llround(v * 1000.0);
    if (milli < 0) {
        out += '-';
        milli = -milli;
    }
    char digits[24];
    int n = 0;
    long long whole = milli / 1000;
    do {
        digits[n++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole > 0);
    while (n > 0) out += digits[--n];
    int frac = static_cast<int>(milli % 1000);
    if (frac == 0) return;
    out += '.';
    for (int scale = 100; frac > 0; scale /= 10) {
        out += static_cast<char>('0' + frac / scale);
        frac %= scale;
    }
}

namespace {
bool same(const Color& a, const Color& b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
}  // namespace

void ContentStream::set_fill(const Color& c) {
    if (same(c, fill_)) return;
    fill_ = c;
    number(c.r);
    number(c.g);
    number(c.b);
    out_ += "rg\n";
}

void ContentStream::set_stroke(const Color& c, double width) {
    if (!same(c, stroke_)) {
        stroke_ = c;
        number(c.r);
        number(c.g);
        number(c.b);
        out_ += "RG\n";
    }
    if (width != line_width_) {
        line_width_ = width;
        number(width);
        out_ += "w\n";
    }
}

void ContentStream::text(const Op& op) {
    const int font = op.bold ? 1 : 0;
    used_[font] = true;
    set_fill(op.color);
    out_ += "BT\n";
    // Tf is part of the text state, which outlives BT/ET: state it only when it changes.
    if (font != font_ || op.size != font_size_) {
        font_ = font;
        font_size_ = op.size;
        out_ += op.bold ? "/F2 " : "/F1 ";
        number(op.size);
        out_ += "Tf\n";
    }
    number(op.x);
    number(op.y);
    out_ += "Td\n<";
    fonts_.append_glyph_ids(out_, op.text, op.bold);
    out_ += "> Tj\nET\n";
}

void ContentStream::path(const std::vector<std::pair<double, double>>& points) {
    for (size_t i = 0; i < points.size(); ++i) {
        number(points[i].first);
        number(points[i].second);
        out_ += i == 0 ? "m\n" : "l\n";
    }
}

void ContentStream::paint(const Op& o) {
    switch (o.kind) {
        case Op::Kind::text:
            text(o);
            break;
        case Op::Kind::line:
            set_stroke(o.color, o.stroke);
            path({{o.x, o.y}, {o.x2, o.y2}});
            out_ += "S\n";
            break;
        case Op::Kind::rect:
            set_fill(o.color);
            number(o.x);
            number(o.y);
            number(o.w);
            number(o.h);
            out_ += "re\nf\n";
            break;
        case Op::Kind::polygon:
            if (o.points.empty()) break;
            set_fill(o.color);
            path(o.points);
            out_ += "h\nf\n";
            break;
        case Op::Kind::polyline:
            if (o.points.empty()) break;
            set_stroke(o.color, o.stroke);
            path(o.points);
            out_ += "S\n";
            break;
        case Op::Kind::image:
            // The image's unit square scaled into its box; q/Q keep the state cached above.
            out_ += "q\n";
            number(o.w);
            out_ += "0 0 ";
            number(o.h);
            number(o.x);
            number(o.y);
            out_ += "cm\n/Im" + std::to_string(o.image) + " Do\nQ\n";
            if (std::find(images_.begin(), images_.end(), o.image) == images_.end()) images_.push_back(o.image);
            break;
    }
}

}  // namespace bp::pdf
