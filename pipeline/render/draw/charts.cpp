// Vector charts drawn from the document model: column, stacked column, line and radar.
// The palette is the house style's (by default the Analysis Function's categorical
// colours, each 3:1 against the page); line series also differ in marker shape, so
// they stay apart in greyscale print.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/format.hpp"
#include "render/draw/draw.hpp"

namespace bp::draw {

namespace {

const Color kAxis{0.25, 0.25, 0.25};
const Color kGrid{0.85, 0.85, 0.85};
const Color kLabel{0.2, 0.2, 0.2};

// Series colours from the house style's palette (checked for contrast there), in turn.
Color colour(const std::vector<Color>& palette, size_t i) { return palette.empty() ? Color{} : palette[i % palette.size()]; }

std::string tick_label(double v, double step) {
    int decimals = 0;
    while (decimals < 3 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = group_thousands(buf);
    if (s.rfind("-", 0) == 0 && std::abs(v) > 0) s = "(" + s.substr(1) + ")";  // as the finance tables print
    if (std::abs(v) < 1e-12) s = "0";
    return s;
}

Op text_op(double x, double y, const std::string& s, double size, Color c) { return Op::text_at(x, y, s, size, false, c); }
Op line_op(double x1, double y1, double x2, double y2, double w, Color c) { return Op::line_between(x1, y1, x2, y2, w, c); }
Op rect_op(double x, double y, double w, double h, Color c) { return Op::filled_rect(x, y, w, h, c); }

// Marker shapes by series: circle-ish octagon, square, triangle, diamond.
Op marker(double cx, double cy, size_t series, Color c) {
    Op o;
    o.kind = Op::Kind::polygon;
    o.color = c;
    const double r = 3.2;
    switch (series % 4) {
        case 0:
            for (int k = 0; k < 8; ++k) {
                const double a = k * 3.14159265358979 / 4 + 3.14159265358979 / 8;
                o.points.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
            }
            break;
        case 1: o.points = {{cx - r, cy - r}, {cx + r, cy - r}, {cx + r, cy + r}, {cx - r, cy + r}}; break;
        case 2: o.points = {{cx - r, cy - r}, {cx + r, cy - r}, {cx, cy + r * 1.2}}; break;
        default: o.points = {{cx, cy - r * 1.3}, {cx + r * 1.3, cy}, {cx, cy + r * 1.3}, {cx - r * 1.3, cy}}; break;
    }
    return o;
}

// Radar: one spoke per category (the Star's ten areas), clockwise from the top;
// rings at round values; each series a closed outline with its markers.
void draw_radar(const doc::Chart& c, double x, double y, double w, double h, const Metrics& m, const std::vector<Color>& palette,
                std::vector<Op>& ops) {
    const double label_size = 7.5, legend_h = 16;
    double hi = 0;
    for (const auto& s : c.series) for (const auto& v : s.values) if (v) hi = std::max(hi, v->to_double());
    const auto ticks = nice_ticks(0, hi, 5);
    const double vmax = ticks.back();
    const size_t n = std::max<size_t>(3, c.categories.size());
    const double cx = x + w / 2, cy = y + legend_h + (h - legend_h) / 2;
    const double r = std::min(w * 0.6, h - legend_h) / 2 - 22;
    const double pi = 3.14159265358979;
    auto point = [&](size_t k, double v) {
        const double a = pi / 2 - 2 * pi * static_cast<double>(k) / static_cast<double>(n);
        return std::make_pair(cx + r * v / vmax * std::cos(a), cy + r * v / vmax * std::sin(a));
    };
    for (double t : ticks) {
        if (t <= 0) continue;
        Op ring;
        ring.kind = Op::Kind::polyline;
        ring.stroke = 0.4;
        ring.color = kGrid;
        for (size_t k = 0; k <= n; ++k) ring.points.push_back(point(k % n, t));
        ops.push_back(ring);
        const std::string lbl = tick_label(t, ticks.size() > 1 ? ticks[1] - ticks[0] : 1);
        const auto pt = point(0, t);
        ops.push_back(text_op(pt.first + 2, pt.second - label_size * 0.35, lbl, label_size * 0.9, kLabel));
    }
    for (size_t k = 0; k < n; ++k) {
        const auto end = point(k, vmax);
        ops.push_back(line_op(cx, cy, end.first, end.second, 0.4, kGrid));
        if (k >= c.categories.size()) continue;
        // Labels outside the outer ring, on the side of the spoke they belong to.
        const auto at = point(k, vmax * 1.08);
        const auto lines = break_lines(c.categories[k], 80, false, label_size, m);
        double ly = at.second + (static_cast<double>(lines.size()) - 1) * label_size * 0.6 - label_size * 0.35;
        for (const auto& l : lines) {
            const double lw = m.width(l, false, label_size);
            const double dx = at.first - cx;
            const double lx = std::abs(dx) < 2 ? at.first - lw / 2 : dx > 0 ? at.first : at.first - lw;
            ops.push_back(text_op(lx, ly, l, label_size, kLabel));
            ly -= label_size * 1.2;
        }
    }
    for (size_t s = 0; s < c.series.size(); ++s) {
        Op outline;
        outline.kind = Op::Kind::polyline;
        outline.stroke = 1.6;
        outline.color = colour(palette, s);
        std::vector<Op> marks;
        for (size_t k = 0; k < n && k < c.series[s].values.size(); ++k) {
            const auto& v = c.series[s].values[k];
            if (!v) continue;
            const auto pt = point(k, v->to_double());
            outline.points.push_back(pt);
            marks.push_back(marker(pt.first, pt.second, s, colour(palette, s)));
        }
        if (outline.points.size() == n) outline.points.push_back(outline.points.front());  // closed when complete
        if (outline.points.size() > 1) ops.push_back(outline);
        ops.insert(ops.end(), marks.begin(), marks.end());
    }
    double lx = x + w / 2 - 90;
    for (size_t s = 0; s < c.series.size(); ++s) {
        ops.push_back(line_op(lx, y + 6.5, lx + 14, y + 6.5, 1.6, colour(palette, s)));
        ops.push_back(marker(lx + 7, y + 6.5, s, colour(palette, s)));
        ops.push_back(text_op(lx + 18, y + 4, c.series[s].name, label_size, kLabel));
        lx += 18 + m.width(c.series[s].name, false, label_size) + 14;
    }
}

// Horizontal bars: categories down the left, first at the top, values along the foot.
// Long category names (districts, services) read better this way than under columns.
void draw_bars(const doc::Chart& c, double x, double y, double w, double h, const Metrics& m, const std::vector<Color>& palette,
               std::vector<Op>& ops) {
    const double label_size = 7.5;
    double lo = 0, hi = 0;
    for (const auto& s : c.series)
        for (const auto& v : s.values)
            if (v) { lo = std::min(lo, v->to_double()); hi = std::max(hi, v->to_double()); }
    const auto ticks = nice_ticks(lo, hi, 5);
    const double vmin = ticks.front(), vmax = ticks.back();
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
    double cat_w = 0;
    for (const auto& cat : c.categories) cat_w = std::max(cat_w, m.width(cat, false, label_size));
    cat_w = std::min(cat_w, w * 0.35);
    const double legend_h = 14, tick_h = label_size * 1.2 + 4;
    const double px = x + cat_w + 6, py = y + legend_h + tick_h + 4;
    const double pw = w - (px - x) - 14, ph = h - (py - y) - 14;
    auto xpos = [&](double v) { return px + (v - vmin) / (vmax - vmin) * pw; };
    ops.push_back(Op::text_at(x, y + h - label_size, c.value_axis_title, label_size, true, kLabel));
    for (double t : ticks) {
        ops.push_back(line_op(xpos(t), py, xpos(t), py + ph, 0.4, std::abs(t) < 1e-12 ? kAxis : kGrid));
        const std::string lbl = tick_label(t, step);
        ops.push_back(text_op(xpos(t) - m.width(lbl, false, label_size) / 2, py - 4 - label_size, lbl, label_size, kLabel));
    }
    const size_t ncat = std::max<size_t>(1, c.categories.size());
    const double slot = ph / static_cast<double>(ncat);
    const size_t ns = std::max<size_t>(1, c.series.size());
    const double group = slot * 0.7, bar = group / static_cast<double>(ns);
    for (size_t k = 0; k < c.categories.size(); ++k) {
        const double top = py + ph - slot * static_cast<double>(k);
        auto lines = break_lines(c.categories[k], cat_w, false, label_size, m);
        if (lines.size() > 2) { lines.resize(2); lines[1] += "…"; }
        double ly = top - slot / 2 - label_size * 0.35 + (static_cast<double>(lines.size()) - 1) * label_size * 0.6;
        for (const auto& l : lines) {
            ops.push_back(text_op(px - 4 - m.width(l, false, label_size), ly, l, label_size, kLabel));
            ly -= label_size * 1.2;
        }
        const double gy = top - (slot - group) / 2;
        for (size_t s = 0; s < c.series.size(); ++s) {
            if (k >= c.series[s].values.size() || !c.series[s].values[k]) continue;
            const double x0 = xpos(0), x1 = xpos(c.series[s].values[k]->to_double());
            const double by = gy - bar * static_cast<double>(s + 1);
            if (std::abs(x1 - x0) > 0.01) ops.push_back(rect_op(std::min(x0, x1), by, std::abs(x1 - x0), bar, colour(palette, s)));
        }
    }
    ops.push_back(line_op(xpos(0), py, xpos(0), py + ph, 0.6, kAxis));
    double lx = px;
    for (size_t s = 0; s < c.series.size(); ++s) {
        ops.push_back(rect_op(lx + 3, y + 3, 8, 8, colour(palette, s)));
        ops.push_back(text_op(lx + 18, y + 4, c.series[s].name, label_size, kLabel));
        lx += 18 + m.width(c.series[s].name, false, label_size) + 14;
    }
}

}  // namespace

void draw_chart(const doc::Chart& c, double x, double y, double w, double h, const Metrics& m, const std::vector<Color>& palette,
                std::vector<Op>& ops) {
    if (c.kind == doc::Chart::Kind::radar) {
        draw_radar(c, x, y, w, h, m, palette, ops);
        return;
    }
    if (c.kind == doc::Chart::Kind::bar) {
        draw_bars(c, x, y, w, h, m, palette, ops);
        return;
    }
    const double label_size = 7.5;
    const bool stacked = c.kind == doc::Chart::Kind::stacked_column;
    // Value range, including zero so columns grow from the axis.
    double lo = 0, hi = 0;
    for (size_t k = 0; k < c.categories.size(); ++k) {
        double pos = 0, neg = 0;
        for (const auto& s : c.series) {
            if (k >= s.values.size() || !s.values[k]) continue;
            const double v = s.values[k]->to_double();
            if (stacked) (v >= 0 ? pos : neg) += v;
            else { lo = std::min(lo, v); hi = std::max(hi, v); }
        }
        if (stacked) { lo = std::min(lo, neg); hi = std::max(hi, pos); }
    }
    if (c.kind == doc::Chart::Kind::line && lo >= 0) {
        // A line chart need not start at zero, but keeps a little room below.
        double mn = hi;
        for (const auto& s : c.series) for (const auto& v : s.values) if (v) mn = std::min(mn, v->to_double());
        lo = std::max(0.0, mn - (hi - mn) * 0.25);
    }
    const auto ticks = nice_ticks(lo, hi, 5);
    const double vmin = ticks.front(), vmax = ticks.back();
    const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;

    // Legend along the bottom, category labels above it, plot above those.
    const double legend_h = 14;
    double cat_label_lines = 1;
    const double slot_guess = (w - 50) / std::max<size_t>(1, c.categories.size());
    for (const auto& cat : c.categories)
        cat_label_lines = std::max<double>(cat_label_lines, static_cast<double>(std::min<size_t>(3, break_lines(cat, slot_guess - 4, false, label_size, m).size())));
    const double cat_h = cat_label_lines * label_size * 1.2 + 4;
    double tick_w = 0;
    for (double t : ticks) tick_w = std::max(tick_w, m.width(tick_label(t, step), false, label_size));
    const double px = x + tick_w + 6, py = y + legend_h + cat_h + 4;
    const double pw = w - (px - x) - 4, ph = h - (py - y) - 14;
    auto ypos = [&](double v) { return py + (v - vmin) / (vmax - vmin) * ph; };

    ops.push_back(Op::text_at(x, y + h - label_size, c.value_axis_title, label_size, true, kLabel));
    for (double t : ticks) {
        ops.push_back(line_op(px, ypos(t), px + pw, ypos(t), 0.4, std::abs(t) < 1e-12 ? kAxis : kGrid));
        const std::string lbl = tick_label(t, step);
        ops.push_back(text_op(px - 4 - m.width(lbl, false, label_size), ypos(t) - label_size * 0.35, lbl, label_size, kLabel));
    }
    ops.push_back(line_op(px, py, px, py + ph, 0.6, kAxis));

    const size_t ncat = std::max<size_t>(1, c.categories.size());
    const double slot = pw / static_cast<double>(ncat);
    for (size_t k = 0; k < c.categories.size(); ++k) {
        auto lines = break_lines(c.categories[k], slot - 4, false, label_size, m);
        if (lines.size() > 3) { lines.resize(3); lines[2] += "…"; }
        double ly = py - 4 - label_size;
        for (const auto& l : lines) {
            const double lw = m.width(l, false, label_size);
            ops.push_back(text_op(px + slot * (static_cast<double>(k) + 0.5) - lw / 2, ly, l, label_size, kLabel));
            ly -= label_size * 1.2;
        }
    }

    const size_t ns = std::max<size_t>(1, c.series.size());
    if (c.kind == doc::Chart::Kind::line) {
        for (size_t s = 0; s < c.series.size(); ++s) {
            Op path;
            path.kind = Op::Kind::polyline;
            path.stroke = 1.6;
            path.color = colour(palette, s);
            std::vector<Op> marks;
            for (size_t k = 0; k < c.series[s].values.size() && k < c.categories.size(); ++k) {
                const auto& v = c.series[s].values[k];
                if (!v) continue;
                const double cx = px + slot * (static_cast<double>(k) + 0.5), cy = ypos(v->to_double());
                path.points.push_back({cx, cy});
                marks.push_back(marker(cx, cy, s, colour(palette, s)));
            }
            if (path.points.size() > 1) ops.push_back(path);
            ops.insert(ops.end(), marks.begin(), marks.end());
        }
    } else {
        const double group = slot * 0.7;
        const double bar = stacked ? group : group / static_cast<double>(ns);
        for (size_t k = 0; k < c.categories.size(); ++k) {
            const double gx = px + slot * static_cast<double>(k) + (slot - group) / 2;
            double up = 0, down = 0;
            for (size_t s = 0; s < c.series.size(); ++s) {
                if (k >= c.series[s].values.size() || !c.series[s].values[k]) continue;
                const double v = c.series[s].values[k]->to_double();
                double base = 0;
                if (stacked) { base = v >= 0 ? up : down; (v >= 0 ? up : down) += v; }
                const double bx = stacked ? gx : gx + bar * static_cast<double>(s);
                const double y0 = ypos(base), y1 = ypos(base + v);
                if (std::abs(y1 - y0) > 0.01) ops.push_back(rect_op(bx, std::min(y0, y1), bar, std::abs(y1 - y0), colour(palette, s)));
            }
        }
    }

    // Legend: swatch (or marker) and name, in series order.
    double lx = px;
    for (size_t s = 0; s < c.series.size(); ++s) {
        const double ly = y + 3;
        if (c.kind == doc::Chart::Kind::line) {
            ops.push_back(line_op(lx, ly + 3.5, lx + 14, ly + 3.5, 1.6, colour(palette, s)));
            ops.push_back(marker(lx + 7, ly + 3.5, s, colour(palette, s)));
        } else {
            ops.push_back(rect_op(lx + 3, ly, 8, 8, colour(palette, s)));
        }
        ops.push_back(text_op(lx + 18, ly + 1, c.series[s].name, label_size, kLabel));
        lx += 18 + m.width(c.series[s].name, false, label_size) + 14;
    }
}

}  // namespace bp::draw
