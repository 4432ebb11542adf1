#include "compose/template_data.hpp"

#include <cctype>
#include <optional>

#include "compose/helpers.hpp"
#include "compose/since_data.hpp"
#include "compose/tables.hpp"
#include "core/format.hpp"

namespace bp::compose {
namespace {

TValue s(const std::string& x) { return TValue::str(x); }

}  // namespace

std::string prose(const Num& v, const Unit& u, int decimals) {
    switch (u.kind) {
        case Unit::Kind::money: {
            if (u.scale == 6) return fmt_money_m(v, decimals);
            if (u.scale == 3) return fmt_pounds(v * Num(1000));
            return fmt_pounds(v);
        }
        case Unit::Kind::percent: return fmt_percent(v * Num(100), decimals);
        case Unit::Kind::count: return fmt_count(v, decimals);
        case Unit::Kind::number: return fmt_fixed(v, decimals);
    }
    return "";
}

namespace {

// A cell as its table prints it.
std::string display(const TableCell& c) { return doc_cell(c).display(); }

void add_cell(TValue& d, TValue& raw, const std::string& key, const TableCell& c, const SignWords& words) {
    if (c.kind != TableCell::Kind::number) {
        d.set(key, s(display(c)));
        return;
    }
    // Compared at the precision shown: a change that prints as 0 is no change.
    const Num shown = round_half_away(c.unit.kind == Unit::Kind::percent ? c.value * Num(100) : c.value, c.decimals);
    const int sign = shown.is_zero() ? 0 : shown.is_negative() ? -1 : 1;
    // A percentage less a percentage is said in points: "2.6 percentage points".
    auto said = [&](const Num& v) {
        if (!c.points) return prose(v, c.unit, c.decimals);
        const Num pts = round_half_away(v * Num(100), c.decimals);
        return fmt_fixed(pts, c.decimals) + (pts.abs() == Num(1) ? " percentage point" : " percentage points");
    };
    d.set(key, s(said(c.value)));
    d.set(key + "_abs", s(said(c.value.abs())));
    d.set(key + "_is_negative", TValue::boolean(sign < 0));
    d.set(key + "_is_positive", TValue::boolean(sign > 0));
    d.set(key + "_is_zero", TValue::boolean(sign == 0));
    d.set(key + "_above_below", s(sign > 0 ? "above" : sign < 0 ? "below" : "in line with"));
    d.set(key + "_increase_reduction", s(sign > 0 ? "increase" : sign < 0 ? "reduction" : "no change"));
    if (!words.empty())
        d.set(key + "_word", s(sign > 0 ? words.positive : sign < 0 ? words.negative : words.zero.empty() ? words.positive : words.zero));
    // In the unit a helper sees a raw cell in (compose/helpers.hpp).
    raw.set(key, TValue::raw(raw_text(c.unit.kind == Unit::Kind::percent ? c.value * Num(100) : c.value),
                             c.points ? "percentage points" : c.unit.word()));
}

}  // namespace

void add_table_data(TValue& d, const TableSet& tables, size_t index) {
    const DeclaredTable& t = tables.decls[index];
    const EvaluatedTable& e = tables.evaluated[index];
    TValue table;
    table.set("title", s(t.title));
    table.set("unit", s(t.unit.label));
    std::vector<TValue> columns;
    std::vector<std::string> inputs;
    for (const auto& c : t.columns) {
        TValue v;
        v.set("id", s(c.id));
        v.set("label", s(c.label));
        columns.push_back(v);
        table.set("column_label." + c.id, s(c.label));
        if (!c.text && !c.derive.derived()) inputs.push_back(c.label);
    }
    table.set("columns", TValue::list(columns));
    // A year range in prose: "from 2022/23 to 2024/25".
    if (!inputs.empty()) {
        table.set("first_column", s(inputs.front()));
        table.set("last_column", s(inputs.back()));
    }
    TValue raw;
    std::vector<TValue> rows;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const TableRow& row = t.rows[r];
        if (row.kind == TableRow::Kind::section) continue;
        TValue listed;
        listed.set("id", s(row.id));
        listed.set("label", s(row.label));
        listed.set("is_total", TValue::boolean(row.kind == TableRow::Kind::total));
        table.set("row_label." + row.id, s(row.label));
        std::vector<TValue> cells;
        for (size_t c = 0; c < t.columns.size(); ++c) {
            const TableCell& cell = e.cells[r][c];
            const SignWords& words = !row.words.empty() ? row.words : t.columns[c].words;
            add_cell(table, raw, row.id + "." + t.columns[c].id, cell, words);
            TValue v;
            v.set("column", s(t.columns[c].label));
            v.set("text", s(display(cell)));
            v.set("last", TValue::boolean(c + 1 == t.columns.size()));
            cells.push_back(v);
        }
        listed.set("cells", TValue::list(cells));
        rows.push_back(listed);
    }
    table.set("rows", TValue::list(rows));
    d.set("tables." + t.id, table);
    d.set("raw.tables." + t.id, raw);
}

std::set<size_t> tables_mentioned(const TableSet& tables, const std::vector<std::string>& texts, const std::string& key) {
    std::set<size_t> out;
    for (const auto& text : texts)
        for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + key.size())) {
            const size_t from = at + key.size();
            std::optional<size_t> best;
            size_t best_len = 0;
            for (const auto& [id, index] : tables.by_id)
                if (id.size() > best_len && text.compare(from, id.size(), id) == 0) {
                    const char next = from + id.size() < text.size() ? text[from + id.size()] : '}';
                    if (next == '.' || next == '}' || std::isspace(static_cast<unsigned char>(next))) {
                        best = index;
                        best_len = id.size();
                    }
                }
            if (best) out.insert(*best);
        }
    return out;
}

TValue template_data(const ReportSpec& r, const TableSet& tables, const TValue& named,
                     const std::map<std::string, TValue>& refs, const std::set<size_t>& mentioned,
                     const PreviousReport* previous, const std::set<size_t>& since_mentioned) {
    TValue d;
    for (const auto& h : helpers()) d.set(h.name, TValue::helper(h.name));
    d.set("raw.report.meeting_date", TValue::raw(r.meeting_date.iso(), "date"));
    d.set("report.title", s(r.title.value));
    d.set("report.committee", s(r.committee.value));
    d.set("report.meeting_date", s(r.meeting_date.long_form()));
    d.set("report.report_of", s(r.report_of.value));
    d.merge(named);
    for (size_t i : mentioned) add_table_data(d, tables, i);
    add_since_data(d, tables, since_mentioned, previous);
    for (const auto& [key, ref] : refs) d.set(key, ref);
    return d;
}

}  // namespace bp::compose
