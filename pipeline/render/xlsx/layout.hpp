// Where a table of the document lands on its worksheet. Each sheet opens with text
// lines (title, what the sheet holds, units, source) and the table's one header row
// follows the last of them directly: no blank row above or inside a table. Section
// rows are not rows of the workbook's table: a grouped table carries each row's
// section in a first column of its own ("Category"), so every row is data.
#pragma once
#include <string>
#include <vector>

#include "doc/doc.hpp"

namespace bp::xlsx {

struct SheetLayout {
    std::vector<std::string> lines;  // text above the table, from A1
    size_t header_row = 0;           // 0-based worksheet row of the table's header
    size_t col_offset = 0;           // 1 when a group column comes first
    std::vector<size_t> row_of;      // per doc row: its worksheet row (header rows: header_row)
    size_t last_row = 0;             // the table's last worksheet row
    std::vector<bool> figures;       // per doc column: a column of figures
};

// `notes`: the note numbers that apply to the table, for the line that points to them.
SheetLayout layout_of(const doc::Table& t, const std::vector<int>& notes = {});

// "Figures in £'000s" from a second header row of units; "" when there is none.
std::string unit_line(const doc::Table& t);

// True when any row of the table is a section heading.
bool grouped(const doc::Table& t);

// The shorthand the workbook writes for an empty cell of a column of figures.
const char* shorthand(doc::Cell::Missing why);

}  // namespace bp::xlsx
