// The Excel appendix, laid out as the Government Analysis Function asks of published
// spreadsheets: a Contents sheet, an About sheet, one table per sheet with its title
// as text from A1, each table marked up as an Excel table with one header row, no
// merged cells, numbers stored as numbers, and totals that are formulas.
#include "render/xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/diag.hpp"
#include "core/format.hpp"
#include "core/num.hpp"
#include "render/xlsx/chart.hpp"
#include "render/xlsx/names.hpp"

namespace bp::xlsx {
namespace {

// Every table sheet: title (row 1), note (row 2), unit (row 3), the table's header at
// row 4 and its rows below.
constexpr lxw_row_t kHeaderRow = 3;

std::string quoted_sheet(const std::string& name) {
    std::string q = "'";
    for (char c : name) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string number_format(const doc::Cell& c) {
    const std::string frac = c.decimals > 0 ? "." + std::string(static_cast<size_t>(c.decimals), '0') : "";
    switch (c.style) {
        case doc::NumStyle::accounting: return "#,##0" + frac + ";(#,##0" + frac + ");\"-\"";
        case doc::NumStyle::percent: return "0" + frac + "%";
        case doc::NumStyle::fixed: return "0" + frac;
        case doc::NumStyle::count: return "#,##0" + frac;
    }
    return "General";
}

// The value a cell holds in the workbook: percentages as fractions, with a % format.
double cell_value(const doc::Cell& c) {
    return c.style == doc::NumStyle::percent ? (c.value / Num(100)).to_double() : c.value.to_double();
}

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw InternalError(std::string("Excel writer: ") + what + ": " + lxw_strerror(e));
}

class Formats {
public:
    explicit Formats(lxw_workbook* wb) : wb_(wb) {}
    lxw_format* get(const std::string& num_format, bool bold, bool wrap = false, bool link = false, bool right = false) {
        const std::string key = num_format + (bold ? "|b" : "|") + (wrap ? "w" : "") + (link ? "l" : "") + (right ? "r" : "");
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        lxw_format* f = workbook_add_format(wb_);
        if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
        if (bold) format_set_bold(f);
        if (wrap) format_set_text_wrap(f);
        if (right) format_set_align(f, LXW_ALIGN_RIGHT);
        if (link) {
            format_set_font_color(f, LXW_COLOR_BLUE);
            format_set_underline(f, LXW_UNDERLINE_SINGLE);
        }
        cache_[key] = f;
        return f;
    }
    lxw_format* title() {
        if (!title_) {
            title_ = workbook_add_format(wb_);
            format_set_bold(title_);
            format_set_font_size(title_, 14);
        }
        return title_;
    }

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> cache_;
    lxw_format* title_ = nullptr;
};

// Header names for an Excel table: non-empty and unique, as Excel requires.
std::vector<std::string> header_names(const std::vector<std::string>& wanted) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (size_t i = 0; i < wanted.size(); ++i) {
        std::string h = wanted[i].empty() ? (i == 0 ? "Item" : "Column " + std::to_string(i + 1)) : wanted[i];
        const std::string base = h;
        for (int n = 2; seen.count(h); ++n) h = base + " (" + std::to_string(n) + ")";
        seen.insert(h);
        out.push_back(h);
    }
    return out;
}

// Marks rows kHeaderRow..last, columns 0..headers-1, up as an Excel table with one
// header row; the headers are made non-empty and unique first.
void add_excel_table(lxw_worksheet* ws, const std::string& name, const std::vector<std::string>& wanted, lxw_row_t last) {
    const std::vector<std::string> headers = header_names(wanted);
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
    check(worksheet_add_table(ws, kHeaderRow, 0, last, static_cast<lxw_col_t>(headers.size() - 1), &opts), "table");
}

// A table of text rows from `first_row`, marked up as an Excel table; returns the last row.
struct SimpleTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> links;  // per row: an internal link for column A, or ""
};

