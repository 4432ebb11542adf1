#include "core/format.hpp"
#include "compute/figures.hpp"

namespace bp {
namespace {

BrfcFigures compute_brfc(const Brfc& b) {
    BrfcFigures f;
    switch (b.conversion_base) {
        case RateBase::families_attached:
            f.base = Num(b.families_attached.value);
            f.base_label = "the " + fmt_count(f.base) + " families attached";
            break;
        case RateBase::original_target:
            f.base = Num(b.original_target.value);
            f.base_label = "the original target of " + fmt_count(f.base) + " families";
            break;
        case RateBase::successful_closures:
            f.base = Num(b.successful_closures.value);
            f.base_label = "the " + fmt_count(f.base) + " successful closures";
            break;
    }
    if (!f.base.is_zero()) f.conversion_pct = percent_of(Num(b.successful_closures.value), f.base);
    if (b.families_attached.value > 0)
        f.closures_of_attached_pct = percent_of(Num(b.successful_closures.value), Num(b.families_attached.value));
    f.above_target = b.families_attached.value - b.original_target.value;
    return f;
}

CohortFigures compute_cohort(const Cohort& c) {
    CohortFigures f;
    for (size_t i = 0; i < c.points.size(); ++i) {
        if (c.points[i].actual) f.latest_actual = i;
        if (c.points[i].target) f.final_target = i;
    }
    if (f.latest_actual && f.final_target && *f.final_target > *f.latest_actual) {
        const Num from(c.points[*f.latest_actual].actual->value);
        const Num to(c.points[*f.final_target].target->value);
        f.planned_reduction = from - to;
        if (!from.is_zero()) f.planned_reduction_pct = percent_of(from - to, from);
    }
    return f;
}

}  // namespace

Figures compute(const Programme& prog) {
    Figures f;
    if (prog.mtfs) f.mtfs = compute_mtfs(*prog.mtfs);
    if (prog.outstanding_savings) {
        OutstandingFigures o;
        o.total.assign(prog.outstanding_savings->years.size(), Num());
        for (const auto& l : prog.outstanding_savings->lines)
            for (size_t y = 0; y < o.total.size() && y < l.values.size(); ++y) o.total[y] += l.values[y].value;
        f.outstanding = o;
    }
    for (const auto& d : prog.differences) f.differences.push_back(d.minuend.value - d.subtrahend.value);
    if (prog.brfc) f.brfc = compute_brfc(*prog.brfc);
    for (const auto& p : prog.pilots) {
        PilotFigures pf;
        for (const auto& r : p.referrals) {
            ReferralFigure rf;
            if (r.before.value > 0) {
                rf.defined = true;
                rf.change_pct = percent_of(Num(r.after.value - r.before.value), Num(r.before.value));
            }
            pf.referrals.push_back(rf);
        }
        if (p.star) pf.star = compute_star(*p.star);
        f.pilots.push_back(pf);
    }
    for (const auto& c : prog.cohorts) f.cohorts.push_back(compute_cohort(c));
    return f;
}

}  // namespace bp
