// Stage 6b, the Excel appendix: one sheet per table of the document IR. Every derived
// cell is a formula over the cells it comes from, written with its cached value equal
// to the computed figure, so the workbook reads right without recalculation and
// recalculates to the same numbers.
#pragma once
#include <string>

#include "core/diag.hpp"
#include "doc/doc.hpp"

namespace bp::xlsx {

// Writes the workbook to `path` (publish/ passes a temporary path and renames it).
// Throws InternalError when libxlsxwriter fails.
void render_xlsx(const doc::Document& d, const std::string& path);

// "Table 1", row 3 (0-based), col 1 -> "'Table 1'!B4" (sheet omitted when it is `from`).
std::string cell_name(size_t row, size_t col);
std::string formula_of(const doc::Derivation& der, const doc::Document& d, const std::string& from_sheet);

}  // namespace bp::xlsx
