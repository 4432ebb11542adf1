// The figures as open data, one CSV per declared table (`build --csv`), beside the
// figures file: <id>.tables/<table>.csv. Tidy, one line a cell, so a table whose rows
// carry different units (a percentage row in a table of pounds) stays one table, and
// every line says its unit. RFC 4180: UTF-8, CRLF line ends, fields quoted where they
// hold a comma, a quote or a line end.
#pragma once
#include <ostream>

#include "compute/tables.hpp"

namespace bp::figures {

// row_id,row,column_id,column,unit,value,shown: `value` is the figure unquoted and
// unformatted (a percentage as a percentage, 55.9 for 55.9%), exact where it
// terminates within 12 places and rounded to 12 where it does not; empty where the
// paper prints no figure. `shown` is what the paper prints.
void write_table_csv(const TableSet& set, size_t table, std::ostream& out);

}  // namespace bp::figures
