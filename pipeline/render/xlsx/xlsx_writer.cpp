// The Excel appendix, laid out as the Government Analysis Function asks of published
// spreadsheets ("Releasing statistics in spreadsheets"): Cover, Contents and Notes
// sheets first, one table per sheet with its title in A1 and its header directly under
// the lines about it, each marked up as an Excel table with one header row, no merged
// cells, numbers stored as numbers, an empty cell of figures as a shorthand explained
// on the Notes sheet, totals as formulas, and the provenance sheet last.
#include "render/xlsx/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/diag.hpp"
#include "core/format.hpp"
#include "core/num.hpp"
#include "render/xlsx/calc_props.hpp"
#include "render/xlsx/chart.hpp"
#include "render/xlsx/front_sheets.hpp"
#include "render/xlsx/layout.hpp"
#include "render/xlsx/names.hpp"
#include "render/xlsx/sheet_kit.hpp"

namespace bp::xlsx {
namespace {

// Each table's layout, worked out once: formulas on every sheet point into it.
class Layouts {
public:
    const SheetLayout& of(const doc::Table& t) {
        auto it = cache_.find(t.id);
        if (it == cache_.end()) it = cache_.emplace(t.id, layout_of(t)).first;
        return it->second;
    }

private:
    std::map<std::string, SheetLayout> cache_;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// Plain: minus signs and 0, as the guidance asks, so that screen readers and re-users
// read figures as numbers. Accounting: brackets and a dash for zero, as the PDF.
std::string number_format(const doc::Cell& c, doc::Document::WorkbookNumbers numbers) {
    const std::string frac = c.decimals > 0 ? "." + std::string(static_cast<size_t>(c.decimals), '0') : "";
    if (c.show_plus) {
        // A change, signed as the PDF prints it: +16, -6, 0.
        const std::string body = c.style == doc::NumStyle::fixed    ? "0" + frac
                                 : c.style == doc::NumStyle::percent ? "0" + frac + "%"
                                 : c.style == doc::NumStyle::points  ? "0" + frac + "\" pts\""
                                                                     : "#,##0" + frac;
        const bool brackets = c.style == doc::NumStyle::accounting && numbers == doc::Document::WorkbookNumbers::accounting;
        return "+" + body + (brackets ? ";(" + body + ");\"-\"" : ";-" + body + ";" + body);
    }
    switch (c.style) {
        case doc::NumStyle::accounting:
            return numbers == doc::Document::WorkbookNumbers::accounting ? "#,##0" + frac + ";(#,##0" + frac + ");\"-\""
                                                                         : "#,##0" + frac;
        case doc::NumStyle::percent: return "0" + frac + "%";
        case doc::NumStyle::fixed: return "0" + frac;
        case doc::NumStyle::points: return "0" + frac + "\" pts\"";
        case doc::NumStyle::count: return "#,##0" + frac;
    }
    return "General";
}

// The value a cell holds in the workbook: percentages as fractions, with a % format.
double cell_value(const doc::Cell& c) {
    return c.style == doc::NumStyle::percent ? (c.value / Num(100)).to_double() : c.value.to_double();
}

// A constant as Excel reads it: a terminating decimal exactly, else a fraction.
std::string constant_text(const Num& v) {
    const std::string raw = raw_text(v);
    return raw.find('/') == std::string::npos ? raw : "(" + raw + ")";
}

class FormulaWriter {
public:
    FormulaWriter(const doc::Document& d, Layouts& layouts, const std::string& from_sheet)
        : d_(d), layouts_(layouts), from_(from_sheet) {}

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
    Layouts& layouts_;
    std::string from_;

