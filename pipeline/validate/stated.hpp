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

// Granularity: a percentage of n observations is k/n x 100, a mean of n whole-number
// scores is k/n, for a whole k. "" when `shown` (as printed, to `decimals` places, in
// percent for a percentage) is within half a unit of some k/n (so a tie rounded either
// way passes); else the neighbouring k/n and what each prints ("4/7 prints 57%, 5/7
// prints 71%"), for the message.
std::string granularity_problem(const Num& shown, int decimals, const Num& n, bool percent);

}  // namespace bp::validate
