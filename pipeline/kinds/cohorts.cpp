// Cohort projections (seed 002): actual numbers against targets by date, and what
// doing nothing would cost.
#include <cstdio>

#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

// The financial year a date falls in: April to March.
std::string fy_of(const Date& d) { return FinancialYear{d.month >= 4 ? d.year : d.year - 1, {}}.label(); }

DeclaredTable cohort_table(const Cohort& c) {
    TableBuilder t("cohort." + c.id.value, Unit::count(), "cohort");
    t.table().rows_heading = "Date";
    t.column("actual", "Actual");
    t.column("target", "Target");
    for (size_t i = 0; i < c.points.size(); ++i) {
        const auto& p = c.points[i];
        t.row("p" + std::to_string(i), p.date.short_month_year(),
              {p.actual ? typed(*p.actual) : dash(), p.target ? typed(*p.target) : dash()});
    }
    return t.take();
}

void named_cohort(TValue& d, const Cohort& c, const CohortFigures& f) {
    const std::string b = "cohort." + c.id.value + ".";
    d.set(b + "name", named_text(c.name.value));
    for (const auto& p : c.points) {
        char key[32];
        std::snprintf(key, sizeof key, "at_%04d_%02d", p.date.year, p.date.month);
        d.set(b + key + ".month", named_text(p.date.month_year()));
        if (p.actual) d.set(b + key + ".actual", named_count(p.actual->value));
        if (p.target) d.set(b + key + ".target", named_count(p.target->value));
    }
    if (f.latest_actual) {
        const auto& p = c.points[*f.latest_actual];
        d.set(b + "latest_actual", named_count(p.actual->value));
        d.set(b + "latest_actual_month", named_text(p.date.month_year()));
    }
    if (f.final_target) {
        const auto& p = c.points[*f.final_target];
        d.set(b + "final_target", named_count(p.target->value));
        d.set(b + "final_target_month", named_text(p.date.month_year()));
    }
    if (f.planned_reduction) d.set("raw." + b + "planned_reduction", named_raw(*f.planned_reduction, "count"));
    if (f.planned_reduction_pct) d.set("raw." + b + "planned_reduction_pct", named_raw(*f.planned_reduction_pct, "%"));
    if (c.do_nothing_low) d.set("raw." + b + "do_nothing_low", named_raw(Num(c.do_nothing_low->value), "count"));
    if (c.do_nothing_high) d.set("raw." + b + "do_nothing_high", named_raw(Num(c.do_nothing_high->value), "count"));
    if (c.do_nothing_by) d.set("raw." + b + "do_nothing_by", TValue::raw(c.do_nothing_by->iso(), "date"));
    // A "planned reduction" holds only when the final target is below the latest actual.
    if (f.planned_reduction && f.planned_reduction->is_negative()) {
        const std::string why = "says the plan reduces the number, but the final target is " +
                                fmt_count(f.planned_reduction->abs()) + " above the latest actual; print the targets "
                                "themselves (final_target, latest_actual)";
        d.set(b + "planned_reduction", TValue::refused(why));
        if (f.planned_reduction_pct) d.set(b + "planned_reduction_pct", TValue::refused(why));
    } else {
        if (f.planned_reduction) d.set(b + "planned_reduction", named_text(fmt_count(*f.planned_reduction)));
        if (f.planned_reduction_pct) d.set(b + "planned_reduction_pct", named_text(fmt_percent(*f.planned_reduction_pct, 0)));
    }
    if (c.do_nothing_low) d.set(b + "do_nothing_low", named_count(c.do_nothing_low->value));
    if (c.do_nothing_high) d.set(b + "do_nothing_high", named_count(c.do_nothing_high->value));
    if (c.do_nothing_by) d.set(b + "do_nothing_year", named_text(fy_of(*c.do_nothing_by)));
    if (c.do_nothing_cost_low) d.set(b + "do_nothing_cost_low", named_text(fmt_money_m(c.do_nothing_cost_low->value, c.do_nothing_cost_low->decimals)));
    if (c.do_nothing_cost_high) d.set(b + "do_nothing_cost_high", named_text(fmt_money_m(c.do_nothing_cost_high->value, c.do_nothing_cost_high->decimals)));
}

}  // namespace

void declare_cohorts(const Programme& prog, const Figures& figs, Declared& out) {
    for (size_t i = 0; i < prog.cohorts.size() && i < figs.cohorts.size(); ++i) {
        const Cohort& c = prog.cohorts[i];
        out.tables.push_back(cohort_table(c));
        ChartDecl chart;
        chart.id = chart.table = "cohort." + c.id.value;
        chart.kind = "line";
        chart.series_are_columns = true;
        chart.series = {"actual", "target"};
        chart.axis_title = c.name.value;
        chart.decimals = 0;
        out.charts.push_back(chart);
        named_cohort(out.named, c, figs.cohorts[i]);
    }
}

}  // namespace bp::kinds
