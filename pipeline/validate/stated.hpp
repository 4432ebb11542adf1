// The rule for a figure the source states beside one boardpack computes.
//
//  * It agrees when the exact computed value, rounded half away from zero to the
//    decimals the source printed, is the stated figure. Nothing is said.
//  * It is a WARNING when the difference is no larger than rounding can explain:
//    half a unit of the stated figure's own last digit, plus `input_rounding`, the
//    most that rounding the inputs it was computed from could have moved it (for a
//    total of n whole-unit components, n x 0.5). The message says so.
//    A figure printed with trailing zeros beyond the rounding actually done ("6.60"
//    for 6.625, rounded to one place) is a warning of that kind too.
//  * Anything larger is an ERROR that says by how much the figure is out.
#pragma once
#include <string>

#include "core/diag.hpp"
#include "core/num.hpp"
#include "model/model.hpp"

namespace bp::validate {

// Half a unit in the last place of a figure printed with `decimals` places.
Num half_unit(int decimals);

// `what` names the figure ("Table 1 'Initial Total', 2019/20"); `unit` follows numbers
// in messages ("" or " £'000s").
void check_stated(Diagnostics& diags, const Stated& stated, const Num& exact, const Num& input_rounding,
                  const std::string& what, const std::string& unit = "");

// As above for a percentage; `basis` explains the computation ("17 of 23").
void check_stated_percent(Diagnostics& diags, const Percent& stated, const Num& exact_pct,
                          const std::string& what, const std::string& basis);

// A count the source states beside one it implies: counts are exact, so any
// difference is an error.
void check_stated_count(Diagnostics& diags, const Count& stated, long long computed, const std::string& what,
                        const std::string& basis);

}  // namespace bp::validate
