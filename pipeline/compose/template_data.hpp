// What a template sees: the report's own fields, the formatting helpers, the named
// figures the programme's kinds computed, every figure of every table a data file
// declares, and "Table N" / "Figure N" for references. The README lists the names.
#pragma once
#include <map>
#include <string>

#include "compose/narrative.hpp"
#include "compute/tables.hpp"
#include "model/model.hpp"

namespace bp::compose {

// `refs` maps "table.<id>" / "figure.<id>" to "Table 1" / "Figure 2".
TValue template_data(const ReportSpec& spec, const TableSet& tables, const TValue& named,
                     const std::map<std::string, std::string>& refs);

// Under tables.<id>: each cell as prose ("£1.2m", "73.9%"), its absolute value, the
// words for its sign, and the row and column lists; under raw.tables.<id>: exact.
void add_table_data(TValue& d, const TableSet& tables, size_t index);

}  // namespace bp::compose
