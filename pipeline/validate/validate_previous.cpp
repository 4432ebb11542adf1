// A report against the previous one it names (`previous:`): a figure whose unit
// changed between the two is an error, since a change across units is meaningless
// ("£1.2m" last quarter, "1,200" £'000s now); a table, row or column of the previous
// report that this one no longer has is a warning, since its figures are not compared
// and a reader may miss them.
#include <set>

#include "validate/validate.hpp"

namespace bp::validate {
namespace {

const SourcePos& cell_position(const DeclaredTable& d, size_t r, size_t c) {
    const CellSource src = source_of(d, r, c);
    if (src.input && src.input->pos.known()) return src.input->pos;
    if (src.derive && src.derive->pos.known()) return src.derive->pos;
    return d.rows[r].pos.known() ? d.rows[r].pos : d.pos;
}

// "a, b, c and 4 more"
std::string listed(const std::vector<std::string>& ids) {
    constexpr size_t kShown = 5;
    std::string out;
    for (size_t i = 0; i < ids.size() && i < kShown; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > kShown) out += " and " + std::to_string(ids.size() - kShown) + " more";
    return out;
}

Unit unit_of(const std::string& word) { return Unit::parse(word).value_or(Unit::number()); }

}  // namespace

void check_previous(const TableSet& tables, const PreviousReport& prev, Diagnostics& diags) {
    const std::string file = "the previous report (" + prev.file.path + ")";
    for (size_t t = 0; t < tables.decls.size(); ++t) {
        const DeclaredTable& d = tables.decls[t];
        const FiguresTable* before = prev.file.table(d.id);
        if (!before) continue;  // a new table: nothing to compare
        // A unit that changed: one error a table, at its first such cell.
        size_t changed = 0;
        const SourcePos* first_at = nullptr;
        std::string first;
        for (size_t r = 0; r < d.rows.size(); ++r) {
            if (d.rows[r].kind == TableRow::Kind::section) continue;
            for (size_t c = 0; c < d.columns.size(); ++c) {
                const TableCell& now = tables.evaluated[t].cells[r][c];
                if (now.kind != TableCell::Kind::number) continue;
                const Figure* was = prev.cell(d.id, d.rows[r].id, d.columns[c].id);
                if (!was || was->kind != "number" || unit_of(was->unit).same_as(now.unit)) continue;
                if (changed++ == 0) {
                    first_at = &cell_position(d, r, c);
                    first = d.id + "." + d.rows[r].id + "." + d.columns[c].id + " is " + now.unit.name() + " here but " +
                            unit_of(was->unit).name() + " in " + file;
                }
            }
        }
        if (changed)
            diags.error(*first_at, first + (changed > 1 ? " (and " + std::to_string(changed - 1) + " more of table '" + d.id + "')" : "") +
                                       ": a change across units is meaningless; give the figures in the unit they had, "
                                       "or name a previous report that used this unit");
        // Rows and columns the previous report had and this one does not.
        std::set<std::string> rows, columns;
        for (const TableRow& r : d.rows) rows.insert(r.id);
        for (const TableColumn& c : d.columns) columns.insert(c.id);
        std::vector<std::string> gone_rows, gone_columns;
        for (const Line& r : before->rows)
            if (!rows.count(r.id)) gone_rows.push_back(r.id);
        for (const Line& c : before->columns)
            if (!columns.count(c.id)) gone_columns.push_back(c.id);
        auto warn = [&](const std::vector<std::string>& gone, const char* one, const char* many) {
            if (gone.empty()) return;
            diags.warning(prev.named_at, "table '" + d.id + "' of " + file + " had " + (gone.size() == 1 ? one : many) + " " +
                                             listed(gone) + ", which this report does not: " +
                                             (gone.size() == 1 ? "its figures are" : "their figures are") + " not compared");
        };
        warn(gone_rows, "the row", "the rows");
        warn(gone_columns, "the column", "the columns");
    }
    std::vector<std::string> gone_tables;
    for (const FiguresTable& t : prev.file.tables)
        if (!tables.index_of(t.id)) gone_tables.push_back(t.id);
    if (!gone_tables.empty())
        diags.warning(prev.named_at, file + " had " + (gone_tables.size() == 1 ? "the table " : "the tables ") + listed(gone_tables) +
                                         ", which this report does not: " + (gone_tables.size() == 1 ? "its" : "their") +
                                         " figures are not compared");
}

}  // namespace bp::validate