    // The sheet and the worksheet cell of a table's cell.
    std::pair<std::string, std::string> where(const doc::CellRef& r) const {
        const doc::Table* t = d_.table(r.table);
        if (!t) return {r.table, cell_name(r.row, r.col)};
        const SheetLayout& l = layouts_.of(*t);
        return {t->sheet_name, cell_name(r.row < l.row_of.size() ? l.row_of[r.row] : r.row, r.col + l.col_offset)};
    }
    std::string ref(const doc::CellRef& r) const {
        const auto [sheet, cell] = where(r);
        return sheet == from_ ? cell : quoted_sheet(sheet) + "!" + cell;
    }
    std::string local(const doc::CellRef& r) const { return where(r).second; }
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


void write_table_sheet(lxw_workbook* wb, Formats& formats, const doc::Document& d, Layouts& layouts, NoteList& notes,
                       const doc::Table& t) {
    const std::string& sheet = t.sheet_name;
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
    if (!ws) throw InternalError("Excel writer: cannot add sheet " + sheet);
    const SheetLayout& l = layouts.of(t);
    std::vector<int> numbers;
    if (!t.note.empty()) numbers.push_back(notes.add(t.note, sheet));
    if (!t.data_source.empty()) numbers.push_back(notes.add("Data source: " + t.data_source, sheet));
    if (t.note.empty() && t.data_source.empty() && !t.source_note.empty()) numbers.push_back(notes.add(t.source_note, sheet));
    write_lines(ws, formats, layout_of(t, numbers).lines);

    size_t cols = l.figures.size();
    std::vector<std::string> wanted;
    if (l.col_offset) wanted.push_back("Category");
    for (size_t c = 0; c < cols; ++c) {
        const std::string pdf = !t.rows.empty() && c < t.rows[0].cells.size() ? t.rows[0].cells[c].display() : "";
        wanted.push_back(c < t.workbook_headers.size() && !t.workbook_headers[c].empty() ? t.workbook_headers[c] : pdf);
    }
    const std::vector<std::string> headers = header_names(wanted);
    add_excel_table(ws, valid_defined_name("tbl_", t.id), headers, static_cast<lxw_row_t>(l.header_row),
                    static_cast<lxw_row_t>(l.last_row));

    std::vector<std::vector<std::string>> shown(headers.size());
    for (size_t c = 0; c < headers.size(); ++c) shown[c].push_back(headers[c]);
    for (size_t r = t.header_rows; r < t.rows.size(); ++r) {
        const doc::Row& row = t.rows[r];
        if (row.kind == doc::Row::Kind::section) continue;  // carried in the group column
        const auto xr = static_cast<lxw_row_t>(l.row_of[r]);
        if (l.col_offset) {
            check(worksheet_write_string(ws, xr, 0, row.group.c_str(), formats.get("", false, true)), "group");
            shown[0].push_back(row.group);
        }
        for (size_t c = 0; c < row.cells.size(); ++c) {
            const doc::Cell& cell = row.cells[c];
            const bool bold = cell.bold || row.kind != doc::Row::Kind::body;
            const auto xc = static_cast<lxw_col_t>(c + l.col_offset);
            if (cell.kind == doc::Cell::Kind::number) {
                lxw_format* f = formats.get(number_format(cell, d.workbook_numbers), bold);
                const std::string formula = cell.derived.empty() ? "" : "=" + FormulaWriter(d, layouts, sheet).expr(cell.derived);
                if (formula.empty()) check(worksheet_write_number(ws, xr, xc, cell_value(cell), f), "number");
                else check(worksheet_write_formula_num(ws, xr, xc, formula.c_str(), f, cell_value(cell)), "formula");
                shown[c + l.col_offset].push_back(cell.display());
            } else if (l.figures[c] && cell.missing != doc::Cell::Missing::none) {
                // No figure in a column of figures: the guidance's shorthand, never a dash as text.
                check(worksheet_write_string(ws, xr, xc, shorthand(cell.missing), formats.get("", bold, false, false, true)), "shorthand");
                notes.shorthand(cell.missing, sheet);
            } else if (!cell.text.empty()) {
                // Always a string, never a formula: a label "=SUM(...)" stays text.
                check(worksheet_write_string(ws, xr, xc, cell.text.c_str(), formats.get("", bold, c == 0)), "text");
                shown[c + l.col_offset].push_back(cell.text);
            }
        }
    }
    std::vector<double> widths;
    for (size_t c = 0; c < headers.size(); ++c) {
        const bool labels = c <= l.col_offset;  // the group column and the row labels
        widths.push_back(column_width(shown[c], labels ? (c < l.col_offset ? 14 : 20) : 10, labels ? 60 : 30));
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths.back(), nullptr);
    }
    // Labels wrap in their column: a long one makes its row taller.
    for (size_t r = t.header_rows; r < t.rows.size(); ++r) {
        const doc::Row& row = t.rows[r];
        if (row.kind == doc::Row::Kind::section || row.cells.empty()) continue;
        fit_row(ws, static_cast<lxw_row_t>(l.row_of[r]), row.cells[0].text, widths[l.col_offset]);
    }
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(l.header_row + 1), static_cast<lxw_col_t>(1 + l.col_offset));
    print_setup(ws, headers.size(), static_cast<lxw_row_t>(l.header_row));
    const std::string last_col = cell_name(0, headers.size() - 1);
    const std::string range = "=" + quoted_sheet(sheet) + "!$A$" + std::to_string(l.header_row + 1) + ":$" +
                              last_col.substr(0, last_col.size() - 1) + "$" + std::to_string(l.last_row + 1);
    check(workbook_define_name(wb, valid_defined_name("rng_", t.id).c_str(), range.c_str()), "name");
}

// A figure's sheet: its data as a table and its chart beside it. A point the chart
// does not plot stays an empty cell, since a chart reads text as a zero; the line
// above the table and the Notes sheet say what it means.
void write_figure_sheet(lxw_workbook* wb, Formats& formats, const doc::Document& d, NoteList& notes, const doc::Figure& f,
                        const std::string& sheet) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
    if (!ws) throw InternalError("Excel writer: cannot add sheet " + sheet);
    const doc::Chart& c = f.chart;
    std::vector<std::string> lines{sheet + ": " + f.caption, "This worksheet contains one table and one chart of it.",
                                   "Description: " + f.alt};
    if (!c.value_axis_title.empty()) lines.push_back("Values: " + c.value_axis_title);
    std::set<doc::Cell::Missing> gaps;
    for (const auto& s : c.series)
        for (size_t k = 0; k < s.values.size(); ++k)
            if (!s.values[k]) gaps.insert(k < s.missing.size() ? s.missing[k] : doc::Cell::Missing::not_available);
    if (!gaps.empty()) {
        std::string marks;
        for (auto g : gaps) {
            notes.shorthand(g, sheet);
            marks += (marks.empty() ? "" : " or ") + std::string(shorthand(g));
        }
        lines.push_back("An empty cell is a point the chart does not plot: " + marks + " in the table it comes from (see the Notes sheet).");
    }
    const lxw_row_t header_row = write_lines(ws, formats, lines);
    std::vector<std::string> wanted{c.category_heading};
    for (const auto& s : c.series) wanted.push_back(s.name);
    const std::vector<std::string> headers = header_names(wanted);
    const auto last = static_cast<lxw_row_t>(header_row + std::max<size_t>(1, c.categories.size()));
    add_excel_table(ws, valid_defined_name("tbl_", f.id), headers, header_row, last);
    doc::Cell proto = doc::Cell::number(Num(), c.decimals, c.style);
    lxw_format* fmt = formats.get(number_format(proto, d.workbook_numbers), false);
    for (size_t k = 0; k < c.categories.size(); ++k) {
        const auto row = static_cast<lxw_row_t>(header_row + 1 + k);
        check(worksheet_write_string(ws, row, 0, c.categories[k].c_str(), nullptr), "category");
        for (size_t s = 0; s < c.series.size(); ++s)
            if (k < c.series[s].values.size() && c.series[s].values[k])
                check(worksheet_write_number(ws, row, static_cast<lxw_col_t>(s + 1),
                                             cell_value(doc::Cell::number(*c.series[s].values[k], c.decimals, c.style)), fmt),
                      "value");
    }
    worksheet_set_column(ws, 0, 0, column_width(c.categories, 14, 40), nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(c.series.size()), 16, nullptr);
    worksheet_freeze_panes(ws, header_row + 1, 1);
    print_setup(ws, headers.size() + 8, header_row);
    insert_chart(wb, ws, sheet, f, header_row, d.look.chart);
}

}  // namespace

