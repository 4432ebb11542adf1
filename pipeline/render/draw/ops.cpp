// The drawing ops' constructors and the ticks of a chart's value axis.
#include <cmath>

#include "core/text.hpp"
#include "render/draw/draw.hpp"

namespace bp::draw {

Op Op::text_at(double x, double y, const std::string& s, double size, bool bold, Color c) {
    Op o;
    o.kind = Kind::text;
    o.x = x;
    o.y = y;
    o.size = size;
    o.bold = bold;
    o.color = c;
    o.text = s;
    return o;
}

Op Op::line_between(double x1, double y1, double x2, double y2, double width, Color c) {
    Op o;
    o.kind = Kind::line;
    o.x = x1; o.y = y1; o.x2 = x2; o.y2 = y2;
    o.stroke = width;
    o.color = c;
    return o;
}

Op Op::filled_rect(double x, double y, double w, double h, Color c) {
    Op o;
    o.kind = Kind::rect;
    o.x = x; o.y = y; o.w = w; o.h = h;
    o.color = c;
    return o;
}

std::vector<double> nice_ticks(double lo, double hi, int target_count) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    // Equal values still need a scale; one relative to their size, since adding 1 to a
    // figure of 10^18 changes nothing in a double and the loop below would never end.
    if (hi <= lo) hi = lo + std::max(1.0, std::abs(lo) * 0.1);
    const double raw = (hi - lo) / std::max(1, target_count);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag * 10;
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * mag >= raw) { step = f * mag; break; }
    std::vector<double> ticks;
    const double start = std::floor(lo / step + 1e-9) * step;
    // Each tick from the start, not by adding to the last (no drift); a bound on the count.
    for (int i = 0; i <= 4 * std::max(1, target_count) + 2; ++i) {
        const double v = start + step * i;
        if (v > hi + step * 0.999) break;
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    }
    if (ticks.size() < 2) ticks = {lo, hi};
    return ticks;
}

std::vector<std::string> break_lines(const std::string& text, double width, bool bold, double size, const Metrics& m) {
    std::vector<std::string> lines;
    std::string line;
    double line_width = 0;  // widths add up: PoDoFo draws no kerning
    const double space = m.width(" ", bold, size);
    size_t i = 0;
    while (i <= text.size()) {
        size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        std::string word = text.substr(i, j - i);
        i = j + 1;
        if (word.empty()) {
            if (j >= text.size()) break;
            continue;
        }
        const double word_width = m.width(word, bold, size);
        const double candidate = line.empty() ? word_width : line_width + space + word_width;
        if (candidate <= width + 1e-9) {
            line = line.empty() ? word : line + " " + word;
            line_width = candidate;
        } else {
            if (!line.empty()) lines.push_back(line);
            line.clear();
            line_width = 0;
            // A word wider than the measure is broken between characters, measured one
            // character at a time (widths add up), so a word of a megabyte is linear.
            if (word_width > width + 1e-9) {
                const std::u32string cps = utf32(word);
                std::string head;
                double head_width = 0;
                size_t bytes = 0;
                for (char32_t cp : cps) {
                    const size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                    const std::string ch = word.substr(bytes, len);
                    const double w = m.width(ch, bold, size);
                    if (!head.empty() && head_width + w > width + 1e-9) {
                        lines.push_back(head);
                        head.clear();
                        head_width = 0;
                    }
                    head += ch;
                    head_width += w;
                    bytes += len;
                }
                word = head;
            }
            line = word;
            line_width = m.width(word, bold, size);
        }
        if (j >= text.size()) break;
    }
    if (!line.empty()) lines.push_back(line);
    if (lines.empty()) lines.push_back("");
    return lines;
}

}  // namespace bp::draw
