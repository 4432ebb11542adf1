// What a template sees: the report's own fields, the formatting helpers, the named
// figures the programme's kinds computed, every figure of every table a data file
// declares, and "Table N" / "Figure N" for references. The README lists the names.
#pragma once
#include <map>
#include <set>
#include <vector>
#include <string>

#include "compose/narrative.hpp"
#include "compute/tables.hpp"
#include "model/model.hpp"

namespace bp::compose {

// `refs` maps "table.<id>" / "figure.<id>" to "Table 1" / "Figure 2". `mentioned`:
// the declared tables whose figures the templates name (tables.<id>...); only those are
// laid out for them, so a 10,000-row table no template quotes costs nothing here.
// `previous` (may be null) and `since_mentioned`: the previous report and the tables
// templates name under since.tables. (compose/since_data.hpp).
TValue template_data(const ReportSpec& spec, const TableSet& tables, const TValue& named,
                     const std::map<std::string, TValue>& refs, const std::set<size_t>& mentioned,
                     const PreviousReport* previous, const std::set<size_t>& since_mentioned);

// The declared tables a set of template texts names under `key` ("tables.",
// "since.tables."): for each occurrence, the longest declared id that follows.
std::set<size_t> tables_mentioned(const TableSet& tables, const std::vector<std::string>& texts,
                                  const std::string& key = "tables.");

// A figure as a sentence prints it, in its unit ("£1.2m", "73.9%", "6,049"); a
// percentage `v` is its fraction.
std::string prose(const Num& v, const Unit& u, int decimals);

// Under tables.<id>: each cell as prose ("£1.2m", "73.9%"), its absolute value, the
// words for its sign, and the row and column lists; under raw.tables.<id>: exact.
void add_table_data(TValue& d, const TableSet& tables, size_t index);

}  // namespace bp::compose
