// Granularity and populations (issue 14): what a careful reader finds with a pencil
// when a table says how many families or Stars its figures are drawn from. A
// percentage of n families is k/n for a whole k; a mean of n whole-number scores is a
// multiple of 1/n; a count of them is at most n; and rows that share out a population
// add up to it. A printed "62%" of 7, or "4.90" over 8, cannot be right whatever the
// data were.
#include "validate/validate.hpp"

#include <set>

#include "core/format.hpp"
#include "validate/stated.hpp"

namespace bp::validate {
namespace {

std::string whole(const Num& v) { return to_fixed(v, 0); }

class PopulationCheck {
public:
    PopulationCheck(const TableSet& set, Diagnostics& diags) : set_(set), diags_(diags) {}

    void table(size_t t) {
        const DeclaredTable& d = set_.decls[t];
        if (t >= set_.evaluated.size()) return;
        if (!d.population.ref.empty() && d.population.ref.find('.') == std::string::npos) {
            diags_.error(d.population.pos, "a table's population is a count or names a cell (table.row.column), not '" +
                                               d.population.ref + "'");
            return;
        }
        const std::optional<Num> table_n = resolve(d.population, t, 0, 0);
        for (size_t c = 0; c < d.columns.size(); ++c) {
            const TableColumn& col = d.columns[c];
            if (col.text) continue;
            Num sum;
            bool counted = false;
            for (size_t r = 0; r < d.rows.size(); ++r) {
                const TableRow& row = d.rows[r];
                if (row.kind == TableRow::Kind::section) continue;
                const Population& p = row.population.given() ? row.population : col.population.given() ? col.population : d.population;
                const TableCell& cell = set_.evaluated[t].cells[r][c];
                if (cell.kind != TableCell::Kind::number) continue;
                if (row.kind == TableRow::Kind::body && cell.unit.kind == Unit::Kind::count) {
                    sum = sum + cell.value;
                    counted = true;
                }
                const std::optional<Num> n = &p == &d.population ? table_n : resolve(p, t, r, c);
                if (n) one(d, r, c, cell, *n, p, value_pos(d, r, c));
            }
            // Rows that share out the table's population add up to it.
            if (table_n && counted && !col.population.given() && sum != *table_n)
                diags_.warning(d.population.pos, "table '" + d.id + "', column '" + col.id + "': its rows add up to " + whole(sum) +
                                                     ", not the population of " + whole(*table_n) + " the table declares");
        }
    }

private:
    const TableSet& set_;
    Diagnostics& diags_;
    std::set<std::string> reported_;  // a population's place: one finding each, not one per cell

    void once(bool error, const SourcePos& at, const std::string& message) {
        if (!reported_.insert(at.str()).second) return;
        if (error) diags_.error(at, message);
        else diags_.warning(at, message);
    }

    // A population's count, or the figure of the cell it names: `table.row.column`, or
    // in the figure's own table a column id (this row's cell there: "the families this
    // row's means are over") or a row id (this column's cell there).
    std::optional<Num> resolve(const Population& p, size_t t, size_t r, size_t c) {
        if (p.count) return p.count;
        if (p.ref.empty()) return std::nullopt;
        std::optional<CellAddr> at;
        std::string why;
        if (p.ref.find('.') == std::string::npos) {
            if (auto col = set_.col_index(t, p.ref)) at = CellAddr{t, r, *col};
            else if (auto row = set_.row_index(t, p.ref)) at = CellAddr{t, *row, c};
            else why = "table '" + set_.decls[t].id + "' has no column or row '" + p.ref + "'";
        } else if (auto named = set_.split_name(p.ref, &why)) {
            auto row = set_.row_index(named->table, named->first);
            auto col = set_.col_index(named->table, named->second);
            if (row && col) at = CellAddr{named->table, *row, *col};
        }
        if (!at) {
            once(true, p.pos, "population '" + p.ref + "' names no cell (table.row.column, or a column or row of its own table)" +
                                  (why.empty() ? "" : ": " + why));
            return std::nullopt;
        }
        const TableCell& cell = set_.at(*at);
        if (cell.kind != TableCell::Kind::number || cell.value.den() != 1 || cell.value < Num(1)) {
            // A row with no families has no mean to check; elsewhere the name is wrong.
            if (cell.kind == TableCell::Kind::number && cell.value.is_zero() && at->table == t) return std::nullopt;
            once(true, p.pos, "population '" + p.ref + "' is not a whole number of at least 1");
            return std::nullopt;
        }
        incomplete(p, *at, cell.value);
        return cell.value;
    }

    // A figure over a distribution's total, where the distribution does not cover the
    // population its own table declares: a mean over 25 of 26 families.
    void incomplete(const Population& p, const CellAddr& at, const Num& n) {
        const DeclaredTable& src = set_.decls[at.table];
        if (src.rows[at.row].kind == TableRow::Kind::body || !src.population.count || *src.population.count == n) return;
        once(false, p.pos, "population '" + p.ref + "' is " + whole(n) + ", but table '" + src.id + "' declares " +
                               whole(*src.population.count) + ": what is taken over it does not cover its population");
    }

    // Where a figure was typed, else where its row was.
    SourcePos value_pos(const DeclaredTable& d, size_t r, size_t c) const {
        const TableRow& row = d.rows[r];
        size_t input = 0;
        for (size_t k = 0; k < c; ++k)
            if (!d.columns[k].derive.derived()) ++input;
        if (!d.columns[c].derive.derived() && !row.derive.derived() && input < row.values.size() && row.values[input].pos.known())
            return row.values[input].pos;
        return row.pos;
    }

    void one(const DeclaredTable& d, size_t r, size_t c, const TableCell& cell, const Num& n, const Population& p, const SourcePos& at) {
        const std::string where = "table '" + d.id + "', row '" + d.rows[r].id + "', column '" + d.columns[c].id + "'";
        switch (cell.unit.kind) {
            case Unit::Kind::money:
                once(true, p.pos, "a population applies to counts, percentages and means, not to money (" + where + ")");
                return;
            case Unit::Kind::count:
                if (cell.value.den() != 1)
                    diags_.error(at, where + ": a count of a population is a whole number, not " + to_fixed(cell.value, 2));
                else if (cell.value > n)
                    diags_.error(at, where + ": " + whole(cell.value) + " is more than the population of " + whole(n) +
                                         " it is drawn from");
                return;
            case Unit::Kind::percent:
            case Unit::Kind::number: {
                // The printed figure against the nearest whole k over n.
                const bool percent = cell.unit.kind == Unit::Kind::percent;
                const Num shown = round_half_away(cell.value * (percent ? Num(100) : Num(1)), cell.decimals);
                const std::string near = granularity_problem(shown, cell.decimals, n, percent);
                if (near.empty()) return;
                diags_.warning(at, where + ": " + to_fixed(shown, cell.decimals) + (percent ? "%" : "") + " cannot be " +
                                       (percent ? "a percentage of " + whole(n) : "a mean of " + whole(n) + " whole numbers") +
                                       " (" + near + ")");
                return;
            }
        }
    }
};

}  // namespace

void check_populations(const TableSet& set, Diagnostics& diags) {
    PopulationCheck check(set, diags);
    for (size_t t = 0; t < set.decls.size(); ++t) check.table(t);
}

}  // namespace bp::validate
