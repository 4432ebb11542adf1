// What a template sees: every computed figure, already formatted the way councils
// print it. The README lists the names.
#pragma once
#include <map>
#include <string>

#include "compose/narrative.hpp"
#include "compute/figures.hpp"
#include "model/model.hpp"

namespace bp::compose {

// `refs` maps "table.<id>" / "figure.<id>" to "Table 1" / "Figure 2".
TValue template_data(const Programme& prog, const Figures& figs, const std::map<std::string, std::string>& refs);

}  // namespace bp::compose
