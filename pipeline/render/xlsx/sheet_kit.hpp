// What every sheet of the workbook is made with: cell formats, text lines from A1, an
// Excel table with one header row, print set-up. Internal to render/xlsx.
#pragma once
#include <xlsxwriter.h>

#include <map>
#include <string>
#include <vector>

#include "doc/doc.hpp"

namespace bp::xlsx {

void check(lxw_error e, const char* what);  // throws InternalError
std::string quoted_sheet(const std::string& name);

class Formats {
public:
    explicit Formats(lxw_workbook* wb) : wb_(wb) {}
    lxw_format* get(const std::string& num_format, bool bold, bool wrap = false, bool link = false, bool right = false,
                    bool top = false);
    lxw_format* title();

private:
    lxw_workbook* wb_;
    std::map<std::string, lxw_format*> cache_;
    lxw_format* title_ = nullptr;
};

// Lines of text from A1 down, the first as the sheet's title; returns the next row.
lxw_row_t write_lines(lxw_worksheet* ws, Formats& formats, const std::vector<std::string>& lines);

// Header names for an Excel table: non-empty and unique, as Excel requires.
std::vector<std::string> header_names(const std::vector<std::string>& wanted);

// Rows header_row..last_row, columns 0..headers-1, as an Excel table named `name`.
void add_excel_table(lxw_worksheet* ws, const std::string& name, const std::vector<std::string>& headers,
                     lxw_row_t header_row, lxw_row_t last_row);

// A table of text rows below `header_row`, marked up as an Excel table; returns its last row.
struct SimpleTable {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> links;  // per row: an internal link for column A, or ""
};
// `widths`: each column's width, which wrapped rows are made tall enough for.
lxw_row_t write_simple_table(lxw_worksheet* ws, Formats& formats, const SimpleTable& t, const std::string& name,
                             lxw_row_t header_row, const std::vector<double>& widths);

void print_setup(lxw_worksheet* ws, size_t cols, lxw_row_t header_row);

// Width in Excel's character units for a column of display strings.
double column_width(const std::vector<std::string>& texts, double min, double max);

// A row tall enough for `text` wrapped in a column `width` characters wide: spreadsheet
// programs do not grow a row for wrapped text written by a library, so the text of
// one row would run over the next.
void fit_row(lxw_worksheet* ws, lxw_row_t row, const std::string& text, double width);

}  // namespace bp::xlsx
