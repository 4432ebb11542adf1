// Single figures the narrative quotes (a data file's `figures:`) and figures the
// source derives from two others (`differences:`).
#include <algorithm>

#include "core/format.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

std::string fmt_by_unit(const Num& v, int decimals, const std::string& unit) {
    if (unit == "£m") return fmt_money_m(v, decimals);
    if (unit == "£'000s") return fmt_pounds(v * Num(1000));
    if (unit == "£") return fmt_pounds(v);
    if (unit == "%") return fmt_percent(v, decimals);
    return fmt_count(v, decimals);
}

}  // namespace

void declare_facts(const Programme& prog, const Figures& figs, Declared& out) {
    for (const auto& f : prog.facts) {
        out.named.set("fact." + f.name.value, TValue::str(fmt_by_unit(f.value.value, f.value.decimals, f.unit.value)));
        out.named.set("raw.fact." + f.name.value, TValue::str(raw_text(f.value.value)));
    }
    for (size_t i = 0; i < prog.differences.size() && i < figs.differences.size(); ++i) {
        const auto& x = prog.differences[i];
        const int dec = std::max(x.minuend.decimals, x.subtrahend.decimals);
        out.named.set("difference." + x.name.value, TValue::str(fmt_by_unit(figs.differences[i], dec, x.unit.value)));
    }
}

}  // namespace bp::kinds
