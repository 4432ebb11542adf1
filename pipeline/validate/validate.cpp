#include "validate/validate.hpp"

#include <set>

namespace bp::validate {

void check_domain(const Programme& prog, Diagnostics& diags) {
    if (prog.mtfs) check_mtfs_domain(*prog.mtfs, diags);
    if (prog.brfc) check_brfc_domain(*prog.brfc, diags);
    std::set<std::string> ids;
    for (const auto& p : prog.pilots) {
        if (!ids.insert(p.id.value).second) diags.error(p.id.pos, "pilot id '" + p.id.value + "' is used twice");
        check_pilot_domain(p, diags);
    }
    ids.clear();
    for (const auto& c : prog.cohorts) {
        if (!ids.insert(c.id.value).second) diags.error(c.id.pos, "cohort id '" + c.id.value + "' is used twice");
        if (c.do_nothing_low && c.do_nothing_high && c.do_nothing_low->value > c.do_nothing_high->value)
            diags.error(c.do_nothing_low->pos, "the do-nothing range runs backwards: low " +
                                                   std::to_string(c.do_nothing_low->value) + " is above high " +
                                                   std::to_string(c.do_nothing_high->value));
        if (c.do_nothing_cost_low && c.do_nothing_cost_high &&
            c.do_nothing_cost_low->value > c.do_nothing_cost_high->value)
            diags.error(c.do_nothing_cost_low->pos, "the do-nothing cost range runs backwards: low is above high");
    }
}

void check_stated(const Programme& prog, const Figures& figs, Diagnostics& diags) {
    check_mtfs_stated(prog, figs, diags);
    if (prog.brfc && figs.brfc) check_brfc_stated(*prog.brfc, *figs.brfc, diags);
    for (size_t i = 0; i < prog.pilots.size() && i < figs.pilots.size(); ++i)
        check_pilot_stated(prog.pilots[i], figs.pilots[i], diags);
}

}  // namespace bp::validate
