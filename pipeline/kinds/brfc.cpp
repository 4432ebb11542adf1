// Building Resilient Families and Communities (seed 000): families attached, closures
// and the conversion rate, with the base the rate is taken over said in words.
#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

DeclaredTable summary_table(const Brfc& b) {
    TableBuilder t("brfc.summary", Unit::count(), "brfc");
    t.table().rows_heading = "Measure";
    t.column("value", "Value").workbook_label = b.as_at ? "At " + b.as_at->long_form() : "Figure";
    t.row("families_attached", "Families attached", {typed(b.families_attached)});
    t.row("original_target", "Original target (families)", {typed(b.original_target)});
    if (b.people) t.row("people", "People in those families", {typed(*b.people)});
    t.row("closures", "Successful closures", {typed(b.successful_closures)});
    const std::string base = b.conversion_base == RateBase::families_attached ? "families_attached"
                             : b.conversion_base == RateBase::original_target ? "original_target"
                                                                               : "closures";
    TableRow& rate = t.derived_row(
        "conversion_rate",
        "Conversion rate (closures over " +
            std::string(b.conversion_base == RateBase::original_target ? "original target" : "families attached") + ")",
        derive(Derive::Op::percentage, {"closures", base}));
    rate.kind = TableRow::Kind::total;
    rate.unit = Unit::percent();
    rate.decimals = b.conversion_stated ? b.conversion_stated->decimals : 0;
    if (b.conversion_target) {
        TableRow& r = t.row("conversion_target",
                            "Conversion target" + (b.conversion_target_date ? " by " + b.conversion_target_date->long_form() : std::string()),
                            {typed(*b.conversion_target)});
        r.unit = Unit::percent();
        r.decimals = b.conversion_target->decimals;
    }
    return t.take();
}

}  // namespace

void declare_brfc(const Programme& prog, const Figures& figs, Declared& out) {
    if (!prog.brfc || !figs.brfc) return;
    const Brfc& b = *prog.brfc;
    const BrfcFigures& f = *figs.brfc;
    out.tables.push_back(summary_table(b));
    TValue& d = out.named;
    d.set("raw.brfc.families_attached", named_raw(Num(b.families_attached.value), "count"));
    d.set("raw.brfc.original_target", named_raw(Num(b.original_target.value), "count"));
    d.set("raw.brfc.closures", named_raw(Num(b.successful_closures.value), "count"));
    d.set("raw.brfc.conversion_pct", named_raw(f.conversion_pct, "%"));
    d.set("raw.brfc.closures_of_attached_pct", named_raw(f.closures_of_attached_pct, "%"));
    if (b.conversion_target_date) d.set("raw.brfc.target_date", TValue::raw(b.conversion_target_date->iso(), "date"));
    d.set("brfc.families_attached", named_count(b.families_attached.value));
    d.set("brfc.original_target", named_count(b.original_target.value));
    // "Above target" is true only above it: for a programme at or below its target the
    // name is refused where it would print, rather than printing "-28" or "0".
    const long long gap = f.above_target < 0 ? -f.above_target : f.above_target;
    if (f.above_target > 0) d.set("brfc.above_target", named_count(f.above_target));
    else
        d.set("brfc.above_target", TValue::refused("says how far the programme is above its original target, but it is " +
                                                   (gap == 0 ? std::string("exactly on it") : fmt_count(Num(gap)) + " families below it") +
                                                   "; write {{brfc.target_difference}} {{brfc.above_below_target}}, or test "
                                                   "{{#brfc.exceeds_target}}...{{/brfc.exceeds_target}}"));
    d.set("brfc.target_difference", named_count(gap));
    d.set("brfc.above_below_target", named_text(f.above_target > 0 ? "above" : f.above_target < 0 ? "below" : "in line with"));
    d.set("brfc.exceeds_target", TValue::boolean(f.above_target > 0));
    if (b.people) d.set("brfc.people", named_count(b.people->value));
    d.set("brfc.closures", named_count(b.successful_closures.value));
    d.set("brfc.conversion_rate", named_text(fmt_percent(f.conversion_pct, b.conversion_stated ? b.conversion_stated->decimals : 0)));
    d.set("brfc.conversion_rate_exact", named_text(fmt_percent(f.conversion_pct, 1)));
    d.set("brfc.conversion_base", named_text(f.base_label));
    d.set("brfc.closures_of_attached", named_text(fmt_percent(f.closures_of_attached_pct, 1)));
    if (b.conversion_target) d.set("brfc.target_rate", named_text(fmt_percent(b.conversion_target->value, b.conversion_target->decimals)));
    if (b.conversion_target_date) d.set("brfc.target_month", named_text(b.conversion_target_date->month_year()));
    if (b.subsequent_interventions)
        d.set("brfc.subsequent_rate", named_text(fmt_percent(b.subsequent_interventions->value, b.subsequent_interventions->decimals)));
    if (b.subsequent_as_at) d.set("brfc.subsequent_month", named_text(b.subsequent_as_at->month_year()));
    if (b.as_at) d.set("brfc.as_at", named_text(b.as_at->long_form()));
}

}  // namespace bp::kinds
