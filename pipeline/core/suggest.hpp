// "Did you mean": the closest of a set of names, for unknown keys and template names.
#pragma once
#include <string>
#include <vector>

namespace bp {

size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word` within a small edit distance (a third of its
// length, at least 2), or "" when none is that close.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace bp