lxw_row_t write_simple_table(lxw_worksheet* ws, Formats& formats, const SimpleTable& t, const std::string& name) {
    const auto last = static_cast<lxw_row_t>(kHeaderRow + std::max<size_t>(1, t.rows.size()));
    add_excel_table(ws, name, t.headers, last);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(kHeaderRow + 1 + r);
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const std::string& v = t.rows[r][c];
            if (c == 0 && r < t.links.size() && !t.links[r].empty())
                check(worksheet_write_url_opt(ws, row, 0, t.links[r].c_str(), formats.get("", false, false, true), v.c_str(), nullptr), "link");
            else
                check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), v.c_str(), formats.get("", false, true)), "text");
        }
    }
    return last;
}

void print_setup(lxw_worksheet* ws, size_t cols, lxw_row_t header_row) {
    if (cols > 5) worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, header_row, header_row);
    worksheet_set_footer(ws, "&L&A&RPage &P of &N");
}

// Width in Excel's character units for a column of display strings.
double column_width(const std::vector<std::string>& texts, double min, double max) {
    double w = min;
    for (const auto& t : texts) {
        size_t chars = 0;
        for (unsigned char c : t) chars += (c & 0xC0) != 0x80;
        w = std::max(w, static_cast<double>(chars) * 1.1 + 2);
    }
    return std::min(w, max);
}

struct SheetNames {
    std::map<std::string, std::string> of;  // table or figure id -> sheet name
};

void write_table_sheet(lxw_workbook* wb, Formats& formats, const doc::Document& d, const doc::Table& t,
                       const std::string& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
    if (!ws) throw InternalError("Excel writer: cannot add sheet " + sheet);
    const std::string title = sheet + ": " + t.caption;
    check(worksheet_write_string(ws, 0, 0, title.c_str(), formats.title()), "title");
    if (!t.source_note.empty()) check(worksheet_write_string(ws, 1, 0, t.source_note.c_str(), nullptr), "note");
    // A second header row (units under years) becomes a line of text above the table.
    if (t.header_rows > 1) {
        std::set<std::string> units;
        for (const auto& c : t.rows[1].cells)
            if (!c.display().empty()) units.insert(c.display());
        std::string unit;
        for (const auto& u : units) unit += (unit.empty() ? "" : ", ") + u;
        if (!unit.empty()) check(worksheet_write_string(ws, 2, 0, ("Figures in " + unit).c_str(), nullptr), "unit");
    }
    size_t cols = 0;
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    std::vector<std::string> wanted;
    if (!t.rows.empty())
        for (size_t c = 0; c < cols; ++c) wanted.push_back(c < t.rows[0].cells.size() ? t.rows[0].cells[c].display() : "");
    const std::vector<std::string> headers = header_names(wanted);
    const size_t body = t.rows.size() > t.header_rows ? t.rows.size() - t.header_rows : 0;
    const auto last = static_cast<lxw_row_t>(kHeaderRow + std::max<size_t>(1, body));
    add_excel_table(ws, valid_defined_name("tbl_", t.id), headers, last);

    std::vector<std::vector<std::string>> shown(cols);
    for (size_t c = 0; c < cols; ++c) shown[c].push_back(headers[c]);
    for (size_t r = t.header_rows; r < t.rows.size(); ++r) {
        const doc::Row& row = t.rows[r];
        const auto xr = static_cast<lxw_row_t>(excel_row(t, r));
        for (size_t c = 0; c < row.cells.size(); ++c) {
            const doc::Cell& cell = row.cells[c];
            const bool bold = cell.bold || row.kind != doc::Row::Kind::body;
            const auto xc = static_cast<lxw_col_t>(c);
            shown[c].push_back(cell.display());
            if (cell.kind == doc::Cell::Kind::number) {
                lxw_format* f = formats.get(number_format(cell), bold);
                const std::string formula = formula_of(cell.derived, d, sheet);
                if (formula.empty()) check(worksheet_write_number(ws, xr, xc, cell_value(cell), f), "number");
                else check(worksheet_write_formula_num(ws, xr, xc, formula.c_str(), f, cell_value(cell)), "formula");
            } else if (!cell.text.empty()) {
                // Always a string, never a formula: a label "=SUM(...)" stays text.
                // A dash in a column of numbers lines up with them.
                check(worksheet_write_string(ws, xr, xc, cell.text.c_str(), formats.get("", bold, c == 0, false, c > 0)), "text");
            }
        }
    }
    worksheet_set_column(ws, 0, 0, column_width(shown[0], 20, 60), nullptr);
    for (size_t c = 1; c < cols; ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), column_width(shown[c], 10, 30), nullptr);
    worksheet_freeze_panes(ws, kHeaderRow + 1, 1);
    print_setup(ws, cols, kHeaderRow);
    const std::string range = "=" + quoted_sheet(sheet) + "!$A$" + std::to_string(kHeaderRow + 1) + ":$" +
                              cell_name(0, cols - 1).substr(0, cell_name(0, cols - 1).size() - 1) + "$" + std::to_string(last + 1);
    check(workbook_define_name(wb, valid_defined_name("rng_", t.id).c_str(), range.c_str()), "name");
}