std::string cell_name(size_t row, size_t col) {
    std::string letters;
    for (size_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row + 1);
}

size_t excel_row(const doc::Table& t, size_t row) {
    const SheetLayout l = layout_of(t);
    return row < l.row_of.size() ? l.row_of[row] : row;
}

size_t excel_col(const doc::Table& t, size_t col) { return col + (grouped(t) ? 1 : 0); }

std::string formula_of(const doc::Formula& f, const doc::Document& d, const std::string& from_sheet) {
    if (f.empty()) return "";
    Layouts layouts;
    return "=" + FormulaWriter(d, layouts, from_sheet).expr(f);
}

void render_xlsx(doc::Document& d, const std::string& path) {
    // Sheet names first: formulas name the sheets they point into. Names already given
    // by an earlier call are valid and distinct, so they come back as they are.
    std::set<std::string> taken{"cover", "contents", "notes", "provenance"};
    std::vector<std::pair<const doc::Figure*, std::string>> figure_sheets;
    for (auto& b : d.blocks)
        if (auto t = std::get_if<doc::Table>(&b)) t->sheet_name = valid_sheet_name(t->sheet_name.empty() ? t->id : t->sheet_name, taken);
    for (const doc::Figure* f : d.figures())
        figure_sheets.push_back({f, valid_sheet_name("Figure " + std::to_string(f->number), taken)});

    // libxlsxwriter keeps its temporary files in /tmp. /dev/shm was tried (no gain
    // measured, and a container's 64 MB /dev/shm would not hold a big table's sheet).
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

    // The sheets in the order a reader meets them; the front sheets are filled in once
    // the tables have said which notes and shorthands they use.
    lxw_worksheet* cover = workbook_add_worksheet(wb, "Cover");
    lxw_worksheet* contents = workbook_add_worksheet(wb, "Contents");
    lxw_worksheet* notes_sheet = workbook_add_worksheet(wb, "Notes");
    Layouts layouts;
    NoteList notes;
    std::vector<ContentsEntry> entries{{"Notes", "Every note and shorthand used, and the sheets it applies to"}};
    for (const doc::Table* t : d.tables()) {
        write_table_sheet(wb, formats, d, layouts, notes, *t);
        entries.push_back({t->sheet_name, t->caption});
    }
    for (const auto& [f, sheet] : figure_sheets) {
        write_figure_sheet(wb, formats, d, notes, *f, sheet);
        entries.push_back({sheet, f->caption + " (chart and data)"});
    }
    write_provenance(workbook_add_worksheet(wb, "Provenance"), formats, d);
    entries.push_back({"Provenance", "What the workbook was made from: each input and its SHA-256"});
    write_cover(cover, formats, d);
    write_contents(contents, formats, d, entries);
    write_notes(notes_sheet, formats, notes);
    check(workbook_close(wb), "close");
    trust_cached_values(path);
}

}  // namespace bp::xlsx
