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
        const std::optional<Num> table_n = resolve(d.population);
        for (size_t c = 0; c < d.columns.size(); ++c) {
            const TableColumn& col = d.columns[c];
            if (col.text) continue;
            Num sum;
            bool counted = false;
            for (size_t r = 0; r < d.rows.size(); ++r) {
                const TableRow& row = d.rows[r];
                if (row.kind == TableRow::Kind::section) continue;
                const Population& p = row.population.given() ? row.population : col.population.given() ? col.population : d.population;
                const std::optional<Num> n = &p == &d.population ? table_n : resolve(p);
                const TableCell& cell = set_.evaluated[t].cells[r][c];
                if (cell.kind != TableCell::Kind::number) continue;
                if (row.kind == TableRow::Kind::body && cell.unit.kind == Unit::Kind::count) {
                    sum = sum + cell.value;
                    counted = true;
                }
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

    // A population's count, its cell's if it names one; an error when it is neither.
    std::optional<Num> resolve(const Population& p) {
        if (p.count) return p.count;
        if (p.ref.empty()) return std::nullopt;
        std::string why;
        auto named = set_.split_name(p.ref, &why);
        std::optional<size_t> r, c;
        if (named) {
            r = set_.row_index(named->table, named->first);
            c = set_.col_index(named->table, named->second);
        }
        if (!named || !r || !c) {
            diags_.error(p.pos, "population '" + p.ref + "' names no cell (table.row.column)" + (why.empty() ? "" : ": " + why));
            return std::nullopt;
        }
        const TableCell& cell = set_.at(CellAddr{named->table, *r, *c});
        if (cell.kind != TableCell::Kind::number || cell.value.den() != 1 || cell.value < Num(1)) {
            diags_.error(p.pos, "population '" + p.ref + "' is not a whole number of at least 1");
            return std::nullopt;
        }
        return cell.value;
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
                if (reported_money_.insert(p.pos.str()).second)
                    diags_.error(p.pos, "a population applies to counts, percentages and means, not to money (" + where + ")");
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
    std::set<std::string> reported_money_;
};

}  // namespace

void check_populations(const TableSet& set, Diagnostics& diags) {
    PopulationCheck check(set, diags);
    for (size_t t = 0; t < set.decls.size(); ++t) check.table(t);
}

}  // namespace bp::validate
