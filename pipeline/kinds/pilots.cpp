// District pilots (seed 003): referrals before and after, and the Outcome Star tables
// providers publish (Stars completed, change, stages, means), with their charts.
#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

std::string area_id(size_t a) { return "a" + std::to_string(a); }
std::string stage_id(size_t k) { return "s" + std::to_string(k); }

DeclaredTable referrals_table(const std::string& id, const Pilot& p) {
    TableBuilder t(id, Unit::count(), "pilot");
    t.table().rows_heading = "Referrals from";
    // The PDF's header repeats "Period" and "Referrals"; the workbook's says which.
    auto labelled = [&](const char* id, const char* label, const char* full) -> TableColumn& {
        TableColumn& c = t.column(id, label);
        c.workbook_label = full;
        return c;
    };
    labelled("before_period", "Period", "Period before").text = true;
    labelled("before", "Referrals", "Referrals before");
    labelled("after_period", "Period", "Period after").text = true;
    labelled("after", "Referrals", "Referrals after");
    TableColumn& change = t.column("change", "Change");
    change.unit = Unit::percent();
    change.decimals = 0;
    change.bold = true;
    change.derive = derive(Derive::Op::change, {"after", "before"});
    for (size_t i = 0; i < p.referrals.size(); ++i) {
        const auto& r = p.referrals[i];
        t.row("r" + std::to_string(i), r.source.value,
              {text(r.before_period.value), typed(r.before), text(r.after_period.value), typed(r.after)});
    }
    return t.take();
}

DeclaredTable stages_table(const std::string& id, const StarFigures& s, const StarDistribution& d) {
    TableBuilder t(id, Unit::count(), "pilot");
    t.table().rows_heading = "Star area";
    for (size_t k = 0; k < s.stage_labels.size(); ++k) t.column(stage_id(k), s.stage_labels[k]);
    TableColumn& total = t.column("families", "Families");
    total.bold = true;
    total.derive = sum_all();
    for (size_t a = 0; a < s.areas.size() && a < d.stages.size(); ++a) {
        std::vector<TableValue> v;
        for (long long n : d.stages[a]) v.push_back(number(Num(n)));
        t.row(area_id(a), s.areas[a], v);
    }
    return t.take();
}

// Each stage as a percentage of the area's families, from the counts table.
DeclaredTable stage_percents_table(const std::string& id, const std::string& counts, const StarFigures& s,
                                   const StarDistribution& d) {
    TableBuilder t(id, Unit::percent(), "pilot");
    t.table().rows_heading = "Star area";
    t.table().decimals = 0;
    for (size_t k = 0; k < s.stage_labels.size(); ++k) t.column(stage_id(k), s.stage_labels[k]);
    for (size_t a = 0; a < s.areas.size() && a < d.stages.size(); ++a)
        t.derived_row(area_id(a), s.areas[a],
                      derive(Derive::Op::percentage, {counts + "." + area_id(a), counts + "." + area_id(a) + ".families"}));
    return t.take();
}

TableValue mean_value(const MeanFigure& m) { return m.value ? number(*m.value) : dash(); }

DeclaredTable means_table(const std::string& id, const StarFigures& s, bool below_seven, int decimals) {
    TableBuilder t(id, Unit::number(), "pilot");
    t.table().rows_heading = "Star area";
    t.table().decimals = decimals;
    const auto& rows = below_seven ? s.below_seven : s.means;
    if (below_seven) {
        TableColumn& c = t.column("families", "Families below 7");
        c.unit = Unit::count();
        c.decimals = 0;
    }
    t.column("initial", "Initial mean");
    t.column("latest", "Latest mean");
    TableColumn& progress = t.column("progress", "Progress");
    progress.bold = true;
    progress.derive = derive(Derive::Op::difference, {"latest", "initial"});
    for (size_t a = 0; a < rows.size() && a < s.areas.size(); ++a) {
        std::vector<TableValue> v;
        if (below_seven) v.push_back(number(Num(rows[a].families)));
        v.push_back(mean_value(rows[a].initial));
        v.push_back(mean_value(rows[a].final));
        t.row(area_id(a), s.areas[a], v);
    }
    return t.take();
}

