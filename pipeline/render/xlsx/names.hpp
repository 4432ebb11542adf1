// Names Excel accepts. Sheet names: at most 31 characters, none of []:*?/\ , not
// starting or ending with an apostrophe, unique regardless of case. Defined and
// table names: letters, digits and underscores, not starting with a digit.
#pragma once
#include <set>
#include <string>

namespace bp::xlsx {

// `wanted` made valid, deterministically; `taken` holds the names already used
// (lower-cased) and receives this one.
std::string valid_sheet_name(const std::string& wanted, std::set<std::string>& taken);

// "cannock-means" -> "rng_cannock_means" (with prefix "rng_").
std::string valid_defined_name(const std::string& prefix, const std::string& id);

}  // namespace bp::xlsx
