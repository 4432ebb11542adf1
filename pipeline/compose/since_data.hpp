// "Since the last report" for templates: for every figure of a declared table that a
// template names under since.tables.ID.ROW.COLUMN, the previous report's figure, the
// change and the words for it ("rose from 6,049 to 6,210", "fell by 2.6 percentage
// points", "was unchanged at 324"), compared as the two papers print them. Also
// since.available and since.report (the previous report's id, title and date). With
// no previous report, or for a figure that is new, each text refuses to print, with
// the reason, wherever it would render (compose/narrative.cpp).
#pragma once
#include <set>

#include "compute/tables.hpp"
#include "core/tvalue.hpp"
#include "model/figures_file.hpp"

namespace bp::compose {

void add_since_data(TValue& d, const TableSet& tables, const std::set<size_t>& mentioned, const PreviousReport* previous);

}  // namespace bp::compose
