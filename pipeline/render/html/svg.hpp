// A figure's chart as inline SVG: the very ops render/draw makes for the PDF, with the
// y axis turned over (SVG's origin is at the top left), so the chart is one drawing in
// both editions. role="img" with a title and the figure's alternative text: a screen
// reader reads one image, not a hundred labels.
#pragma once
#include <string>
#include <vector>

#include "doc/doc.hpp"
#include "render/draw/draw.hpp"

namespace bp::html {

// `id` names the title and description elements ("figure-2" -> "figure-2-title").
std::string chart_svg(const doc::Figure& f, const std::string& id, double width, double height, const draw::Metrics& m,
                      const std::vector<draw::Color>& palette, const std::string& font_family);

}  // namespace bp::html
