#include "render/html/svg.hpp"

#include "render/html/markup.hpp"

namespace bp::html {

namespace {

std::string points(const std::vector<std::pair<double, double>>& pts, double height) {
    std::string s;
    for (const auto& [x, y] : pts) {
        if (!s.empty()) s += ' ';
        s += coord(x) + "," + coord(height - y);
    }
    return s;
}

void write_op(std::string& out, const draw::Op& o, double height) {
    using K = draw::Op::Kind;
    switch (o.kind) {
        case K::text:
            out += "<text x=\"" + coord(o.x) + "\" y=\"" + coord(height - o.y) + "\" font-size=\"" + coord(o.size) + "\"";
            if (o.bold) out += " font-weight=\"bold\"";
            out += " fill=\"" + hex(o.color) + "\">" + escape(o.text) + "</text>\n";
            break;
        case K::line:
            out += "<line x1=\"" + coord(o.x) + "\" y1=\"" + coord(height - o.y) + "\" x2=\"" + coord(o.x2) + "\" y2=\"" +
                   coord(height - o.y2) + "\" stroke=\"" + hex(o.color) + "\" stroke-width=\"" + coord(o.stroke) + "\"/>\n";
            break;
        case K::rect:
            out += "<rect x=\"" + coord(o.x) + "\" y=\"" + coord(height - o.y - o.h) + "\" width=\"" + coord(o.w) +
                   "\" height=\"" + coord(o.h) + "\" fill=\"" + hex(o.color) + "\"/>\n";
            break;
        case K::polygon:
            if (o.points.empty()) break;
            out += "<polygon points=\"" + points(o.points, height) + "\" fill=\"" + hex(o.color) + "\"/>\n";
            break;
        case K::polyline:
            if (o.points.empty()) break;
            out += "<polyline points=\"" + points(o.points, height) + "\" fill=\"none\" stroke=\"" + hex(o.color) +
                   "\" stroke-width=\"" + coord(o.stroke) + "\"/>\n";
            break;
        case K::image:
            break;  // charts draw no images
    }
}

}  // namespace

std::string chart_svg(const doc::Figure& f, const std::string& id, double width, double height, const draw::Metrics& m,
                      const std::vector<draw::Color>& palette, const std::string& font_family) {
    std::vector<draw::Op> ops;
    draw::draw_chart(f.chart, 0, 0, width, height, m, palette, ops);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id + "-title " + id +
                      "-desc\" viewBox=\"0 0 " + coord(width) + " " + coord(height) + "\" font-family=\"'" +
                      escape(font_family) + "', Arial, Helvetica, sans-serif\">\n";
    out += "<title id=\"" + id + "-title\">Figure " + std::to_string(f.number) + ": " + escape(f.caption) + "</title>\n";
    out += "<desc id=\"" + id + "-desc\">" + escape(f.alt) + "</desc>\n";
    for (const auto& o : ops) write_op(out, o, height);
    out += "</svg>\n";
    return out;
}

}  // namespace bp::html
