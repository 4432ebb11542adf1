// BRFC: counts that must agree with each other, and the conversion rate on its base.
#include "core/format.hpp"
#include "validate/stated.hpp"
#include "validate/validate.hpp"

namespace bp::validate {

void check_brfc_domain(const Brfc& b, Diagnostics& diags) {
    if (b.successful_closures.value > b.families_attached.value)
        diags.error(b.successful_closures.pos, "successful closures (" + fmt_count(Num(b.successful_closures.value)) +
                                                   ") exceed the families attached (" +
                                                   fmt_count(Num(b.families_attached.value)) + ")");
    if (b.people && b.people->value < b.families_attached.value)
        diags.error(b.people->pos, "people (" + fmt_count(Num(b.people->value)) + ") are fewer than the families (" +
                                       fmt_count(Num(b.families_attached.value)) + "); a family has at least one person");
    if (b.conversion_base == RateBase::original_target && b.original_target.value == 0)
        diags.error(b.conversion_base_pos, "the conversion rate is taken over the original target, which is 0");
    if (b.conversion_base == RateBase::families_attached && b.families_attached.value == 0)
        diags.error(b.conversion_base_pos, "the conversion rate is taken over the families attached, which is 0");
    if (b.conversion_base == RateBase::successful_closures)
        diags.error(b.conversion_base_pos, "the conversion rate cannot be taken over the closures themselves; "
                                           "use families_attached or original_target");
    if (b.conversion_target && b.conversion_target->value > Num(100))
        diags.error(b.conversion_target->pos, "a conversion target above 100% cannot be met");

    // District rows without quarters are a breakdown of the totals and must add up.
    long long attached = 0, closures = 0;
    bool all_attached = !b.districts.empty(), all_closures = !b.districts.empty(), quarterly = false;
    for (const auto& d : b.districts) {
        quarterly = quarterly || !d.quarter.value.empty();
        if (d.families_attached) attached += d.families_attached->value; else all_attached = false;
        if (d.successful_closures) closures += d.successful_closures->value; else all_closures = false;
        if (d.families_attached && d.successful_closures && d.successful_closures->value > d.families_attached->value)
            diags.error(d.successful_closures->pos, "district '" + d.district.value + "': successful closures exceed the families attached");
    }
    if (!quarterly && all_attached && attached != b.families_attached.value)
        diags.error(b.families_attached.pos, "families attached (" + fmt_count(Num(b.families_attached.value)) +
                                                 ") is not the sum of the districts (" + fmt_count(Num(attached)) + ")");
    if (!quarterly && all_closures && closures != b.successful_closures.value)
        diags.error(b.successful_closures.pos, "successful closures (" + fmt_count(Num(b.successful_closures.value)) +
                                                   ") is not the sum of the districts (" + fmt_count(Num(closures)) + ")");
}

void check_brfc_stated(const Brfc& b, const BrfcFigures& f, Diagnostics& diags) {
    if (!b.conversion_stated || f.base.is_zero()) return;
    const std::string basis = fmt_count(Num(b.successful_closures.value)) + " closures over " + f.base_label;
    Diagnostics local;
    check_stated_percent(local, *b.conversion_stated, f.conversion_pct, "conversion rate", basis);
    // When the rate fits another base, say so: the usual cause is a base left unstated.
    for (auto& d : local.items()) {
        Diagnostic out = d;
        if (d.severity == Severity::error && b.conversion_base != RateBase::families_attached && b.families_attached.value > 0) {
            const Num alt = percent_of(Num(b.successful_closures.value), Num(b.families_attached.value));
            if (round_half_away(alt, b.conversion_stated->decimals) == b.conversion_stated->value)
                out.message += "; it matches the rate over the families attached (" + fmt_percent(alt, 1) + ")";
        }
        if (d.severity == Severity::error && b.conversion_base != RateBase::original_target && b.original_target.value > 0) {
            const Num alt = percent_of(Num(b.successful_closures.value), Num(b.original_target.value));
            if (round_half_away(alt, b.conversion_stated->decimals) == b.conversion_stated->value)
                out.message += "; it matches the rate over the original target (" + fmt_percent(alt, 1) + ")";
        }
        diags.add(out);
    }
}

}  // namespace bp::validate