void write_figure_sheet(lxw_workbook* wb, Formats& formats, const doc::Figure& f, const std::string& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
    if (!ws) throw InternalError("Excel writer: cannot add sheet " + sheet);
    const std::string title = sheet + ": " + f.caption;
    check(worksheet_write_string(ws, 0, 0, title.c_str(), formats.title()), "title");
    check(worksheet_write_string(ws, 1, 0, ("Description: " + f.alt).c_str(), nullptr), "alt");
    if (!f.chart.value_axis_title.empty())
        check(worksheet_write_string(ws, 2, 0, ("Values: " + f.chart.value_axis_title).c_str(), nullptr), "unit");
    const doc::Chart& c = f.chart;
    std::vector<std::string> wanted{"Category"};
    for (const auto& s : c.series) wanted.push_back(s.name);
    const std::vector<std::string> headers = header_names(wanted);
    const auto last = static_cast<lxw_row_t>(kHeaderRow + std::max<size_t>(1, c.categories.size()));
    add_excel_table(ws, valid_defined_name("tbl_", f.id), headers, last);
    doc::Cell proto = doc::Cell::number(Num(), c.decimals, c.style);
    lxw_format* fmt = formats.get(number_format(proto), false);
    for (size_t k = 0; k < c.categories.size(); ++k) {
        const auto row = static_cast<lxw_row_t>(kHeaderRow + 1 + k);
        check(worksheet_write_string(ws, row, 0, c.categories[k].c_str(), nullptr), "category");
        for (size_t s = 0; s < c.series.size(); ++s)
            if (k < c.series[s].values.size() && c.series[s].values[k])
                check(worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1),
                                             cell_value(doc::Cell::number(*c.series[s].values[k], c.decimals, c.style)), fmt),
                      "value");
    }
    worksheet_set_column(ws, 0, 0, column_width(c.categories, 14, 40), nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(c.series.size()), 16, nullptr);
    worksheet_freeze_panes(ws, kHeaderRow + 1, 1);
    print_setup(ws, headers.size() + 8, kHeaderRow);
    insert_chart(wb, ws, sheet, f, kHeaderRow);
}

}  // namespace

std::string cell_name(size_t row, size_t col) {
    std::string letters;
    for (size_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row + 1);
}

size_t excel_row(const doc::Table& t, size_t row) {
    return row < t.header_rows ? kHeaderRow : kHeaderRow + 1 + row - t.header_rows;
}

namespace {

// A constant as Excel reads it: a terminating decimal exactly, else a fraction.
std::string constant_text(const Num& v) {
    const std::string raw = raw_text(v);
    return raw.find('/') == std::string::npos ? raw : "(" + raw + ")";
}

class FormulaWriter {
public:
    FormulaWriter(const doc::Document& d, const std::string& from_sheet) : d_(d), from_(from_sheet) {}

