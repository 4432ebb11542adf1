#include "validate/stated.hpp"

#include <algorithm>

#include "core/format.hpp"

namespace bp::validate {

Num half_unit(int decimals) { return Num::ratio(1, 2) / pow10(decimals); }

namespace {

// Enough places to show how a computed value differs from a stated one.
int shown_places(const Num& exact, int stated_decimals) {
    for (int d = stated_decimals; d < stated_decimals + 3; ++d)
        if (round_half_away(exact, d) == exact) return d;
    return stated_decimals + 1;
}

std::string plain(const Num& v, int decimals) { return group_thousands(to_fixed(v, decimals)); }

}  // namespace

void check_stated(Diagnostics& diags, const Stated& stated, const Num& exact, const Num& input_rounding,
                  const std::string& what, const std::string& unit) {
    if (round_half_away(exact, stated.decimals) == stated.value) return;
    // "6.60" for 6.625: rounded to one place, then printed with a trailing zero.
    int rounded_to = stated.decimals;
    while (rounded_to > 0 && round_half_away(stated.value, rounded_to - 1) == stated.value) --rounded_to;
    if (rounded_to < stated.decimals && round_half_away(exact, rounded_to) == stated.value) {
        diags.warning(stated.pos, what + ": stated " + plain(stated.value, stated.decimals) + unit + " for " +
                                      plain(exact, shown_places(exact, stated.decimals)) + unit + ", rounded to " +
                                      std::to_string(rounded_to) + (rounded_to == 1 ? " decimal place" : " decimal places") +
                                      " but printed with " + std::to_string(stated.decimals) + "; to " +
                                      std::to_string(stated.decimals) + " places it is " + plain(exact, stated.decimals));
        return;
    }
    const Num diff = stated.value - exact;
    const int places = shown_places(exact, stated.decimals);
    const int dplaces = std::max(places, stated.decimals);
    const std::string s = plain(stated.value, stated.decimals), c = plain(exact, places);
    const std::string by = plain(diff.abs(), dplaces) + unit;
    if (diff.abs() <= half_unit(stated.decimals) + input_rounding) {
        if (input_rounding.is_zero())
            diags.warning(stated.pos, what + ": stated " + s + unit + " for " + c + unit +
                                          ", rounded the other way at the half; boardpack rounds halves away "
                                          "from zero and prints " + plain(exact, stated.decimals));
        else
            diags.warning(stated.pos, what + ": stated " + s + unit + " differs from the computed " + c + unit +
                                          " by " + by + "; within the " + plain(input_rounding, dplaces) + unit +
                                          " that display rounding of its components can explain");
        return;
    }
    diags.error(stated.pos, what + ": stated " + s + unit + " but the computed value is " + c + unit + " (" + by +
                                (diff.is_negative() ? " lower)" : " higher)"));
}

void check_stated_percent(Diagnostics& diags, const Percent& stated, const Num& exact_pct,
                          const std::string& what, const std::string& basis) {
    if (round_half_away(exact_pct, stated.decimals) == stated.value) return;
    const Num diff = stated.value - exact_pct;
    const int places = std::max(1, stated.decimals);
    const std::string s = fmt_percent(stated.value, stated.decimals), c = fmt_percent(exact_pct, places);
    if (diff.abs() <= half_unit(stated.decimals)) {
        diags.warning(stated.pos, what + ": stated " + s + " for " + basis + " = " +
                                      fmt_percent(exact_pct, shown_places(exact_pct, stated.decimals)) +
                                      ", rounded the other way at the half; boardpack rounds halves away from "
                                      "zero and prints " + fmt_percent(exact_pct, stated.decimals));
        return;
    }
    diags.error(stated.pos, what + ": stated " + s + " but " + basis + " is " + c + " (" +
                                to_fixed(diff.abs(), places) + " percentage points " +
                                (diff.is_negative() ? "lower)" : "higher)"));
}

void check_stated_count(Diagnostics& diags, const Count& stated, long long computed, const std::string& what,
                        const std::string& basis) {
    if (stated.value == computed) return;
    diags.error(stated.pos, what + ": stated " + fmt_count(Num(stated.value)) + " but " + basis + " gives " +
                                fmt_count(Num(computed)) + " (" +
                                fmt_count(Num(stated.value > computed ? stated.value - computed : computed - stated.value)) +
                                (stated.value > computed ? " more)" : " fewer)"));
}

std::string granularity_problem(const Num& shown, int decimals, const Num& n, bool percent) {
    const Num scale = percent ? Num(100) : Num(1);
    const Num k0 = round_half_away(shown / scale * n, 0);
    std::string near;
    for (const Num& k : {k0 - Num(1), k0, k0 + Num(1)}) {
        if (k < Num(0) || (percent && k > n)) continue;
        const Num exact = k / n * scale;
        const Num printed = round_half_away(exact, decimals);
        // Within half a unit, either way: a tie rounded to even is a rounding rule, not
        // an impossible figure.
        if ((exact - shown).abs() <= half_unit(decimals)) return "";
        near += (near.empty() ? "" : ", ") + to_fixed(k, 0) + "/" + to_fixed(n, 0) + " prints " + to_fixed(printed, decimals) +
                (percent ? "%" : "");
    }
    return near;
}

}  // namespace bp::validate