DeclaredTable summary_table(const std::string& id, const StarFigures& s) {
    TableBuilder t(id, Unit::count(), "pilot");
    t.table().rows_heading = "Measure";
    t.column("number", "Number");
    TableColumn& pct = t.column("pct", "% of service users");
    pct.text = false;
    pct.unit = Unit::percent();
    pct.decimals = 0;
    const bool has_users = s.service_users.has_value();
    auto add = [&](const std::string& rid, const std::string& label, const std::optional<long long>& v, bool as_pct) {
        if (!v) return;
        TableRow& r = t.row(rid, label, {number(Num(*v)), blank()});
        if (as_pct && has_users && *s.service_users > 0)
            r.cell_derive[1] = derive(Derive::Op::percentage, {rid + ".number", "service_users.number"});
    };
    add("service_users", "Service users (families)", s.service_users, false);
    add("first_stars", "First Stars completed", s.first_stars, true);
    add("reviewed_once", "With at least one reviewed Star", s.reviewed_once, true);
    add("reviewed_twice", "With at least two reviewed Stars", s.reviewed_twice, true);
    add("stars_total", "Stars completed in total", s.stars_total, false);
    return t.take();
}

DeclaredTable change_table(const std::string& id, const StarFigures& s) {
    TableBuilder t(id, Unit::count(), "pilot");
    t.table().rows_heading = "Change type";
    t.column("number", "Number");
    TableColumn& pct = t.column("pct", "Percentage");
    pct.unit = Unit::percent();
    pct.decimals = 1;
    auto add = [&](const std::string& rid, const std::string& label, long long v) {
        TableRow& r = t.row(rid, label, {number(Num(v)), dash()});
        r.cell_derive[1] = derive(Derive::Op::percentage, {rid + ".number", "total.number"});
    };
    add("negative", "Negative", s.change_negative.value_or(0));
    add("no_change", "No change (within ±0.25)", s.change_none.value_or(0));
    add("positive", "Positive", s.change_positive.value_or(0));
    TableRow& total = t.row("total", "Total", {dash(), blank()});
    total.kind = TableRow::Kind::total;
    total.cell_derive[0] = derive(Derive::Op::sum, {"negative", "no_change", "positive"});
    return t.take();
}

int published_mean_decimals(const Pilot& p, bool below_seven) {
    if (!p.star || !p.star->published) return 1;
    const auto& m = below_seven ? p.star->published->below_seven : p.star->published->means;
    int d = 0;
    if (m)
        for (const auto& v : m->initial) d = std::max(d, v.decimals);
    return std::max(d, 1);
}

ChartDecl columns_chart(const std::string& id, const std::string& table, const std::string& kind,
                        std::vector<std::string> series, const std::string& axis, int decimals) {
    ChartDecl c;
    c.id = id;
    c.table = table;
    c.kind = kind;
    c.series_are_columns = true;
    c.series = std::move(series);
    c.axis_title = axis;
    c.decimals = decimals;
    return c;
}

