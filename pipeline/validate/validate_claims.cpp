// Claims the source's prose makes about a table ("the greatest number of families (10)
// was in Education and Learning"), recorded as data and checked against the table:
// prose beside a table that says otherwise is what a reader finds first.
#include "validate/validate.hpp"

#include <algorithm>

#include "core/format.hpp"
#include "core/suggest.hpp"

namespace bp::validate {
namespace {

std::string figure(const TableCell& c) {
    const bool percent = c.unit.kind == Unit::Kind::percent;
    return to_fixed(round_half_away(percent ? c.value * Num(100) : c.value, c.decimals), c.decimals) + (percent ? "%" : "");
}

void check_claim(const TableSet& set, const TableClaim& claim, Diagnostics& diags) {
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
        if (!best || (claim.largest ? cell->value > best->value : cell->value < best->value)) best = cell;
    }
    const std::string what = col ? "row" : "column";
    if (std::find(ids.begin(), ids.end(), claim.is) == ids.end()) {
        const std::string near = closest(claim.is, ids);
        diags.error(claim.is_pos, "table '" + t.id + "' has no " + what + " '" + claim.is + "' among those compared" +
                                      (near.empty() ? "" : "; did you mean '" + near + "'?"));
        return;
    }
    if (!best || !claimed || claimed->value == best->value) return;  // ties: the claim holds
    std::string winner;
    for (const auto& [id, cell] : entries)
        if (cell == best) winner = id;
    diags.error(claim.pos, std::string("the claim that '") + claim.is + "' is the " + (claim.largest ? "largest" : "smallest") +
                               " in '" + claim.line + "'" + (claim.message.empty() ? "" : " (\"" + claim.message + "\")") +
                               " does not hold: '" + winner + "' has " + figure(*best) + ", '" + claim.is + "' " + figure(*claimed));
}

}  // namespace

void check_claims(const TableSet& set, const std::vector<TableClaim>& claims, Diagnostics& diags) {
    for (const auto& c : claims) check_claim(set, c, diags);
}

}  // namespace bp::validate
