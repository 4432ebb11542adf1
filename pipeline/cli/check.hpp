// boardpack check: renders the reports afresh and compares every output with the one
// in the output folder; non-zero, with a readable difference, when any differs.
#pragma once
#include <string>
#include <vector>

#include "cli/batch.hpp"

namespace bp::cli {

int run_check(const std::vector<std::string>& reports, const BatchOptions& opts);

}  // namespace bp::cli