    std::string expr(const doc::Formula& f) const {
        using Op = doc::Formula::Op;
        switch (f.op) {
            case Op::none: return "";
            case Op::cell: return ref(f.ref);
            case Op::constant: return constant_text(f.constant);
            case Op::sum: return sum(f);
            case Op::sub: return operand(f.args[0], false) + "-" + operand(f.args[1], true);
            case Op::mul: return operand(f.args[0], false) + "*" + operand(f.args[1], false);
            case Op::div: return operand(f.args[0], false) + "/" + operand(f.args[1], true, true);
            case Op::change: return operand(f.args[0], false) + "/" + operand(f.args[1], true, true) + "-1";
            case Op::range: return "SUM(" + span(f) + ")";
        }
        return "";
    }

private:
    const doc::Document& d_;
    std::string from_;

    std::pair<std::string, size_t> where(const doc::CellRef& r) const {
        const doc::Table* t = d_.table(r.table);
        return {t ? t->sheet_name : r.table, t ? excel_row(*t, r.row) : r.row};
    }
    std::string ref(const doc::CellRef& r) const {
        const auto [sheet, row] = where(r);
        const std::string local = cell_name(row, r.col);
        return sheet == from_ ? local : quoted_sheet(sheet) + "!" + local;
    }
    std::string local(const doc::CellRef& r) const { return cell_name(where(r).second, r.col); }
    std::string span(const doc::Formula& range) const { return ref(range.ref) + ":" + local(range.ref_end); }
    // A cell that holds text (a dash) would make "+" give #VALUE!; SUM skips it.
    bool holds_number(const doc::CellRef& r) const {
        const doc::Table* t = d_.table(r.table);
        return t && r.row < t->rows.size() && r.col < t->rows[r.row].cells.size() &&
               t->rows[r.row].cells[r.col].kind == doc::Cell::Kind::number;
    }
    // Brackets where precedence needs them: a sum or difference inside a product,
    // the right of a difference, the right of a division.
    std::string operand(const doc::Formula& f, bool right_of_minus, bool right_of_div = false) const {
        using Op = doc::Formula::Op;
        const std::string e = expr(f);
        const bool additive = (f.op == Op::sum && e.rfind("SUM(", 0) != 0) || f.op == Op::sub || f.op == Op::change;
        const bool multiplicative = f.op == Op::mul || f.op == Op::div;
        if (additive || (right_of_div && multiplicative) || (right_of_minus && additive)) return "(" + e + ")";
        return e;
    }
    std::string sum(const doc::Formula& f) const {
        using Op = doc::Formula::Op;
        bool cells = !f.args.empty(), numbers = true;
        for (const auto& a : f.args) {
            cells = cells && a.op == Op::cell;
            numbers = numbers && (a.op != Op::cell || holds_number(a.ref));
        }
        if (cells && f.args.size() > 1) {
            // A contiguous run in one column, or along one row, of one table is a range.
            bool column_run = true, row_run = true;
            for (size_t i = 1; i < f.args.size(); ++i) {
                const auto &a = f.args[i - 1].ref, &b = f.args[i].ref;
                column_run = column_run && b.table == a.table && b.col == a.col && b.row == a.row + 1;
                row_run = row_run && b.table == a.table && b.row == a.row && b.col == a.col + 1;
            }
            if (column_run || row_run) return "SUM(" + ref(f.args.front().ref) + ":" + local(f.args.back().ref) + ")";
        }
        // Ranges and cells that may hold a dash go into one SUM: SUM(B5:B9,B11:B20).
        bool ranges = false;
        for (const auto& a : f.args) ranges = ranges || a.op == Op::range;
        if (ranges && f.args.size() == 1) return expr(f.args.front());
        const bool listed = !numbers || ranges;
        std::string out;
        for (size_t i = 0; i < f.args.size(); ++i)
            out += (i ? (listed ? "," : "+") : "") + (f.args[i].op == Op::range && listed ? span(f.args[i]) : operand(f.args[i], false));
        return listed ? "SUM(" + out + ")" : out;
    }
};

}  // namespace

std::string formula_of(const doc::Formula& f, const doc::Document& d, const std::string& from_sheet) {
    if (f.empty()) return "";
    return "=" + FormulaWriter(d, from_sheet).expr(f);
}

