// Tables and figures of the document, from evaluated declared tables. Compose knows
// declared tables and named charts only; which programme kind a table came from is
// no concern of it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compute/tables.hpp"
#include "core/diag.hpp"
#include "doc/doc.hpp"
#include "model/model.hpp"

namespace bp::compose {

// Which document table shows which declared table: formulas point at the cells of
// the document tables, so a declared table's cells are found by its document id.
struct Placement {
    std::map<size_t, std::string> doc_id;  // declared table index -> document table id
};

// A declared table's cell as the document prints it (exact value, decimals, style by
// unit; a dash, a blank or text), without its formula.
doc::Cell doc_cell(const TableCell& cell);

// The document table for declared table `index`, captioned `caption`, as `doc_id`.
doc::Table table_of(const TableSet& set, size_t index, const std::string& doc_id, const std::string& caption,
                    const Placement& placement);

// A chart of a declared table; errors (unknown rows or columns, a series with no
// figures) are reported at the chart's position.
std::optional<doc::Chart> chart_of(const TableSet& set, const ChartDecl& decl, Diagnostics& diags);

// A figure's data as a table (categories by series), for readers who cannot see it.
doc::Table chart_data_table(const doc::Figure& f);

// Removes formulas that point into tables the document does not show: the workbook
// writes those cells as values.
void drop_dangling_formulas(doc::Table& t, const std::vector<std::string>& shown);

}  // namespace bp::compose
