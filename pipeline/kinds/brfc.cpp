// Building Resilient Families and Communities (seed 000): families attached, closures
// and the conversion rate, with the base the rate is taken over said in words.
#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

std::string month_year(const Date& d) {
    static const char* m[] = {"January", "February", "March",     "April",   "May",      "June",
                              "July",    "August",   "September", "October", "November", "December"};
    return std::string(m[(d.month - 1) % 12]) + " " + std::to_string(d.year);
}

DeclaredTable summary_table(const Brfc& b) {
    TableBuilder t("brfc.summary", Unit::count(), "brfc");
    t.table().rows_heading = "Measure";
    t.column("value", "Value");
    t.row("families_attached", "Families attached", {number(Num(b.families_attached.value))});
    t.row("original_target", "Original target (families)", {number(Num(b.original_target.value))});
    if (b.people) t.row("people", "People in those families", {number(Num(b.people->value))});
    t.row("closures", "Successful closures", {number(Num(b.successful_closures.value))});
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
                            {number(b.conversion_target->value, b.conversion_target->decimals)});
        r.unit = Unit::percent();
        r.decimals = b.conversion_target->decimals;
    }
    return t.take();
}

TValue s(const std::string& x) { return TValue::str(x); }
TValue raw(const Num& v) { return TValue::str(raw_text(v)); }
TValue count(long long v) { return TValue::str(fmt_count(Num(v))); }

}  // namespace

void declare_brfc(const Programme& prog, const Figures& figs, Declared& out) {
    if (!prog.brfc || !figs.brfc) return;
    const Brfc& b = *prog.brfc;
    const BrfcFigures& f = *figs.brfc;
    out.tables.push_back(summary_table(b));
    TValue& d = out.named;
    d.set("raw.brfc.families_attached", raw(Num(b.families_attached.value)));
    d.set("raw.brfc.original_target", raw(Num(b.original_target.value)));
    d.set("raw.brfc.closures", raw(Num(b.successful_closures.value)));
    d.set("raw.brfc.conversion_pct", raw(f.conversion_pct));
    d.set("raw.brfc.closures_of_attached_pct", raw(f.closures_of_attached_pct));
    if (b.conversion_target_date) d.set("raw.brfc.target_date", s(b.conversion_target_date->iso()));
    d.set("brfc.families_attached", count(b.families_attached.value));
    d.set("brfc.original_target", count(b.original_target.value));
    d.set("brfc.above_target", count(f.above_target));
    d.set("brfc.exceeds_target", TValue::boolean(f.above_target > 0));
    if (b.people) d.set("brfc.people", count(b.people->value));
    d.set("brfc.closures", count(b.successful_closures.value));
    d.set("brfc.conversion_rate", s(fmt_percent(f.conversion_pct, b.conversion_stated ? b.conversion_stated->decimals : 0)));
    d.set("brfc.conversion_rate_exact", s(fmt_percent(f.conversion_pct, 1)));
    d.set("brfc.conversion_base", s(f.base_label));
    d.set("brfc.closures_of_attached", s(fmt_percent(f.closures_of_attached_pct, 1)));
    if (b.conversion_target) d.set("brfc.target_rate", s(fmt_percent(b.conversion_target->value, b.conversion_target->decimals)));
    if (b.conversion_target_date) d.set("brfc.target_month", s(month_year(*b.conversion_target_date)));
    if (b.subsequent_interventions)
        d.set("brfc.subsequent_rate", s(fmt_percent(b.subsequent_interventions->value, b.subsequent_interventions->decimals)));
    if (b.subsequent_as_at) d.set("brfc.subsequent_month", s(month_year(*b.subsequent_as_at)));
    if (b.as_at) d.set("brfc.as_at", s(b.as_at->long_form()));
}

}  // namespace bp::kinds
