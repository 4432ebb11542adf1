#include "compose/template_data.hpp"

#include "compose/helpers.hpp"
#include "core/format.hpp"

namespace bp::compose {
namespace {

std::string month_year(const Date& d) {
    static const char* m[] = {"January", "February", "March",     "April",   "May",      "June",
                              "July",    "August",   "September", "October", "November", "December"};
    return std::string(m[(d.month - 1) % 12]) + " " + std::to_string(d.year);
}

// The financial year a date falls in: April to March.
std::string fy_of(const Date& d) {
    FinancialYear fy{d.month >= 4 ? d.year : d.year - 1, {}};
    return fy.label();
}

// Money in a table's unit, for prose in millions.
Num to_millions(const Num& v, const std::string& unit) {
    if (unit == "£'000s") return v / Num(1000);
    if (unit == "£") return v / Num(1000000);
    return v;
}
int exact_m_decimals(const std::string& unit, int decimals) {
    return unit == "£'000s" ? decimals + 3 : unit == "£" ? decimals + 6 : decimals;
}

std::string fmt_by_unit(const Num& v, int decimals, const std::string& unit) {
    if (unit == "£m") return fmt_money_m(v, decimals);
    if (unit == "£'000s") return fmt_pounds(v * Num(1000));
    if (unit == "£") return fmt_pounds(v);
    if (unit == "%") return fmt_percent(v, decimals);
    return fmt_count(v, decimals);
}

TValue s(const std::string& x) { return TValue::str(x); }
TValue raw(const Num& v) { return TValue::str(raw_text(v)); }
TValue count(long long v) { return TValue::str(fmt_count(Num(v))); }

// "a 17% reduction": the `change` helper's rule, so prose and helper agree.
std::string change_phrase(const Num& pct) { return *apply_helper("change", raw_text(pct)); }

void add_mtfs(TValue& d, const Mtfs& m, const MtfsFigures& f) {
    const std::string& u = m.unit.value;
    const int dec = 0;
    d.set("mtfs.unit", s(u));
    d.set("mtfs.first_year", s(m.years.front().label()));
    d.set("mtfs.last_year", s(m.years.back().label()));
    d.set("mtfs.investment_total", s(fmt_money_m(to_millions(f.investment_sum, u), 1)));
    d.set("mtfs.investment_total_exact", s(fmt_money_m(to_millions(f.investment_sum, u), exact_m_decimals(u, dec))));
    d.set("mtfs.one_off_total", s(fmt_money_m(to_millions(f.one_off_sum, u), 1)));
    d.set("mtfs.ongoing_total", s(fmt_money_m(to_millions(f.ongoing_sum, u), 1)));
    const size_t last = m.years.size() - 1;
    auto final_money = [&](const std::string& key, const Num& v) {
        d.set("mtfs." + key, s(fmt_money_m(to_millions(v.abs(), u), 1)));
        d.set("mtfs." + key + "_exact", s(fmt_money_m(to_millions(v.abs(), u), exact_m_decimals(u, dec))));
    };
    d.set("raw.mtfs.investment_total_m", raw(to_millions(f.investment_sum, u)));
    d.set("raw.mtfs.one_off_total_m", raw(to_millions(f.one_off_sum, u)));
    d.set("raw.mtfs.ongoing_total_m", raw(to_millions(f.ongoing_sum, u)));
    d.set("raw.mtfs.roi_final_m", raw(to_millions(f.roi[last], u)));
    d.set("raw.mtfs.cashable_final_m", raw(to_millions(f.cashable_savings[last], u)));
    d.set("raw.mtfs.non_cashable_final_m", raw(to_millions(f.non_cashable_savings[last], u)));
    if (!f.position.empty()) d.set("raw.mtfs.final_position_m", raw(to_millions(f.position[last], u)));
    d.set("raw.mtfs.first_year_start", s(std::to_string(m.years.front().start)));
    final_money("roi_final", f.roi[last]);
    final_money("cashable_final", f.cashable_savings[last]);
    final_money("non_cashable_final", f.non_cashable_savings[last]);
    d.set("mtfs.roi_final_is_surplus", TValue::boolean(f.roi[last] < Num(0)));
    if (!f.position.empty()) {
        final_money("final_position", f.position[last]);
        d.set("mtfs.final_position_improves", TValue::boolean(f.position[last] < Num(0)));
    }
    d.set("mtfs.breaks_even", TValue::boolean(f.break_even.has_value()));
    if (f.break_even) {
        const FinancialYear& y = m.years[*f.break_even];
        d.set("mtfs.break_even_year", s(y.label()));
        d.set("mtfs.break_even_month", s("April " + std::to_string(y.start)));
        d.set("mtfs.years_to_break_even", s(std::to_string(*f.break_even)));
    }
}

void add_brfc(TValue& d, const Brfc& b, const BrfcFigures& f) {
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

void add_cohort(TValue& d, const Cohort& c, const CohortFigures& f) {
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

void add_pilot(TValue& d, const Pilot& p, const PilotFigures& f) {
    const std::string b = "pilot." + p.id.value + ".";
    d.set(b + "name", s(p.name.value));
    d.set(b + "district", s(p.district.value));
    d.set(b + "status", s(p.status == PilotStatus::running ? "running" : p.status == PilotStatus::extended ? "extended" : "ceased"));
    d.set(b + "ceased", TValue::boolean(p.status == PilotStatus::ceased));
    d.set(b + "ceased_reason", s(p.ceased_reason.value));
    d.set(b + "status_note", s(p.status_note.value));
    std::vector<TValue> providers;
    for (const auto& pr : p.providers) {
        TValue v;
        v.set("name", s(pr.value));
        providers.push_back(v);
    }
    d.set(b + "providers", TValue::list(providers));
    if (p.started) d.set(b + "started", s(month_year(*p.started)));
    if (p.ends) d.set(b + "ends", s(month_year(*p.ends)));
    std::vector<TValue> refs;
    for (size_t i = 0; i < p.referrals.size(); ++i) {
        const auto& r = p.referrals[i];
        TValue v;
        v.set("source", s(r.source.value));
        v.set("before", count(r.before.value));
        v.set("after", count(r.after.value));
        v.set("before_period", s(r.before_period.value));
        v.set("after_period", s(r.after_period.value));
        v.set("change", s(f.referrals[i].defined ? change_phrase(f.referrals[i].change_pct) : "no earlier referrals to compare"));
        if (f.referrals[i].defined) v.set("raw_change_pct", raw(f.referrals[i].change_pct));
        refs.push_back(v);
    }
    d.set(b + "referrals", TValue::list(refs));
    if (!f.star) return;
    const StarFigures& st = *f.star;
    auto opt = [&](const std::string& key, const std::optional<long long>& v) {
        if (v) d.set(b + "star." + key, count(*v));
    };
    opt("service_users", st.service_users);
    opt("first_stars", st.first_stars);
    opt("reviewed_once", st.reviewed_once);
    opt("stars_total", st.stars_total);
    if (st.change_negative) {
        const long long total = st.change_total();
        opt("change_negative", st.change_negative);
        opt("change_none", st.change_none);
        opt("change_positive", st.change_positive);
        d.set(b + "star.change_total", count(total));
        if (total > 0)
            d.set(b + "star.change_positive_pct", s(fmt_percent(percent_of(Num(*st.change_positive), Num(total)), 1)));
    }
}

}  // namespace

TValue template_data(const Programme& prog, const Figures& figs, const std::map<std::string, std::string>& refs) {
    TValue d;
    const ReportSpec& r = prog.spec;
    for (const auto& h : helpers()) d.set(h.name, TValue::helper(h.name));
    d.set("raw.report.meeting_date", s(r.meeting_date.iso()));
    d.set("report.title", s(r.title.value));
    d.set("report.committee", s(r.committee.value));
    d.set("report.meeting_date", s(r.meeting_date.long_form()));
    d.set("report.report_of", s(r.report_of.value));
    if (prog.mtfs && figs.mtfs && !prog.mtfs->years.empty()) add_mtfs(d, *prog.mtfs, *figs.mtfs);
    if (prog.outstanding_savings && figs.outstanding && !figs.outstanding->total.empty()) {
        const auto& o = *prog.outstanding_savings;
        d.set("outstanding.total_final", s(fmt_by_unit(figs.outstanding->total.back().abs(), o.decimals, o.unit.value)));
    }
    for (const auto& f : prog.facts) {
        d.set("fact." + f.name.value, s(fmt_by_unit(f.value.value, f.value.decimals, f.unit.value)));
        d.set("raw.fact." + f.name.value, raw(f.value.value));
    }
    for (size_t i = 0; i < prog.differences.size(); ++i) {
        const auto& x = prog.differences[i];
        const int dec = std::max(x.minuend.decimals, x.subtrahend.decimals);
        d.set("difference." + x.name.value, s(fmt_by_unit(figs.differences[i], dec, x.unit.value)));
    }
    if (prog.brfc && figs.brfc) add_brfc(d, *prog.brfc, *figs.brfc);
    for (size_t i = 0; i < prog.cohorts.size(); ++i) add_cohort(d, prog.cohorts[i], figs.cohorts[i]);
    for (size_t i = 0; i < prog.pilots.size(); ++i) add_pilot(d, prog.pilots[i], figs.pilots[i]);
    for (const auto& [key, label] : refs) d.set(key, s(label));
    return d;
}

}  // namespace bp::compose
