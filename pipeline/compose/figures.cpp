// Figures (charts) of the document, from the same computed figures as the tables.
#include <map>

#include "compose/tables.hpp"

namespace bp::compose {
namespace {

using doc::Chart;
using doc::Series;

std::string short_date(const Date& d) {
    static const char* m[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::string(m[(d.month - 1) % 12]) + " " + std::to_string(d.year);
}

Chart investment_by_year(const Mtfs& m, const MtfsFigures& f) {
    Chart c;
    c.kind = Chart::Kind::stacked_column;
    for (const auto& y : m.years) c.categories.push_back(y.label());
    for (size_t g = 0; g < m.investment.size(); ++g) {
        Series s{m.investment[g].name.value, {}};
        for (const auto& v : f.group_totals[g]) s.values.push_back(v);
        c.series.push_back(s);
    }
    c.value_axis_title = m.unit.value;
    c.style = doc::NumStyle::accounting;
    return c;
}

Chart position(const Mtfs& m, const MtfsFigures& f) {
    Chart c;
    c.kind = Chart::Kind::column;
    for (const auto& y : m.years) c.categories.push_back(y.label());
    Series roi{m.roi_label.value, {}}, pos{m.position_label.value, {}};
    for (const auto& v : f.roi) roi.values.push_back(v);
    for (const auto& v : f.position) pos.values.push_back(v);
    c.series = {roi, pos};
    c.value_axis_title = m.unit.value;
    c.style = doc::NumStyle::accounting;
    return c;
}

Chart cohort(const Cohort& co) {
    Chart c;
    c.kind = Chart::Kind::line;
    Series actual{"Actual", {}}, target{"Target", {}};
    for (const auto& p : co.points) {
        c.categories.push_back(short_date(p.date));
        actual.values.push_back(p.actual ? std::optional<Num>(Num(p.actual->value)) : std::nullopt);
        target.values.push_back(p.target ? std::optional<Num>(Num(p.target->value)) : std::nullopt);
    }
    c.series = {actual, target};
    c.value_axis_title = co.name.value;
    return c;
}

// The Star charts providers print: initial against latest mean across the areas.
Chart star_means(const StarFigures& s) {
    Chart c;
    c.kind = Chart::Kind::radar;
    c.categories = s.areas;
    Series a{"Initial mean", {}}, b{"Latest mean", {}};
    for (const auto& r : s.means) {
        a.values.push_back(r.initial.value);
        b.values.push_back(r.final.value);
    }
    c.series = {a, b};
    c.value_axis_title = "Mean Star reading (1-10)";
    c.decimals = 1;
    c.style = doc::NumStyle::fixed;
    return c;
}

Chart star_stages(const StarFigures& s) {
    Chart c;
    c.kind = Chart::Kind::stacked_column;
    c.categories = s.areas;
    const auto& d = s.recent ? *s.recent : *s.initial;
    for (size_t k = 0; k < s.stage_labels.size(); ++k) {
        Series ser{s.stage_labels[k], {}};
        for (size_t a = 0; a < s.areas.size(); ++a) ser.values.push_back(Num(d.stages[a][k]));
        c.series.push_back(ser);
    }
    c.value_axis_title = "Families";
    return c;
}

}  // namespace

std::optional<doc::Figure> build_figure(const FigureSpec& spec, const Programme& prog, const Figures& figs,
                                        Diagnostics& diags) {
    const std::string& src = spec.source.value;
    std::optional<Chart> chart;
    if (src == "mtfs.investment_by_year" && prog.mtfs && figs.mtfs) chart = investment_by_year(*prog.mtfs, *figs.mtfs);
    else if (src == "mtfs.position" && prog.mtfs && figs.mtfs && !figs.mtfs->position.empty())
        chart = position(*prog.mtfs, *figs.mtfs);
    for (size_t i = 0; i < prog.cohorts.size(); ++i)
        if (src == "cohort." + prog.cohorts[i].id.value) chart = cohort(prog.cohorts[i]);
    for (size_t i = 0; i < prog.pilots.size(); ++i) {
        const std::string b = "pilot." + prog.pilots[i].id.value + ".";
        const auto& star = figs.pilots[i].star;
        if (src == b + "means" && star && !star->means.empty()) chart = star_means(*star);
        if (src == b + "stages" && star && (star->recent || star->initial)) chart = star_stages(*star);
    }
    if (!chart) {
        std::string list;
        for (const auto& s : figure_sources(prog)) list += (list.empty() ? "" : ", ") + s;
        diags.error(spec.source.pos, "figure '" + spec.id.value + "': unknown source '" + src +
                                         "'; this programme offers: " + list);
        return std::nullopt;
    }
    if (spec.alt.value.size() < 10)
        diags.error(spec.alt.pos, "figure '" + spec.id.value + "': the alternative text must describe the chart "
                                  "for a reader who cannot see it");
    doc::Figure f;
    f.id = spec.id.value;
    f.caption = spec.caption.value;
    f.alt = spec.alt.value;
    f.chart = *chart;
    f.data_table = spec.data_table.value;
    return f;
}

doc::Table chart_data_table(const doc::Figure& f) {
    doc::Table t;
    t.id = f.id + "-data";
    t.caption = "Data for " + f.caption;
    t.header_rows = 1;
    doc::Row h;
    h.kind = doc::Row::Kind::header;
    h.cells.push_back(doc::Cell::label("", true));
    for (const auto& s : f.chart.series) h.cells.push_back(doc::Cell::label(s.name, true));
    t.rows.push_back(h);
    for (size_t k = 0; k < f.chart.categories.size(); ++k) {
        doc::Row r;
        r.cells.push_back(doc::Cell::label(f.chart.categories[k]));
        for (const auto& s : f.chart.series)
            r.cells.push_back(k < s.values.size() && s.values[k] ? doc::Cell::number(*s.values[k], f.chart.decimals, f.chart.style)
                                                                  : doc::Cell::none());
        t.rows.push_back(r);
    }
    return t;
}

}  // namespace bp::compose
