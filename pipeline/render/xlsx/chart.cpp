#include "render/xlsx/chart.hpp"

#include "render/xlsx/xlsx_writer.hpp"

#include <algorithm>
#include <cmath>

namespace bp::xlsx {
namespace {

// The house style's palette, as the PDF draws it, so a figure looks the same in both.
lxw_color_t colour_of(const std::vector<doc::Rgb>& palette, size_t s) {
    if (palette.empty()) return 0x000000;
    const doc::Rgb& c = palette[s % palette.size()];
    auto byte = [](double v) { return static_cast<lxw_color_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    return (byte(c.r) << 16) | (byte(c.g) << 8) | byte(c.b);
}
const uint8_t kMarkers[] = {LXW_CHART_MARKER_CIRCLE, LXW_CHART_MARKER_SQUARE, LXW_CHART_MARKER_TRIANGLE,
                            LXW_CHART_MARKER_DIAMOND};

uint8_t chart_type(doc::Chart::Kind k) {
    switch (k) {
        case doc::Chart::Kind::column: return LXW_CHART_COLUMN;
        case doc::Chart::Kind::stacked_column: return LXW_CHART_COLUMN_STACKED;
        case doc::Chart::Kind::bar: return LXW_CHART_BAR;
        case doc::Chart::Kind::line: return LXW_CHART_LINE;
        case doc::Chart::Kind::radar: return LXW_CHART_RADAR_WITH_MARKERS;
    }
    return LXW_CHART_COLUMN;
}

std::string range(const std::string& sheet, lxw_row_t first, lxw_row_t last, lxw_col_t col) {
    const std::string c = cell_name(0, col);
    const std::string letters = c.substr(0, c.size() - 1);
    std::string q = "'";
    for (char ch : sheet) q += ch == '\'' ? std::string("''") : std::string(1, ch);
    return "=" + q + "'!$" + letters + "$" + std::to_string(first + 1) + ":$" + letters + "$" + std::to_string(last + 1);
}

}  // namespace

void insert_chart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const doc::Figure& f,
                  lxw_row_t header_row, const std::vector<doc::Rgb>& palette) {
    const doc::Chart& c = f.chart;
    lxw_chart* chart = workbook_add_chart(wb, chart_type(c.kind));
    const lxw_row_t first = header_row + 1;
    const lxw_row_t last = header_row + static_cast<lxw_row_t>(std::max<size_t>(1, c.categories.size()));
    const std::string cats = range(sheet, first, last, 0);
    for (size_t s = 0; s < c.series.size(); ++s) {
        const auto col = static_cast<lxw_col_t>(s + 1);
        lxw_chart_series* series = chart_add_series(chart, cats.c_str(), range(sheet, first, last, col).c_str());
        chart_series_set_name_range(series, sheet.c_str(), header_row, col);
        const lxw_color_t colour = colour_of(palette, s);
        if (c.kind == doc::Chart::Kind::line || c.kind == doc::Chart::Kind::radar) {
            lxw_chart_line line = {};
            line.color = colour;
            line.width = 2.25;
            chart_series_set_line(series, &line);
            chart_series_set_marker_type(series, kMarkers[s % 4]);
            lxw_chart_fill fill = {};
            fill.color = colour;
            chart_series_set_marker_fill(series, &fill);
            chart_series_set_marker_line(series, &line);
        } else {
            lxw_chart_fill fill = {};
            fill.color = colour;
            chart_series_set_fill(series, &fill);
        }
    }
    const std::string title = "Figure " + std::to_string(f.number) + ": " + f.caption;
    chart_title_set_name(chart, title.c_str());
    // A bar chart's value axis is its x axis; its categories run upwards unless reversed,
    // and the PDF lists the first at the top.
    lxw_chart_axis* values = c.kind == doc::Chart::Kind::bar ? chart->x_axis : chart->y_axis;
    if (c.kind == doc::Chart::Kind::bar) chart_axis_set_reverse(chart->y_axis);
    if (c.kind != doc::Chart::Kind::radar) chart_axis_set_name(values, c.value_axis_title.c_str());
    if (c.style == doc::NumStyle::accounting) chart_axis_set_num_format(values, "#,##0;(#,##0)");
    if (c.style == doc::NumStyle::percent) chart_axis_set_num_format(values, "0%");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options opts = {};
    opts.x_scale = 1.6;
    opts.y_scale = 1.5;
    opts.description = const_cast<char*>(f.alt.c_str());
    worksheet_insert_chart_opt(ws, header_row, static_cast<lxw_col_t>(c.series.size() + 2), chart, &opts);
}

}  // namespace bp::xlsx
