// Claims the source's prose makes about its figures, recorded as data and checked:
//  * superlatives: "the greatest number of families (10) was in Education and
//    Learning" beside a table that says 20, or that says another row is larger;
//  * rates: "a conversion rate of 60%", over the base the prose names, or, where it
//    names none and the data hold two plausible ones, over each: a rate that holds
//    over one base and not the other is a warning naming both results, since the
//    reader cannot tell which was meant.
#include "validate/validate.hpp"

#include <algorithm>

#include "core/format.hpp"
#include "core/suggest.hpp"
#include "validate/stated.hpp"

namespace bp::validate {
namespace {

Num shown(const TableCell& c) { return c.unit.kind == Unit::Kind::percent ? c.value * Num(100) : c.value; }

std::string figure(const TableCell& c) {
    const bool percent = c.unit.kind == Unit::Kind::percent;
    return to_fixed(round_half_away(shown(c), c.decimals), c.decimals) + (percent ? "%" : "");
}

// A figure as exactly as it is, to at most 6 places: 178, 17.072.
std::string exact(const Num& v) {
    int d = 0;
    while (d < 6 && round_half_away(v, d) != v) ++d;
    return to_fixed(v, d);
}

std::string quoted(const TableClaim& claim) { return claim.message.empty() ? "" : " (\"" + claim.message + "\")"; }

void check_superlative(const TableSet& set, const TableClaim& claim, Diagnostics& diags) {
    const bool largest = claim.kind == TableClaim::Kind::largest;
    std::string why;
    const auto named = set.split_name(claim.line, &why);
    if (!named || !named->second.empty()) {
        diags.error(claim.line_pos, "'" + claim.line + "' names no column or row of a table (table.column or table.row)" +
                                        (why.empty() ? "" : ": " + why));
        return;
    }
    const DeclaredTable& t = set.decls[named->table];
    // A column: its body rows are compared; a row: its figure columns.
    const auto col = set.col_index(named->table, named->first);
    const auto row = col ? std::nullopt : set.row_index(named->table, named->first);
    if (!col && !row) {
        diags.error(claim.line_pos, "table '" + t.id + "' has no column or row '" + named->first + "'");
        return;
    }
    std::vector<std::pair<std::string, const TableCell*>> entries;
    if (col) {
        for (size_t r = 0; r < t.rows.size(); ++r)
            if (t.rows[r].kind == TableRow::Kind::body) entries.push_back({t.rows[r].id, &set.at(CellAddr{named->table, r, *col})});
    } else {
        for (size_t c = 0; c < t.columns.size(); ++c)
            if (!t.columns[c].text && !t.columns[c].derive.derived())
                entries.push_back({t.columns[c].id, &set.at(CellAddr{named->table, *row, c})});
    }
    const TableCell* best = nullptr;
    const TableCell* claimed = nullptr;
    std::vector<std::string> ids;
    for (const auto& [id, cell] : entries) {
        ids.push_back(id);
        if (cell->kind != TableCell::Kind::number) continue;
        if (id == claim.is) claimed = cell;
        if (!best || (largest ? cell->value > best->value : cell->value < best->value)) best = cell;
    }
    const std::string what = col ? "row" : "column";
    if (std::find(ids.begin(), ids.end(), claim.is) == ids.end()) {
        const std::string near = closest(claim.is, ids);
        diags.error(claim.is_pos, "table '" + t.id + "' has no " + what + " '" + claim.is + "' among those compared" +
                                      (near.empty() ? "" : "; did you mean '" + near + "'?"));
        return;
    }
    if (!claimed) {
        diags.error(claim.is_pos, "'" + claim.is + "' has no figure in '" + claim.line + "' to be the " + (largest ? "largest" : "smallest"));
        return;
    }
    // The figure the prose prints beside the claim, by the one stated-figure rule.
    if (claim.stated)
        check_stated(diags, Stated{claim.stated->value, claim.stated->decimals, claim.stated->pos}, shown(*claimed), Num(0),
                     "the claim's figure for '" + claim.is + "' in '" + claim.line + "'" + quoted(claim),
                     claimed->unit.kind == Unit::Kind::percent ? "%" : "");
    if (claimed->value == best->value) return;  // ties: the claim holds
    std::string winner;
    for (const auto& [id, cell] : entries)
        if (cell == best) winner = id;
    diags.error(claim.pos, std::string("the claim that '") + claim.is + "' is the " + (largest ? "largest" : "smallest") + " in '" +
                               claim.line + "'" + quoted(claim) + " does not hold: '" + winner + "' has " + figure(*best) + ", '" +
                               claim.is + "' " + figure(*claimed));
}

// One base of a rate: the exact percentage, or nothing after an error at its place.
std::optional<Num> rate_over(const ExprValue& part, const CheckExpr& base_expr, const ExprValue& base, Diagnostics& diags) {
    if (!base.ok) return std::nullopt;
    if (!base.value) {
        diags.error(base_expr.pos, "'" + base_expr.text + "' names a cell with no figure");
        return std::nullopt;
    }
    using K = ExprUnit::Kind;
    if (part.unit.kind != K::free && base.unit.kind != K::free &&
        (part.unit.kind != base.unit.kind || part.unit.scale != base.unit.scale)) {
        diags.error(base_expr.pos, "a rate of " + part.unit.describe() + " over " + base.unit.describe() + " is not a percentage");
        return std::nullopt;
    }
    if (base.value->is_zero() || *base.value < Num(0)) {
        diags.error(base_expr.pos, "the base '" + base_expr.text + "' is " + exact(*base.value) + "; a rate needs a base above 0");
        return std::nullopt;
    }
    return *part.value / *base.value * Num(100);
}

void check_rate(const TableSet& set, const TableClaim& claim, const std::vector<Fact>& facts, const TValue& named,
                Diagnostics& diags) {
    const ExprValue part = evaluate_expression(set, facts, named, claim.of, diags);
    if (!part.ok) return;
    if (!part.value) {
        diags.error(claim.of.pos, "'" + claim.of.text + "' names a cell with no figure");
        return;
    }
    std::vector<ExprValue> bases;
    std::vector<std::optional<Num>> rates;
    for (const auto& b : claim.over) {
        bases.push_back(evaluate_expression(set, facts, named, b, diags));
        rates.push_back(rate_over(part, b, bases.back(), diags));
    }
    for (const auto& r : rates)
        if (!r) return;
    const TableValue& printed = *claim.rate;
    auto basis = [&](size_t i) {
        return claim.of.text + " (" + exact(*part.value) + ") over " + claim.over[i].text + " (" +
               exact(*bases[i].value) + ") is " +
               to_fixed(round_half_away(*rates[i], std::max(printed.decimals, 1)), std::max(printed.decimals, 1)) + "%";
    };
    const std::string what = "the rate" + quoted(claim);
    if (claim.over.size() == 1) {
        check_stated_percent(diags, Percent{printed.value, printed.decimals, printed.pos}, *rates[0], what,
                             claim.of.text + " (" + exact(*part.value) + ") over " + claim.over[0].text + " (" +
                                 exact(*bases[0].value) + ")");
        return;
    }
    // Bases the prose leaves open: which of them give the printed figure?
    std::vector<size_t> fits, misses;
    for (size_t i = 0; i < rates.size(); ++i)
        (round_half_away(*rates[i], printed.decimals) == printed.value ? fits : misses).push_back(i);
    const std::string rate_text = to_fixed(printed.value, printed.decimals) + "%";
    if (misses.empty()) return;  // it holds whichever base was meant
    std::string all;
    for (size_t i = 0; i < rates.size(); ++i) all += (i ? "; " : "") + basis(i);
    if (fits.empty()) {
        diags.error(printed.pos, what + ": " + rate_text + " holds over none of the bases the prose may mean: " + all);
        return;
    }
    diags.warning(printed.pos, what + ": " + rate_text + " holds over " + claim.over[fits.front()].text + " but not over " +
                                   claim.over[misses.front()].text + ", and the prose does not say which base it means: " + all +
                                   "; a single 'over:' records the base");
}

}  // namespace

void check_claims(const TableSet& set, const std::vector<TableClaim>& claims, const std::vector<Fact>& facts, const TValue& named,
                  Diagnostics& diags) {
    for (const auto& c : claims) {
        if (c.kind == TableClaim::Kind::rate) check_rate(set, c, facts, named, diags);
        else check_superlative(set, c, diags);
    }
}

}  // namespace bp::validate
