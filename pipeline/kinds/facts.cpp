// Single figures the narrative quotes (a data file's `figures:`) and figures the
// source derives from two others (`differences:`).
#include <algorithm>

#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {

void declare_facts(const Programme& prog, const Figures& figs, Declared& out) {
    for (const auto& f : prog.facts) {
        out.named.set("fact." + f.name.value, TValue::str(prose_in_unit(f.value.value, f.value.decimals, f.unit.value)));
        out.named.set("raw.fact." + f.name.value, TValue::raw(raw_text(f.value.value), f.unit.value));
    }
    for (size_t i = 0; i < prog.differences.size() && i < figs.differences.size(); ++i) {
        const auto& x = prog.differences[i];
        const int dec = std::max(x.minuend.decimals, x.subtrahend.decimals);
        out.named.set("difference." + x.name.value, TValue::str(prose_in_unit(figs.differences[i], dec, x.unit.value)));
    }
}

}  // namespace bp::kinds
