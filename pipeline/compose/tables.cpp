#include "compose/tables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/suggest.hpp"

namespace bp::compose {

using doc::Cell;
using doc::NumStyle;
using doc::Row;

namespace {

NumStyle style_of(const Unit& u) {
    switch (u.kind) {
        case Unit::Kind::money: return NumStyle::accounting;
        case Unit::Kind::count: return NumStyle::count;
        case Unit::Kind::percent: return NumStyle::percent;
        case Unit::Kind::number: return NumStyle::fixed;
    }
    return NumStyle::count;
}

// The document shows a percentage as the percentage (73.9), the workbook as 0.739.
Num shown_value(const TableCell& c) { return c.unit.kind == Unit::Kind::percent ? c.value * Num(100) : c.value; }

size_t header_rows(const DeclaredTable& t) { return t.unit_row ? 2 : 1; }

doc::Formula formula_of(const CellExpr& e, const TableSet& set, const Placement& placement) {
    using Op = doc::Formula::Op;
    switch (e.op) {
        case CellExpr::Op::cell: {
            auto it = placement.doc_id.find(e.at.table);
            const std::string id = it == placement.doc_id.end() ? "" : it->second;
            return doc::Formula::of_cell(doc::CellRef{id, header_rows(set.decls[e.at.table]) + e.at.row, e.at.col + 1});
        }
        case CellExpr::Op::constant: {
            doc::Formula f;
            f.op = Op::constant;
            f.constant = e.constant;
            return f;
        }
        case CellExpr::Op::range: {
            doc::Formula f = formula_of(CellExpr{CellExpr::Op::cell, e.at, {}, {}, {}, {}}, set, placement);
            f.op = Op::range;
            f.ref_end = formula_of(CellExpr{CellExpr::Op::cell, e.to, {}, {}, {}, {}}, set, placement).ref;
            return f;
        }
        default: break;
    }
    std::vector<doc::Formula> args;
    for (const auto& a : e.args) args.push_back(formula_of(a, set, placement));
    const Op op = e.op == CellExpr::Op::sum   ? Op::sum
                  : e.op == CellExpr::Op::sub ? Op::sub
                  : e.op == CellExpr::Op::mul ? Op::mul
                  : e.op == CellExpr::Op::div ? Op::div
                                              : Op::change;
    return doc::Formula::of(op, std::move(args));
}

bool refers_outside(const doc::Formula& f, const std::set<std::string>& shown) {
    if (f.op == doc::Formula::Op::cell || f.op == doc::Formula::Op::range) return !shown.count(f.ref.table);
    for (const auto& a : f.args)
        if (refers_outside(a, shown)) return true;
    return false;
}

}  // namespace

doc::Cell doc_cell(const TableCell& cell) {
    switch (cell.kind) {
        case TableCell::Kind::number: {
            Cell x = Cell::number(shown_value(cell), cell.decimals, style_of(cell.unit), cell.bold);
            x.show_plus = cell.signed_change;
            // A change of a percentage is in points: "+5.9 pts", never "+5.9%", which
            // reads as a relative change.
            if (cell.points) x.style = NumStyle::points;
            return x;
        }
        case TableCell::Kind::text: return Cell::label(cell.text);
        case TableCell::Kind::dash:
            return Cell::none("-", cell.undefined ? Cell::Missing::not_applicable : Cell::Missing::not_available);
        case TableCell::Kind::blank: return Cell::none("", Cell::Missing::not_applicable);
    }
    return Cell::none("", Cell::Missing::not_applicable);
}

doc::Table table_of(const TableSet& set, size_t index, const std::string& doc_id, const std::string& caption,
                    const Placement& placement) {
    const DeclaredTable& d = set.decls[index];
    const EvaluatedTable& e = set.evaluated[index];
    doc::Table t;
    t.id = doc_id;
    t.caption = caption.empty() ? d.title : caption;
    Row head;
    head.kind = Row::Kind::header;
    head.cells.push_back(Cell::label(d.rows_heading, true));
    for (const auto& c : d.columns) head.cells.push_back(Cell::label(c.label, true));
    t.rows.push_back(head);
    if (d.unit_row) {
        Row units;
        units.kind = Row::Kind::header;
        units.cells.push_back(Cell::label("", true));
        for (const auto& c : d.columns) {
            const Unit& u = c.unit ? *c.unit : d.unit;
            const bool points = (c.derive.op == Derive::Op::since || c.derive.op == Derive::Op::difference) &&
                                u.kind == Unit::Kind::percent;
            units.cells.push_back(Cell::label(c.text ? "" : points ? "pts" : u.label, true));
        }
        t.rows.push_back(units);
    }
    t.header_rows = t.rows.size();
    t.workbook_headers.push_back(d.rows_heading.empty() ? d.rows_workbook_label : "");
    for (const auto& c : d.columns) t.workbook_headers.push_back(c.workbook_label);
    // The section a row falls under, for the workbook's group column: body rows under a
    // heading; a total right after them (or naming their group) is their subtotal; any
    // other total closes the section.
    std::string open;
    std::map<std::string, std::string> group_label;  // declared group id -> its heading
    bool after_body = false;
    for (size_t r = 0; r < d.rows.size(); ++r) {
        const TableRow& row = d.rows[r];
        Row out;
        if (row.kind == TableRow::Kind::section) {
            out.kind = Row::Kind::section;
            out.cells.push_back(Cell::label(row.label, true));
            for (size_t c = 0; c < d.columns.size(); ++c) out.cells.push_back(Cell::none("", Cell::Missing::not_applicable));
            t.rows.push_back(out);
            open = row.label;
            after_body = false;
            continue;
        }
        if (row.kind == TableRow::Kind::body) {
            if (!row.group.empty()) group_label[row.group] = open;
            out.group = open;
            after_body = true;
        } else if (!row.derive.group.empty() && group_label.count(row.derive.group)) {
            out.group = group_label[row.derive.group];
            open.clear();
        } else {
            if (after_body && d.kind.size() && !open.empty()) out.group = open;  // a kind's subtotal
            open.clear();
            after_body = false;
        }
        out.kind = row.kind == TableRow::Kind::total ? Row::Kind::total : Row::Kind::body;
        // A row in pounds in a table of counts says so: its cells print no "£".
        const bool own_money = row.unit && row.unit->kind == Unit::Kind::money && !row.unit->same_as(d.unit);
        out.cells.push_back(Cell::label(own_money ? row.label + " (" + row.unit->label + ")" : row.label,
                                        row.kind == TableRow::Kind::total || row.bold));
        for (size_t c = 0; c < d.columns.size(); ++c) {
            const TableCell& cell = e.cells[r][c];
            Cell x = doc_cell(cell);
            if (cell.kind == TableCell::Kind::number && cell.formula) {
                x.derived = formula_of(*cell.formula, set, placement);
                // The workbook holds points as points (5.9), not as the fraction 0.059.
                if (x.style == NumStyle::points) {
                    doc::Formula hundred;
                    hundred.op = doc::Formula::Op::constant;
                    hundred.constant = Num(100);
                    x.derived = doc::Formula::of(doc::Formula::Op::mul, {x.derived, hundred});
                }
            }
            out.cells.push_back(x);
        }
        t.rows.push_back(out);
    }
    t.note = d.note;
    t.data_source = d.data_source;
    t.source_note = d.note;
    if (!d.data_source.empty()) t.source_note += (t.source_note.empty() ? "" : " ") + ("Data source: " + d.data_source);
    return t;
}

void drop_dangling_formulas(doc::Table& t, const std::vector<std::string>& shown) {
    const std::set<std::string> ids(shown.begin(), shown.end());
    for (auto& r : t.rows)
        for (auto& c : r.cells)
            if (!c.derived.empty() && refers_outside(c.derived, ids)) c.derived = doc::Formula{};
}

std::optional<doc::Chart> chart_of(const TableSet& set, const ChartDecl& decl, Diagnostics& diags) {
    auto ti = set.index_of(decl.table);
    if (!ti) {
        std::vector<std::string> ids;
        for (const auto& t : set.decls) ids.push_back(t.id);
        const std::string near = closest(decl.table, ids);
        diags.error(decl.pos, "the chart's table '" + decl.table + "' is not a declared table" +
                                  (near.empty() ? "" : "; did you mean '" + near + "'?"));
        return std::nullopt;
    }
    const DeclaredTable& d = set.decls[*ti];
    const EvaluatedTable& e = set.evaluated[*ti];
    // Lines along each axis: the series' and the categories'.
    struct Line {
        size_t index;
        std::string id, label;
    };
    std::vector<Line> rows, cols;
    for (size_t r = 0; r < d.rows.size(); ++r)
        if (d.rows[r].kind != TableRow::Kind::section) rows.push_back({r, d.rows[r].id, d.rows[r].label});
    for (size_t c = 0; c < d.columns.size(); ++c)
        if (!d.columns[c].text) cols.push_back({c, d.columns[c].id, d.columns[c].label});
    const std::vector<Line>& series_axis = decl.series_are_columns ? cols : rows;
    const std::vector<Line>& category_axis = decl.series_are_columns ? rows : cols;
    const char* series_word = decl.series_are_columns ? "column" : "row";
    const char* category_word = decl.series_are_columns ? "row" : "column";
    auto pick = [&](const std::vector<std::string>& ids, const std::vector<Line>& axis,
                    const char* word) -> std::optional<std::vector<Line>> {
        std::vector<Line> out;
        if (ids.empty()) {
            for (const auto& l : axis) {
                // By default only the figures themselves: body rows, or columns not derived.
                if (word == std::string("row") ? d.rows[l.index].kind == TableRow::Kind::body
                                               : !d.columns[l.index].derive.derived())
                    out.push_back(l);
            }
            return out;
        }
        for (const auto& id : ids) {
            auto it = std::find_if(axis.begin(), axis.end(), [&](const Line& l) { return l.id == id; });
            if (it == axis.end()) {
                std::vector<std::string> known;
                for (const auto& l : axis) known.push_back(l.id);
                const std::string near = closest(id, known);
                diags.error(decl.pos, "table '" + d.id + "' has no " + word + " '" + id + "' with figures to chart" +
                                          (near.empty() ? "" : "; did you mean '" + near + "'?"));
                return std::nullopt;
            }
            out.push_back(*it);
        }
        return out;
    };
    auto series = pick(decl.series, series_axis, series_word);
    auto categories = pick(decl.categories, category_axis, category_word);
    if (!series || !categories) return std::nullopt;
    if (series->empty() || categories->empty()) {
        diags.error(decl.pos, "the chart of table '" + d.id + "' has no " + (series->empty() ? "series" : "categories"));
        return std::nullopt;
    }
    doc::Chart c;
    c.kind = decl.kind == "stacked_column" ? doc::Chart::Kind::stacked_column
             : decl.kind == "bar"          ? doc::Chart::Kind::bar
             : decl.kind == "line"         ? doc::Chart::Kind::line
             : decl.kind == "radar"        ? doc::Chart::Kind::radar
                                           : doc::Chart::Kind::column;
    if (c.kind == doc::Chart::Kind::radar && categories->size() < 3) {
        diags.error(decl.pos, "a radar chart needs at least 3 categories; table '" + d.id + "' gives " +
                                  std::to_string(categories->size()));
        return std::nullopt;
    }
    for (const auto& l : *categories) c.categories.push_back(l.label);
    // What the categories are, for the workbook's header: the rows' heading when the
    // categories are rows; "Financial year" for columns such as 2024/25.
    auto financial_year = [](const std::string& l) {
        auto digit = [](char c) { return c >= '0' && c <= '9'; };  // never isdigit on a UTF-8 byte
        return l.size() == 7 && l[4] == '/' && std::all_of(l.begin(), l.begin() + 4, digit) && digit(l[5]) && digit(l[6]);
    };
    if (decl.series_are_columns) c.category_heading = d.rows_heading.empty() ? d.rows_workbook_label : d.rows_heading;
    else if (std::all_of(c.categories.begin(), c.categories.end(), financial_year)) c.category_heading = "Financial year";
    if (c.category_heading.empty()) c.category_heading = "Category";
    int decimals = 0;
    std::optional<Unit> unit;
    for (size_t s = 0; s < series->size(); ++s) {
        const Line& line = (*series)[s];
        doc::Series out;
        out.name = s < decl.series_names.size() && !decl.series_names[s].empty() ? decl.series_names[s] : line.label;
        bool any = false;
        for (const auto& cat : *categories) {
            const size_t r = decl.series_are_columns ? cat.index : line.index;
            const size_t col = decl.series_are_columns ? line.index : cat.index;
            const TableCell& cell = e.cells[r][col];
            if (cell.kind != TableCell::Kind::number) {
                out.values.push_back(std::nullopt);
                out.missing.push_back(doc_cell(cell).missing);
                continue;
            }
            if (unit && !unit->same_as(cell.unit)) {
                diags.error(decl.pos, "the chart of table '" + d.id + "' mixes " + unit->name() + " with " + cell.unit.name() +
                                          " on one value axis");
                return std::nullopt;
            }
            unit = cell.unit;
            decimals = std::max(decimals, cell.decimals);
            out.values.push_back(shown_value(cell));
            out.missing.push_back(doc::Cell::Missing::none);
            any = true;
        }
        if (!any) {
            diags.error(decl.pos, std::string("the chart's series '") + line.id + "' of table '" + d.id + "' has no figures");
            return std::nullopt;
        }
        c.series.push_back(out);
    }
    c.decimals = decl.decimals ? *decl.decimals : decimals;
    c.style = style_of(*unit);
    c.value_axis_title = !decl.axis_title.empty() ? decl.axis_title : !unit->label.empty() ? unit->label : "Number";
    return c;
}

doc::Table chart_data_table(const doc::Figure& f) {
    doc::Table t;
    t.workbook_headers = {f.chart.category_heading};
    t.id = f.id + "-data";
    t.caption = "Data for " + f.caption;
    t.header_rows = 1;
    doc::Row h;
    h.kind = doc::Row::Kind::header;
    h.cells.push_back(doc::Cell::label("", true));
    for (const auto& s : f.chart.series) h.cells.push_back(doc::Cell::label(s.name, true));
    t.rows.push_back(h);
    for (size_t k = 0; k < f.chart.categories.size(); ++k) {
        doc::Row r;
        r.cells.push_back(doc::Cell::label(f.chart.categories[k]));
        for (const auto& s : f.chart.series)
            r.cells.push_back(k < s.values.size() && s.values[k]
                                  ? doc::Cell::number(*s.values[k], f.chart.decimals, f.chart.style)
                                  : doc::Cell::none("-", k < s.missing.size() ? s.missing[k] : doc::Cell::Missing::not_available));
        t.rows.push_back(r);
    }
    return t;
}

}  // namespace bp::compose
