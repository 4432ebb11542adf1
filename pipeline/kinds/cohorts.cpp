// Cohort projections (seed 002): actual numbers against targets by date, and what
// doing nothing would cost.
#include <cstdio>

#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

std::string month_year(const Date& d) { return std::string(kMonths[(d.month - 1) % 12]) + " " + std::to_string(d.year); }
std::string short_month_year(const Date& d) {
    return std::string(kMonths[(d.month - 1) % 12]).substr(0, 3) + " " + std::to_string(d.year);
}

// The financial year a date falls in: April to March.
std::string fy_of(const Date& d) { return FinancialYear{d.month >= 4 ? d.year : d.year - 1, {}}.label(); }

DeclaredTable cohort_table(const Cohort& c) {
    TableBuilder t("cohort." + c.id.value, Unit::count(), "cohort");
    t.table().rows_heading = "Date";
    t.column("actual", "Actual");
    t.column("target", "Target");
    for (size_t i = 0; i < c.points.size(); ++i) {
        const auto& p = c.points[i];
        t.row("p" + std::to_string(i), short_month_year(p.date),
              {p.actual ? number(Num(p.actual->value)) : dash(), p.target ? number(Num(p.target->value)) : dash()});
    }
    return t.take();
}

TValue s(const std::string& x) { return TValue::str(x); }
TValue raw(const Num& v) { return TValue::str(raw_text(v)); }
TValue count(long long v) { return TValue::str(fmt_count(Num(v))); }

void named_cohort(TValue& d, const Cohort& c, const CohortFigures& f) {
    const std::string b = "cohort." + c.id.value + ".";
    d.set(b + "name", s(c.name.value));
    for (const auto& p : c.points) {
        char key[32];
        std::snprintf(key, sizeof key, "at_%04d_%02d", p.date.year, p.date.month);
        d.set(b + key + ".month", s(month_year(p.date)));
        if (p.actual) d.set(b + key + ".actual", count(p.actual->value));
        if (p.target) d.set(b + key + ".target", count(p.target->value));
    }
    if (f.latest_actual) {
        const auto& p = c.points[*f.latest_actual];
        d.set(b + "latest_actual", count(p.actual->value));
        d.set(b + "latest_actual_month", s(month_year(p.date)));
    }
    if (f.final_target) {
        const auto& p = c.points[*f.final_target];
        d.set(b + "final_target", count(p.target->value));
        d.set(b + "final_target_month", s(month_year(p.date)));
    }
    if (f.planned_reduction) d.set("raw." + b + "planned_reduction", raw(*f.planned_reduction));
    if (f.planned_reduction_pct) d.set("raw." + b + "planned_reduction_pct", raw(*f.planned_reduction_pct));
    if (c.do_nothing_low) d.set("raw." + b + "do_nothing_low", raw(Num(c.do_nothing_low->value)));
    if (c.do_nothing_high) d.set("raw." + b + "do_nothing_high", raw(Num(c.do_nothing_high->value)));
    if (c.do_nothing_by) d.set("raw." + b + "do_nothing_by", s(c.do_nothing_by->iso()));
    if (f.planned_reduction) d.set(b + "planned_reduction", s(fmt_count(*f.planned_reduction)));
    if (f.planned_reduction_pct) d.set(b + "planned_reduction_pct", s(fmt_percent(*f.planned_reduction_pct, 0)));
    if (c.do_nothing_low) d.set(b + "do_nothing_low", count(c.do_nothing_low->value));
    if (c.do_nothing_high) d.set(b + "do_nothing_high", count(c.do_nothing_high->value));
    if (c.do_nothing_by) d.set(b + "do_nothing_year", s(fy_of(*c.do_nothing_by)));
    if (c.do_nothing_cost_low) d.set(b + "do_nothing_cost_low", s(fmt_money_m(c.do_nothing_cost_low->value, c.do_nothing_cost_low->decimals)));
    if (c.do_nothing_cost_high) d.set(b + "do_nothing_cost_high", s(fmt_money_m(c.do_nothing_cost_high->value, c.do_nothing_cost_high->decimals)));
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
