#include "compose/since_data.hpp"

#include <algorithm>
#include <cstdio>

#include "compose/template_data.hpp"
#include "core/format.hpp"

namespace bp::compose {
namespace {

constexpr const char* kTexts[] = {"previous", "change", "by", "by_pct", "words", "words_by", "words_by_pct"};

// Every text of one figure refusing with `why`; its flags false except is_new.
TValue refusing(const std::string& why, bool is_new) {
    TValue v;
    for (const char* k : kTexts) v.set(k, TValue::refused(why));
    v.set("rose", TValue::boolean(false));
    v.set("fell", TValue::boolean(false));
    v.set("unchanged", TValue::boolean(false));
    v.set("is_new", TValue::boolean(is_new));
    return v;
}

Unit unit_of(const std::string& word) { return Unit::parse(word).value_or(Unit::number()); }

// A figure as a sentence prints it, given in the units a reader sees (a percentage as
// a percentage, 55.9, not its fraction).
std::string shown_prose(const Num& shown, const Unit& u, int decimals) {
    return prose(u.kind == Unit::Kind::percent ? shown / Num(100) : shown, u, decimals);
}

TValue figure_since(const TableCell& now, const Figure* was) {
    if (!was) return refusing("is new since the previous report: it had no figure there; test {{#....is_new}} first", true);
    if (now.kind != TableCell::Kind::number || was->kind != "number" || !was->value)
        return refusing("is not a figure in both reports (" + (was->kind == "number" ? std::string("this report has no figure") : "the previous report printed '" + was->shown + "'") + ")", false);
    const Unit& u = now.unit;
    if (!unit_of(was->unit).same_as(u)) return refusing("changed its unit since the previous report", false);
    const bool percent = u.kind == Unit::Kind::percent;
    const Num scale = percent ? Num(100) : Num(1);
    // Compared as the two papers print them: a change that prints as 0 is no change.
    const int before_places = shown_decimals(was->shown), places = std::max(now.decimals, before_places);
    const Num before = round_half_away(*was->value * scale, before_places);
    const Num after = round_half_away(now.value * scale, now.decimals);
    const Num delta = after - before;
    const int sign = delta.is_zero() ? 0 : delta.is_negative() ? -1 : 1;
    const std::string from = shown_prose(before, u, before_places), to = shown_prose(after, u, now.decimals);
    const std::string by = percent ? fmt_fixed(delta.abs(), places) + (delta.abs() == Num(1) ? " percentage point" : " percentage points")
                                   : shown_prose(delta.abs(), u, places);
    TValue v;
    v.set("previous", TValue::str(from));
    v.set("change", TValue::str(std::string(sign > 0 ? "+" : sign < 0 ? "-" : "") +
                                (percent ? fmt_fixed(delta.abs(), places) + " pts" : shown_prose(delta.abs(), u, places))));
    v.set("by", TValue::str(by));
    const char* verb = sign > 0 ? "rose" : "fell";
    v.set("words", TValue::str(sign == 0 ? "was unchanged at " + to : std::string(verb) + " from " + from + " to " + to));
    v.set("words_by", TValue::str(sign == 0 ? std::string("was unchanged") : std::string(verb) + " by " + by));
    // The relative change: of exact values, and only where it means something.
    std::string no_relative;
    if (percent) no_relative = "is the change of a percentage, which is in points: use by or words_by";
    else if (was->value->is_zero()) no_relative = "has no percentage change: the previous figure was zero";
    else if (was->value->is_negative() != now.value.is_negative() && !now.value.is_zero())
        no_relative = "has no percentage change: the figure crossed zero";
    if (!no_relative.empty()) {
        v.set("by_pct", TValue::refused(no_relative));
        v.set("words_by_pct", sign == 0 ? TValue::str("was unchanged") : TValue::refused(no_relative));
    } else {
        const std::string pct = fmt_percent((now.value - *was->value).abs() / was->value->abs() * Num(100), 1);
        v.set("by_pct", TValue::str(pct));
        v.set("words_by_pct", TValue::str(sign == 0 ? std::string("was unchanged") : std::string(verb) + " by " + pct));
    }
    v.set("rose", TValue::boolean(sign > 0));
    v.set("fell", TValue::boolean(sign < 0));
    v.set("unchanged", TValue::boolean(sign == 0));
    v.set("is_new", TValue::boolean(false));
    return v;
}

// "2024-07-11" as "11 July 2024"; the text itself when it is not an ISO date.
std::string long_date(const std::string& iso) {
    Date d;
    if (iso.size() == 10 && std::sscanf(iso.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) == 3 && d.month >= 1 &&
        d.month <= 12)
        return d.long_form();
    return iso;
}

}  // namespace

void add_since_data(TValue& d, const TableSet& tables, const std::set<size_t>& mentioned, const PreviousReport* previous) {
    d.set("since.available", TValue::boolean(previous != nullptr));
    const std::string none = "has no previous figure: the report spec names no previous report (previous:); "
                             "test {{#since.available}} first";
    if (previous) {
        d.set("since.report.id", TValue::str(previous->file.id));
        d.set("since.report.title", TValue::str(previous->file.title));
        d.set("since.report.date", TValue::str(long_date(previous->file.date)));
    } else {
        for (const char* k : {"id", "title", "date"}) d.set(std::string("since.report.") + k, TValue::refused(none));
    }
    for (size_t t : mentioned) {
        const DeclaredTable& decl = tables.decls[t];
        TValue table;
        for (size_t r = 0; r < decl.rows.size(); ++r) {
            const TableRow& row = decl.rows[r];
            if (row.kind == TableRow::Kind::section) continue;
            for (size_t c = 0; c < decl.columns.size(); ++c) {
                const TableCell& now = tables.evaluated[t].cells[r][c];
                table.set(row.id + "." + decl.columns[c].id,
                          previous ? figure_since(now, previous->cell(decl.id, row.id, decl.columns[c].id)) : refusing(none, false));
            }
        }
        d.set("since.tables." + decl.id, table);
    }
}

}  // namespace bp::compose
