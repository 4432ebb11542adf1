#include "render/xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <map>

#include "core/diag.hpp"

namespace bp::xlsx {
namespace {

// Table rows start below the title (row 0) and the note (row 1).
constexpr size_t kFirstRow = 2;

std::string column_letters(size_t col) {
    std::string s;
    for (size_t c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

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
    lxw_format* get(const std::string& num_format, bool bold) {
        const std::string key = num_format + (bold ? "|b" : "|");
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        lxw_format* f = workbook_add_format(wb_);
        if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
        if (bold) format_set_bold(f);
        cache_[key] = f;
        return f;
    }

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> cache_;
};

}  // namespace

std::string cell_name(size_t row, size_t col) { return column_letters(col) + std::to_string(row + 1); }

std::string formula_of(const doc::Derivation& der, const doc::Document& d, const std::string& from_sheet) {
    auto ref = [&](const doc::CellRef& r) {
        const doc::Table* t = d.table(r.table);
        const std::string sheet = t ? t->sheet_name : r.table;
        const std::string local = cell_name(kFirstRow + r.row, r.col);
        return sheet == from_sheet ? local : quoted_sheet(sheet) + "!" + local;
    };
    switch (der.op) {
        case doc::Derivation::Op::none: return "";
        case doc::Derivation::Op::sum: {
            // A contiguous run in one column of one table is a range: =SUM(B4:B10).
            bool contiguous = der.refs.size() > 1;
            for (size_t i = 1; i < der.refs.size() && contiguous; ++i)
                contiguous = der.refs[i].table == der.refs[0].table && der.refs[i].col == der.refs[0].col &&
                             der.refs[i].row == der.refs[i - 1].row + 1;
            if (contiguous) {
                const std::string first = ref(der.refs.front()), last = cell_name(kFirstRow + der.refs.back().row, der.refs.back().col);
                return "=SUM(" + first + ":" + last + ")";
            }
            bool same_row = der.refs.size() > 1;
            for (size_t i = 1; i < der.refs.size() && same_row; ++i)
                same_row = der.refs[i].table == der.refs[0].table && der.refs[i].row == der.refs[0].row &&
                           der.refs[i].col == der.refs[i - 1].col + 1;
            if (same_row)
                return "=SUM(" + ref(der.refs.front()) + ":" + cell_name(kFirstRow + der.refs.back().row, der.refs.back().col) + ")";
            std::string f = "=";
            for (size_t i = 0; i < der.refs.size(); ++i) f += (i ? "+" : "") + ref(der.refs[i]);
            return f;
        }
        case doc::Derivation::Op::difference: return "=" + ref(der.refs[0]) + "-" + ref(der.refs[1]);
        case doc::Derivation::Op::percent_of: return "=" + ref(der.refs[0]) + "/" + ref(der.refs[1]);
        case doc::Derivation::Op::change: return "=" + ref(der.refs[0]) + "/" + ref(der.refs[1]) + "-1";
    }
    return "";
}

void render_xlsx(const doc::Document& d, const std::string& path) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw InternalError("Excel writer: cannot create " + path);
    Formats formats(wb);

    lxw_doc_properties props = {};
    props.title = const_cast<char*>(d.title.c_str());
    props.author = const_cast<char*>(d.author.c_str());
    props.subject = const_cast<char*>(d.subject.c_str());
    props.comments = const_cast<char*>("Appendix to the PDF report; produced by boardpack");
    // `created` must be set: 0 means "now", and the bytes would change every run.
    const int y = std::stoi(d.date_iso.substr(0, 4)), m = std::stoi(d.date_iso.substr(5, 2)), dd = std::stoi(d.date_iso.substr(8, 2));
    props.created = static_cast<time_t>(days_from_civil(y, m, dd) * 86400);
    check(workbook_set_properties(wb, &props), "properties");

    lxw_format* title = formats.get("", true);
    for (const doc::Table* t : d.tables()) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, t->sheet_name.c_str());
        if (!ws) throw InternalError("Excel writer: cannot add sheet " + t->sheet_name);
        const std::string heading = t->sheet_name + ": " + t->caption;
        worksheet_write_string(ws, 0, 0, heading.c_str(), title);
        if (!t->source_note.empty()) worksheet_write_string(ws, 1, 0, t->source_note.c_str(), nullptr);
        size_t cols = 0;
        for (size_t r = 0; r < t->rows.size(); ++r) {
            const doc::Row& row = t->rows[r];
            cols = std::max(cols, row.cells.size());
            const auto xr = static_cast<lxw_row_t>(kFirstRow + r);
            for (size_t c = 0; c < row.cells.size(); ++c) {
                const doc::Cell& cell = row.cells[c];
                const bool bold = cell.bold || row.kind != doc::Row::Kind::body;
                const auto xc = static_cast<lxw_col_t>(c);
                if (cell.kind == doc::Cell::Kind::number) {
                    lxw_format* f = formats.get(number_format(cell), bold);
                    const std::string formula = formula_of(cell.derived, d, t->sheet_name);
                    if (formula.empty()) check(worksheet_write_number(ws, xr, xc, cell_value(cell), f), "number");
                    else check(worksheet_write_formula_num(ws, xr, xc, formula.c_str(), f, cell_value(cell)), "formula");
                } else if (!cell.text.empty() && cell.text != "-") {
                    // Always a string, never a formula: a label "=SUM(...)" stays text.
                    check(worksheet_write_string(ws, xr, xc, cell.text.c_str(), bold ? title : nullptr), "text");
                }
            }
        }
        worksheet_set_column(ws, 0, 0, 48, nullptr);
        if (cols > 1) worksheet_set_column(ws, 1, static_cast<lxw_col_t>(cols - 1), 13, nullptr);
        worksheet_freeze_panes(ws, static_cast<lxw_row_t>(kFirstRow + t->header_rows), 1);
    }
    if (d.tables().empty()) workbook_add_worksheet(wb, "Contents");
    check(workbook_close(wb), "close");
}

}  // namespace bp::xlsx
