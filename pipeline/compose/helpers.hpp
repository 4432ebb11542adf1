// Formatting helpers for templates, one rule each. Used as Mustache sections over a
// raw value, e.g. {{#m1}}{{raw.tables.funding.total.all_years}}{{/m1}} -> "£8.1m". Raw values
// are exact: a decimal or a fraction "a/b", so a helper rounds once, by the rule in
// core/num.hpp, and never rounds a rounded number again.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/format.hpp"
#include "core/num.hpp"

namespace bp::compose {

struct Helper {
    std::string name;
    std::string rule;     // for the README and error messages
    std::string example;  // input -> output, as documented
    // The units of raw values it prints faithfully (TValue::unit). Given another (a £m
    // figure to `pounds`, a count to `pct`), it would print a different number, so the
    // template checker refuses it at the tag.
    std::vector<std::string> units;
};

const std::vector<Helper>& helpers();
const Helper* find_helper(const std::string& name);

// Applies a helper to its rendered input; nullopt when the input is not what the
// helper takes (the caller reports it).
std::optional<std::string> apply_helper(const std::string& name, const std::string& input);


}  // namespace bp::compose
