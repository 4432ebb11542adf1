// Stage 6b, the Excel appendix: Cover, Contents and Notes sheets, one sheet per table and
// per figure of the document IR, and a Provenance sheet. Every derived cell is a formula over the cells it comes
// from, written with its cached value equal to the computed figure, so the workbook
// reads right without recalculation and recalculates to the same numbers.
#pragma once
#include <string>

#include "core/diag.hpp"
#include "doc/doc.hpp"

namespace bp::xlsx {

// Writes the workbook to `path` (publish/ passes a temporary path and renames it).
// Gives each table its sheet name (Table::sheet_name) in the document itself, the one
// change it makes: a copy of a 100,000-row document to hold the names was 250 MB.
// Throws InternalError when libxlsxwriter fails.
void render_xlsx(doc::Document& d, const std::string& path);

// Row 3, column 1 (both 0-based) -> "B4".
std::string cell_name(size_t row, size_t col);
// The worksheet row (0-based) of a table's row: its first header row is the Excel
// table's header; further header rows (units) become a line above the table.
size_t excel_row(const doc::Table& t, size_t row);
// The worksheet column (0-based) of a table's column: one on when a group column leads.
size_t excel_col(const doc::Table& t, size_t col);
// The formula for a derived cell; references into other sheets are qualified.
std::string formula_of(const doc::Formula& f, const doc::Document& d, const std::string& from_sheet);

}  // namespace bp::xlsx