void named_pilot(TValue& d, const Pilot& p, const PilotFigures& f) {
    const std::string b = "pilot." + p.id.value + ".";
    d.set(b + "name", named_text(p.name.value));
    d.set(b + "district", named_text(p.district.value));
    d.set(b + "status", named_text(p.status == PilotStatus::running ? "running" : p.status == PilotStatus::extended ? "extended" : "ceased"));
    d.set(b + "ceased", TValue::boolean(p.status == PilotStatus::ceased));
    d.set(b + "ceased_reason", named_text(p.ceased_reason.value));
    d.set(b + "status_note", named_text(p.status_note.value));
    std::vector<TValue> providers;
    for (const auto& pr : p.providers) {
        TValue v;
        v.set("name", named_text(pr.value));
        providers.push_back(v);
    }
    d.set(b + "providers", TValue::list(providers));
    if (p.started) d.set(b + "started", named_text(p.started->month_year()));
    if (p.ends) d.set(b + "ends", named_text(p.ends->month_year()));
    std::vector<TValue> refs;
    for (size_t i = 0; i < p.referrals.size(); ++i) {
        const auto& r = p.referrals[i];
        TValue v;
        v.set("source", named_text(r.source.value));
        v.set("before", named_count(r.before.value));
        v.set("after", named_count(r.after.value));
        v.set("before_period", named_text(r.before_period.value));
        v.set("after_period", named_text(r.after_period.value));
        v.set("change", named_text(f.referrals[i].defined ? fmt_change_words(f.referrals[i].change_pct) : "no earlier referrals to compare"));
        if (f.referrals[i].defined) v.set("raw_change_pct", named_raw(f.referrals[i].change_pct, "%"));
        refs.push_back(v);
    }
    d.set(b + "referrals", TValue::list(refs));
    if (p.star) {
        // The Star's own words, for a shared appendix: its edition, how many areas, and
        // its stages as its data name them ("1–2 Stuck, 3–4 Accepting help, … and
        // 9–10 Effective parenting").
        const OutcomeStar& s = *p.star;
        d.set(b + "star.edition", named_text(s.edition.value));
        d.set(b + "star.areas", named_count(static_cast<long long>(s.areas.size())));
        std::string stages;
        for (size_t k = 0; k < s.stages.size(); ++k) {
            const StarStage& st = s.stages[k];
            const std::string scores = st.from == st.to ? std::to_string(st.from) : std::to_string(st.from) + "–" + std::to_string(st.to);
            stages += (k == 0 ? "" : k + 1 == s.stages.size() ? " and " : ", ") + scores + " " + st.label.value;
        }
        d.set(b + "star.stages", named_text(stages));
        d.set(b + "star.stage_count", named_count(static_cast<long long>(s.stages.size())));
    }
    if (!f.star) return;
    const StarFigures& st = *f.star;
    auto opt = [&](const std::string& key, const std::optional<long long>& v) {
        if (v) d.set(b + "star." + key, named_count(*v));
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
        d.set(b + "star.change_total", named_count(total));
        if (total > 0)
            d.set(b + "star.change_positive_pct", named_text(fmt_percent(percent_of(Num(*st.change_positive), Num(total)), 1)));
    }
}

}  // namespace

void declare_pilots(const Programme& prog, const Figures& figs, Declared& out) {
    for (size_t i = 0; i < prog.pilots.size() && i < figs.pilots.size(); ++i) {
        const Pilot& p = prog.pilots[i];
        const PilotFigures& pf = figs.pilots[i];
        const std::string b = "pilot." + p.id.value + ".";
        named_pilot(out.named, p, pf);
        if (!p.referrals.empty()) out.tables.push_back(referrals_table(b + "referrals", p));
        if (!pf.star) continue;
        const StarFigures& s = *pf.star;
        std::vector<DeclaredTable> star;
        star.push_back(summary_table(b + "summary", s));
        if (s.change_negative) star.push_back(change_table(b + "change", s));
        if (s.initial) {
            star.push_back(stages_table(b + "stages_initial", s, *s.initial));
            star.push_back(stage_percents_table(b + "stages_initial_percent", b + "stages_initial", s, *s.initial));
        }
        if (s.recent) {
            star.push_back(stages_table(b + "stages_recent", s, *s.recent));
            star.push_back(stage_percents_table(b + "stages_recent_percent", b + "stages_recent", s, *s.recent));
        }
        if (!s.means.empty())
            star.push_back(means_table(b + "means", s, false, s.from_readings ? 1 : published_mean_decimals(p, false)));
        if (!s.below_seven.empty())
            star.push_back(means_table(b + "below_seven", s, true, s.from_readings ? 2 : published_mean_decimals(p, true)));
        for (auto& t : star) {
            if (!p.star->data_source.value.empty()) t.data_source = p.star->data_source.value;
            out.tables.push_back(std::move(t));
        }
        if (!s.means.empty()) {
            ChartDecl c = columns_chart(b + "means", b + "means", "radar", {"initial", "latest"}, "Mean Star reading (1-10)", 1);
            out.charts.push_back(c);
        }
        if (s.recent || s.initial) {
            std::vector<std::string> stages;
            for (size_t k = 0; k < s.stage_labels.size(); ++k) stages.push_back(stage_id(k));
            out.charts.push_back(columns_chart(b + "stages", b + (s.recent ? "stages_recent" : "stages_initial"),
                                               "stacked_column", stages, "Families", 0));
        }
    }
}

}  // namespace bp::kinds
