// A native Excel chart for a figure of the document: same type, series, order,
// colours and title as the PDF figure, with its alternative text as the description.
#pragma once
#include <string>

#include <xlsxwriter.h>

#include "doc/doc.hpp"

namespace bp::xlsx {

// The figure's data are on `sheet`: categories in column A and one column per series,
// header at `header_row`, values below it. Series take `palette`'s colours in turn.
void insert_chart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const doc::Figure& f,
                  lxw_row_t header_row, const std::vector<doc::Rgb>& palette);

}  // namespace bp::xlsx