void render_xlsx(const doc::Document& d_in, const std::string& path) {
    // Sheet names first: formulas name the sheets they point into.
    doc::Document d = d_in;
    std::set<std::string> taken{"contents", "about"};
    std::vector<std::pair<const doc::Figure*, std::string>> figure_sheets;
    for (auto& b : d.blocks)
        if (auto t = std::get_if<doc::Table>(&b)) t->sheet_name = valid_sheet_name(t->sheet_name.empty() ? t->id : t->sheet_name, taken);
    for (const doc::Figure* f : d.figures())
        figure_sheets.push_back({f, valid_sheet_name("Figure " + std::to_string(f->number), taken)});

    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw InternalError("Excel writer: cannot create " + path);
    Formats formats(wb);

    lxw_doc_properties props = {};
    props.title = const_cast<char*>(d.title.c_str());
    props.author = const_cast<char*>(d.author.c_str());
    props.subject = const_cast<char*>(d.subject.c_str());
    props.keywords = const_cast<char*>(d.keywords.c_str());
    props.comments = const_cast<char*>("Appendix to the PDF report; produced by boardpack");
    // `created` must be set: 0 means "now", and the bytes would change every run.
    const int y = std::stoi(d.date_iso.substr(0, 4)), m = std::stoi(d.date_iso.substr(5, 2)), dd = std::stoi(d.date_iso.substr(8, 2));
    props.created = static_cast<time_t>(days_from_civil(y, m, dd) * 86400);
    check(workbook_set_properties(wb, &props), "properties");

    // Contents: every other sheet, each a link.
    lxw_worksheet* contents = workbook_add_worksheet(wb, "Contents");
    check(worksheet_write_string(contents, 0, 0, "Contents", formats.title()), "title");
    check(worksheet_write_string(contents, 1, 0, (d.title + " – " + d.meeting).c_str(), nullptr), "title");
    SimpleTable toc;
    toc.headers = {"Sheet", "Contents"};
    toc.rows.push_back({"About", "About this workbook: the report, its inputs and how it was made"});
    toc.links.push_back("internal:'About'!A1");
    for (const doc::Table* t : d.tables()) {
        toc.rows.push_back({t->sheet_name, t->caption});
        toc.links.push_back("internal:" + quoted_sheet(t->sheet_name) + "!A1");
    }
    for (const auto& [f, sheet] : figure_sheets) {
        toc.rows.push_back({sheet, f->caption + " (chart and data)"});
        toc.links.push_back("internal:" + quoted_sheet(sheet) + "!A1");
    }
    write_simple_table(contents, formats, toc, "tbl_contents");
    worksheet_set_column(contents, 0, 0, 14, nullptr);
    worksheet_set_column(contents, 1, 1, 100, nullptr);
    print_setup(contents, 2, kHeaderRow);

    // About: what the workbook is and what it was made from.
    lxw_worksheet* about = workbook_add_worksheet(wb, "About");
    check(worksheet_write_string(about, 0, 0, "About this workbook", formats.title()), "title");
    check(worksheet_write_string(about, 1, 0, "Totals, differences and percentages are formulas over the cells they come from.", nullptr), "note");
    SimpleTable info;
    info.headers = {"Item", "Value"};
    info.rows = {{"Report", d.title}, {"Meeting", d.meeting}, {"Report date", d.date_iso}, {"Produced by", d.generator}};
    for (const auto& s : d.sources) info.rows.push_back({"Input SHA-256: " + s.name, s.sha256});
    write_simple_table(about, formats, info, "tbl_about");
    worksheet_set_column(about, 0, 0, 60, nullptr);
    worksheet_set_column(about, 1, 1, 70, nullptr);
    print_setup(about, 2, kHeaderRow);

    for (const doc::Table* t : d.tables()) write_table_sheet(wb, formats, d, *t, t->sheet_name);
    for (const auto& [f, sheet] : figure_sheets) write_figure_sheet(wb, formats, *f, sheet);
    check(workbook_close(wb), "close");
}

}  // namespace bp::xlsx
