#include "render/xlsx/sheet_kit.hpp"

#include <algorithm>
#include <set>

#include "core/diag.hpp"

namespace bp::xlsx {

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw InternalError(std::string("Excel writer: ") + what + ": " + lxw_strerror(e));
}

std::string quoted_sheet(const std::string& name) {
    std::string q = "'";
    for (char c : name) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

lxw_format* Formats::get(const std::string& num_format, bool bold, bool wrap, bool link, bool right, bool top) {
    const std::string key =
        num_format + (bold ? "|b" : "|") + (wrap ? "w" : "") + (link ? "l" : "") + (right ? "r" : "") + (top ? "t" : "");
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
    if (bold) format_set_bold(f);
    if (wrap) format_set_text_wrap(f);
    if (right) format_set_align(f, LXW_ALIGN_RIGHT);
    if (top) format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (link) {
        format_set_font_color(f, LXW_COLOR_BLUE);
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    }
    cache_[key] = f;
    return f;
}

lxw_format* Formats::title() {
    if (!title_) {
        title_ = workbook_add_format(wb_);
        format_set_bold(title_);
        format_set_font_size(title_, 14);
    }
    return title_;
}

lxw_row_t write_lines(lxw_worksheet* ws, Formats& formats, const std::vector<std::string>& lines) {
    lxw_row_t row = 0;
    for (const auto& line : lines) {
        check(worksheet_write_string(ws, row, 0, line.c_str(), row == 0 ? formats.title() : nullptr), "line");
        ++row;
    }
    return row;
}

std::vector<std::string> header_names(const std::vector<std::string>& wanted) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < wanted.size(); ++i) {
        std::string h = wanted[i].empty() ? (i == 0 ? "Row" : "Column " + std::to_string(i + 1)) : wanted[i];
        const std::string base = h;
        for (int n = 2; seen.count(h); ++n) h = base + " (" + std::to_string(n) + ")";
        seen.insert(h);
        out.push_back(h);
    }
    return out;
}

void add_excel_table(lxw_worksheet* ws, const std::string& name, const std::vector<std::string>& headers,
                     lxw_row_t header_row, lxw_row_t last_row) {
    std::vector<lxw_table_column> cols(headers.size());
    std::vector<lxw_table_column*> ptrs;
    for (size_t c = 0; c < headers.size(); ++c) {
        cols[c] = lxw_table_column{};
        cols[c].header = const_cast<char*>(headers[c].c_str());
        ptrs.push_back(&cols[c]);
    }
    ptrs.push_back(nullptr);
    lxw_table_options opts = {};
    opts.name = const_cast<char*>(name.c_str());
    opts.columns = ptrs.data();
    opts.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opts.style_type_number = 1;
    check(worksheet_add_table(ws, header_row, 0, last_row, static_cast<lxw_col_t>(headers.size() - 1), &opts), "table");
}

lxw_row_t write_simple_table(lxw_worksheet* ws, Formats& formats, const SimpleTable& t, const std::string& name,
                             lxw_row_t header_row, const std::vector<double>& widths) {
    const auto last = static_cast<lxw_row_t>(header_row + std::max<size_t>(1, t.rows.size()));
    add_excel_table(ws, name, header_names(t.headers), header_row, last);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(header_row + 1 + r);
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const std::string& v = t.rows[r][c];
            if (c == 0 && r < t.links.size() && !t.links[r].empty())
                check(worksheet_write_url_opt(ws, row, 0, t.links[r].c_str(), formats.get("", false, false, true, false, true), v.c_str(), nullptr), "link");
            else
                check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), v.c_str(), formats.get("", false, true, false, false, true)), "text");
        }
        // The row's height: its tallest wrapped cell's.
        size_t tallest = 0;
        for (size_t c = 0; c < t.rows[r].size() && c < widths.size(); ++c) {
            const double per_line = std::max(1.0, (widths[c] - 1) / 1.1);
            tallest = std::max(tallest, static_cast<size_t>(static_cast<double>(t.rows[r][c].size()) / per_line) + 1);
        }
        if (tallest > 1) worksheet_set_row(ws, row, 15.0 * static_cast<double>(tallest), nullptr);
    }
    for (size_t c = 0; c < widths.size(); ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
    return last;
}

void print_setup(lxw_worksheet* ws, size_t cols, lxw_row_t header_row) {
    if (cols > 5) worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, header_row, header_row);
    worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

double column_width(const std::vector<std::string>& texts, double min, double max) {
    double w = min;
    for (const auto& t : texts) {
        size_t chars = 0;
        for (unsigned char c : t) chars += (c & 0xC0) != 0x80;
        w = std::max(w, static_cast<double>(chars) * 1.1 + 2);
    }
    return std::min(w, max);
}

void fit_row(lxw_worksheet* ws, lxw_row_t row, const std::string& text, double width) {
    size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    const double per_line = std::max(1.0, (width - 1) / 1.1);
    const auto lines = static_cast<size_t>(static_cast<double>(chars) / per_line) + 1;
    if (lines > 1) worksheet_set_row(ws, row, 15.0 * static_cast<double>(lines), nullptr);
}

}  // namespace bp::xlsx
