#include "compose/tables.hpp"

#include <functional>
#include <map>

#include "core/format.hpp"

namespace bp::compose {

using doc::Cell;
using doc::CellRef;
using doc::Derivation;
using doc::NumStyle;
using doc::Row;
using doc::Table;

std::string TableIndex::id_of(const std::string& source) const {
    for (const auto& [src, id] : id_by_source)
        if (src == source) return id;
    return "";
}

namespace {

Row header(std::vector<std::string> labels) {
    Row r;
    r.kind = Row::Kind::header;
    for (auto& l : labels) r.cells.push_back(Cell::label(std::move(l), true));
    return r;
}

Row section(const std::string& label, size_t width) {
    Row r;
    r.kind = Row::Kind::section;
    r.cells.push_back(Cell::label(label, true));
    for (size_t i = 1; i < width; ++i) r.cells.push_back(Cell::none(""));
    return r;
}

Derivation sum_of(const std::string& table, const std::vector<size_t>& rows, size_t col) {
    Derivation d;
    d.op = Derivation::Op::sum;
    for (size_t r : rows) d.refs.push_back(CellRef{table, r, col});
    return d;
}

// ---------------------------------------------------------------- MTFS

int mtfs_decimals(const Mtfs& m) {
    int d = 0;
    for (const auto& g : m.investment) for (const auto& l : g.lines) for (const auto& v : l.values) d = std::max(d, v.decimals);
    for (const auto& l : m.savings.lines) for (const auto& v : l.values) d = std::max(d, v.decimals);
    return d;
}

Row year_row(const std::string& label, const std::vector<Num>& values, int decimals, bool bold, Row::Kind kind) {
    Row r;
    r.kind = kind;
    r.cells.push_back(Cell::label(label, bold));
    for (const auto& v : values) r.cells.push_back(Cell::number(v, decimals, NumStyle::accounting, bold));
    return r;
}

std::vector<Num> values_of(const YearLine& l) {
    std::vector<Num> v;
    for (const auto& s : l.values) v.push_back(s.value);
    return v;
}

Row year_header(const std::vector<FinancialYear>& years) {
    std::vector<std::string> labels{""};
    for (const auto& y : years) labels.push_back(y.label());
    return header(labels);
}

Row unit_header(const std::string& unit, size_t n) {
    std::vector<std::string> labels{""};
    for (size_t i = 0; i < n; ++i) labels.push_back(unit);
    return header(labels);
}

// Table 1 of seed 002: investment groups with totals, savings, return on investment.
Table mtfs_investment(const std::string& id, const Mtfs& m, const MtfsFigures& f) {
    Table t;
    t.id = id;
    const size_t n = m.years.size();
    const int dec = mtfs_decimals(m);
    t.rows.push_back(year_header(m.years));
    t.rows.push_back(unit_header(m.unit.value, n));
    t.header_rows = 2;
    std::vector<size_t> group_total_rows;
    for (size_t gi = 0; gi < m.investment.size(); ++gi) {
        const LineGroup& g = m.investment[gi];
        t.rows.push_back(section(g.name.value, n + 1));
        std::vector<size_t> line_rows;
        for (const auto& l : g.lines) {
            line_rows.push_back(t.rows.size());
            t.rows.push_back(year_row(l.label.value, values_of(l), dec, false, Row::Kind::body));
        }
        group_total_rows.push_back(t.rows.size());
        Row tot = year_row(g.total_label.value, f.group_totals[gi], dec, true, Row::Kind::total);
        for (size_t y = 0; y < n; ++y) tot.cells[y + 1].derived = sum_of(id, line_rows, y + 1);
        t.rows.push_back(tot);
    }
    const size_t inv_row = t.rows.size();
    Row inv = year_row(m.investment_label.value, f.investment_total, dec, true, Row::Kind::total);
    for (size_t y = 0; y < n; ++y) inv.cells[y + 1].derived = sum_of(id, group_total_rows, y + 1);
    t.rows.push_back(inv);

    t.rows.push_back(section(m.savings.name.value, n + 1));
    std::vector<size_t> saving_rows;
    for (const auto& l : m.savings.lines) {
        saving_rows.push_back(t.rows.size());
        t.rows.push_back(year_row(l.label.value, values_of(l), dec, false, Row::Kind::body));
    }
    const size_t sav_row = t.rows.size();
    Row sav = year_row(m.savings.total_label.value, f.savings_total, dec, true, Row::Kind::total);
    for (size_t y = 0; y < n; ++y) sav.cells[y + 1].derived = sum_of(id, saving_rows, y + 1);
    t.rows.push_back(sav);

    Row roi = year_row(m.roi_label.value, f.roi, dec, true, Row::Kind::total);
    for (size_t y = 0; y < n; ++y) roi.cells[y + 1].derived = sum_of(id, {inv_row, sav_row}, y + 1);
    t.rows.push_back(roi);
    return t;
}

// Table 3 of seed 002: the MTFS position, starting from Table 1's return on investment.
Table mtfs_position(const std::string& id, const Mtfs& m, const MtfsFigures& f, const std::string& roi_table) {
    Table t;
    t.id = id;
    const size_t n = m.years.size();
    const int dec = mtfs_decimals(m);
    t.rows.push_back(year_header(m.years));
    t.rows.push_back(unit_header(m.unit.value, n));
    t.header_rows = 2;
    std::vector<size_t> parts{t.rows.size()};
    Row roi = year_row(m.roi_label.value, f.roi, dec, true, Row::Kind::body);
    if (!roi_table.empty()) {
        // Table 1 puts its return on investment on its last row: see mtfs_investment().
        size_t roi_row = 2 + m.investment.size() * 2 + 1 + 1 + m.savings.lines.size() + 1;
        for (const auto& g : m.investment) roi_row += g.lines.size();
        for (size_t y = 0; y < n; ++y) roi.cells[y + 1].derived = sum_of(roi_table, {roi_row}, y + 1);
    }
    t.rows.push_back(roi);
    for (const auto& l : m.position_lines) {
        parts.push_back(t.rows.size());
        t.rows.push_back(year_row(l.label.value, values_of(l), dec, false, Row::Kind::body));
    }
    Row pos = year_row(m.position_label.value, f.position, dec, true, Row::Kind::total);
    for (size_t y = 0; y < n; ++y) pos.cells[y + 1].derived = sum_of(id, parts, y + 1);
    t.rows.push_back(pos);
    if (f.break_even)
        t.source_note = "Break-even in " + m.years[*f.break_even].label() + ", after " +
                        std::to_string(*f.break_even) + (*f.break_even == 1 ? " year" : " years");
    else
        t.source_note = "The position does not reach break-even by " + m.years.back().label();
    return t;
}

// Table 2 of seed 002: savings already in the MTFS and still to be delivered.
Table outstanding_savings(const std::string& id, const OutstandingSavings& s, const OutstandingFigures& f) {
    Table t;
    t.id = id;
    const size_t n = s.years.size();
    t.rows.push_back(year_header(s.years));
    t.rows.push_back(unit_header(s.unit.value, n));
    t.header_rows = 2;
    std::vector<size_t> rows;
    for (const auto& l : s.lines) {
        rows.push_back(t.rows.size());
        t.rows.push_back(year_row(l.label.value, values_of(l), s.decimals, false, Row::Kind::body));
    }
    Row tot = year_row("Total", f.total, s.decimals, true, Row::Kind::total);
    for (size_t y = 0; y < n; ++y) tot.cells[y + 1].derived = sum_of(id, rows, y + 1);
    t.rows.push_back(tot);
    return t;
}

// ---------------------------------------------------------------- BRFC

Table brfc_summary(const std::string& id, const Brfc& b, const BrfcFigures& f) {
    Table t;
    t.id = id;
    t.rows.push_back(header({"Measure", "Value"}));
    t.header_rows = 1;
    auto count_row = [&](const std::string& label, long long v) {
        Row r;
        r.cells = {Cell::label(label), Cell::number(Num(v), 0, NumStyle::count)};
        t.rows.push_back(r);
        return t.rows.size() - 1;
    };
    const size_t attached = count_row("Families attached", b.families_attached.value);
    const size_t target = count_row("Original target (families)", b.original_target.value);
    if (b.people) count_row("People in those families", b.people->value);
    const size_t closures = count_row("Successful closures", b.successful_closures.value);
    const size_t base = b.conversion_base == RateBase::families_attached ? attached
                        : b.conversion_base == RateBase::original_target ? target
                                                                          : closures;
    Row rate;
    rate.kind = Row::Kind::total;
    const int dec = b.conversion_stated ? b.conversion_stated->decimals : 0;
    rate.cells = {Cell::label("Conversion rate (closures over " +
                                  std::string(b.conversion_base == RateBase::original_target ? "original target" : "families attached") + ")",
                              true),
                  Cell::number(f.conversion_pct, dec, NumStyle::percent, true)};
    rate.cells[1].derived.op = Derivation::Op::percent_of;
    rate.cells[1].derived.refs = {CellRef{id, closures, 1}, CellRef{id, base, 1}};
    t.rows.push_back(rate);
    if (b.conversion_target) {
        Row r;
        r.cells = {Cell::label("Conversion target" + (b.conversion_target_date ? " by " + b.conversion_target_date->long_form() : std::string())),
                   Cell::number(b.conversion_target->value, b.conversion_target->decimals, NumStyle::percent)};
        t.rows.push_back(r);
    }
    return t;
}

// ---------------------------------------------------------------- Outcome Star

Row area_row(const std::string& area) {
    Row r;
    r.cells.push_back(Cell::label(area));
    return r;
}

Table star_stages(const std::string& id, const StarFigures& s, const StarDistribution& d) {
    Table t;
    t.id = id;
    std::vector<std::string> h{"Star area"};
    for (const auto& l : s.stage_labels) h.push_back(l);
    h.push_back("Families");
    t.rows.push_back(header(h));
    t.header_rows = 1;
    for (size_t a = 0; a < s.areas.size(); ++a) {
        Row r = area_row(s.areas[a]);
        std::vector<size_t> cols;
        for (size_t k = 0; k < d.stages[a].size(); ++k) r.cells.push_back(Cell::number(Num(d.stages[a][k]), 0, NumStyle::count));
        Cell total = Cell::number(Num(d.totals[a]), 0, NumStyle::count, true);
        total.derived.op = Derivation::Op::sum;
        for (size_t k = 0; k < d.stages[a].size(); ++k) total.derived.refs.push_back(CellRef{id, t.rows.size(), k + 1});
        r.cells.push_back(total);
        t.rows.push_back(r);
    }
    return t;
}

Table star_stage_percents(const std::string& id, const StarFigures& s, const StarDistribution& d,
                          const std::string& counts_table) {
    Table t;
    t.id = id;
    std::vector<std::string> h{"Star area"};
    for (const auto& l : s.stage_labels) h.push_back(l);
    t.rows.push_back(header(h));
    t.header_rows = 1;
    const size_t total_col = s.stage_labels.size() + 1;
    for (size_t a = 0; a < s.areas.size(); ++a) {
        Row r = area_row(s.areas[a]);
        for (size_t k = 0; k < d.stages[a].size(); ++k) {
            if (d.totals[a] == 0) { r.cells.push_back(Cell::none()); continue; }
            Cell c = Cell::number(d.stage_pct[a][k], 0, NumStyle::percent);
            if (!counts_table.empty()) {
                c.derived.op = Derivation::Op::percent_of;
                c.derived.refs = {CellRef{counts_table, a + 1, k + 1}, CellRef{counts_table, a + 1, total_col}};
            }
            r.cells.push_back(c);
        }
        t.rows.push_back(r);
    }
    return t;
}

Cell mean_cell(const MeanFigure& m, int decimals) {
    return m.value ? Cell::number(*m.value, decimals, NumStyle::fixed) : Cell::none();
}

Table star_means(const std::string& id, const StarFigures& s, bool below_seven, int decimals) {
    Table t;
    t.id = id;
    const auto& rows = below_seven ? s.below_seven : s.means;
    std::vector<std::string> h{"Star area"};
    if (below_seven) h.push_back("Families below 7");
    h.insert(h.end(), {"Initial mean", "Latest mean", "Progress"});
    t.rows.push_back(header(h));
    t.header_rows = 1;
    const size_t first = below_seven ? 2 : 1;
    for (size_t a = 0; a < rows.size() && a < s.areas.size(); ++a) {
        Row r = area_row(s.areas[a]);
        if (below_seven) r.cells.push_back(Cell::number(Num(rows[a].families), 0, NumStyle::count));
        r.cells.push_back(mean_cell(rows[a].initial, decimals));
        r.cells.push_back(mean_cell(rows[a].final, decimals));
        if (rows[a].progress) {
            Cell p = Cell::number(*rows[a].progress, decimals, NumStyle::fixed, true);
            p.derived.op = Derivation::Op::difference;
            p.derived.refs = {CellRef{id, t.rows.size(), first + 1}, CellRef{id, t.rows.size(), first}};
            r.cells.push_back(p);
        } else {
            r.cells.push_back(Cell::none());
        }
        t.rows.push_back(r);
    }
    return t;
}

Table star_summary(const std::string& id, const StarFigures& s) {
    Table t;
    t.id = id;
    t.rows.push_back(header({"Measure", "Number", "% of service users"}));
    t.header_rows = 1;
    std::optional<size_t> users_row;
    auto add = [&](const std::string& label, const std::optional<long long>& v, bool pct) {
        if (!v) return;
        Row r;
        r.cells = {Cell::label(label), Cell::number(Num(*v), 0, NumStyle::count)};
        if (pct && users_row && s.service_users && *s.service_users > 0) {
            Cell c = Cell::number(percent_of(Num(*v), Num(*s.service_users)), 0, NumStyle::percent);
            c.derived.op = Derivation::Op::percent_of;
            c.derived.refs = {CellRef{id, t.rows.size(), 1}, CellRef{id, *users_row, 1}};
            r.cells.push_back(c);
        } else {
            r.cells.push_back(Cell::none(""));
        }
        if (label == "Service users (families)") users_row = t.rows.size();
        t.rows.push_back(r);
    };
    add("Service users (families)", s.service_users, false);
    add("First Stars completed", s.first_stars, true);
    add("With at least one reviewed Star", s.reviewed_once, true);
    add("With at least two reviewed Stars", s.reviewed_twice, true);
    add("Stars completed in total", s.stars_total, false);
    return t;
}

Table star_change(const std::string& id, const StarFigures& s) {
    Table t;
    t.id = id;
    t.rows.push_back(header({"Change type", "Number", "Percentage"}));
    t.header_rows = 1;
    const long long total = s.change_total();
    const size_t total_row = 4;
    auto add = [&](const std::string& label, long long v) {
        Row r;
        r.cells = {Cell::label(label), Cell::number(Num(v), 0, NumStyle::count)};
        if (total > 0) {
            Cell c = Cell::number(percent_of(Num(v), Num(total)), 1, NumStyle::percent);
            c.derived.op = Derivation::Op::percent_of;
            c.derived.refs = {CellRef{id, t.rows.size(), 1}, CellRef{id, total_row, 1}};
            r.cells.push_back(c);
        } else {
            r.cells.push_back(Cell::none());
        }
        t.rows.push_back(r);
    };
    add("Negative", s.change_negative.value_or(0));
    add("No change (within ±0.25)", s.change_none.value_or(0));
    add("Positive", s.change_positive.value_or(0));
    Row r;
    r.kind = Row::Kind::total;
    Cell tot = Cell::number(Num(total), 0, NumStyle::count, true);
    tot.derived = sum_of(id, {1, 2, 3}, 1);
    r.cells = {Cell::label("Total", true), tot, Cell::none("")};
    t.rows.push_back(r);
    return t;
}

Table referrals(const std::string& id, const Pilot& p, const PilotFigures& f) {
    Table t;
    t.id = id;
    t.rows.push_back(header({"Referrals from", "Period", "Referrals", "Period", "Referrals", "Change"}));
    t.header_rows = 1;
    for (size_t i = 0; i < p.referrals.size(); ++i) {
        const auto& r = p.referrals[i];
        Row row;
        row.cells = {Cell::label(r.source.value), Cell::label(r.before_period.value),
                     Cell::number(Num(r.before.value), 0, NumStyle::count), Cell::label(r.after_period.value),
                     Cell::number(Num(r.after.value), 0, NumStyle::count)};
        if (f.referrals[i].defined) {
            Cell c = Cell::number(f.referrals[i].change_pct, 0, NumStyle::percent, true);
            c.derived.op = Derivation::Op::change;
            c.derived.refs = {CellRef{id, t.rows.size(), 4}, CellRef{id, t.rows.size(), 2}};
            row.cells.push_back(c);
        } else {
            row.cells.push_back(Cell::none());
        }
        t.rows.push_back(row);
    }
    return t;
}

// ---------------------------------------------------------------- Cohorts

std::string month_year(const Date& d) {
    static const char* m[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::string(m[(d.month - 1) % 12]) + " " + std::to_string(d.year);
}

Table cohort_table(const std::string& id, const Cohort& c) {
    Table t;
    t.id = id;
    t.rows.push_back(header({"Date", "Actual", "Target"}));
    t.header_rows = 1;
    for (const auto& p : c.points) {
        Row r;
        r.cells = {Cell::label(month_year(p.date)),
                   p.actual ? Cell::number(Num(p.actual->value), 0, NumStyle::count) : Cell::none(),
                   p.target ? Cell::number(Num(p.target->value), 0, NumStyle::count) : Cell::none()};
        t.rows.push_back(r);
    }
    return t;
}

const Pilot* find_pilot(const Programme& prog, const std::string& id, size_t* index) {
    for (size_t i = 0; i < prog.pilots.size(); ++i)
        if (prog.pilots[i].id.value == id) { *index = i; return &prog.pilots[i]; }
    return nullptr;
}

int published_mean_decimals(const Pilot& p, bool below_seven) {
    if (!p.star || !p.star->published) return 1;
    const auto& m = below_seven ? p.star->published->below_seven : p.star->published->means;
    int d = 0;
    if (m) for (const auto& v : m->initial) d = std::max(d, v.decimals);
    return std::max(d, 1);
}

}  // namespace

std::vector<std::string> table_sources(const Programme& prog) {
    std::vector<std::string> out;
    if (prog.mtfs) out.insert(out.end(), {"mtfs.investment", "mtfs.position"});
    if (prog.outstanding_savings) out.push_back("mtfs.outstanding_savings");
    if (prog.brfc) out.push_back("brfc.summary");
    for (const auto& p : prog.pilots) {
        const std::string b = "pilot." + p.id.value + ".";
        if (!p.referrals.empty()) out.push_back(b + "referrals");
        if (p.star)
            for (const char* s : {"summary", "change", "stages_initial", "stages_initial_percent", "stages_recent",
                                  "stages_recent_percent", "means", "below_seven"})
                out.push_back(b + s);
    }
    for (const auto& c : prog.cohorts) out.push_back("cohort." + c.id.value);
    return out;
}

std::vector<std::string> figure_sources(const Programme& prog) {
    std::vector<std::string> out;
    if (prog.mtfs) out.insert(out.end(), {"mtfs.investment_by_year", "mtfs.position"});
    for (const auto& p : prog.pilots)
        if (p.star) out.insert(out.end(), {"pilot." + p.id.value + ".means", "pilot." + p.id.value + ".stages"});
    for (const auto& c : prog.cohorts) out.push_back("cohort." + c.id.value);
    return out;
}

std::optional<Table> build_table(const TableSpec& spec, const Programme& prog, const Figures& figs,
                                 const TableIndex& index, Diagnostics& diags) {
    const std::string& src = spec.source.value;
    const std::string& id = spec.id.value;
    std::optional<Table> t;
    auto missing = [&](const std::string& what) {
        diags.error(spec.source.pos, "table '" + id + "': " + what);
        return std::nullopt;
    };
    if (src == "mtfs.investment" && prog.mtfs && figs.mtfs) t = mtfs_investment(id, *prog.mtfs, *figs.mtfs);
    else if (src == "mtfs.position" && prog.mtfs && figs.mtfs) {
        if (prog.mtfs->position_lines.empty()) return missing("the MTFS data has no 'position'");
        t = mtfs_position(id, *prog.mtfs, *figs.mtfs, index.id_of("mtfs.investment"));
    } else if (src == "mtfs.outstanding_savings" && prog.outstanding_savings && figs.outstanding)
        t = outstanding_savings(id, *prog.outstanding_savings, *figs.outstanding);
    else if (src == "brfc.summary" && prog.brfc && figs.brfc) t = brfc_summary(id, *prog.brfc, *figs.brfc);
    else if (src.rfind("cohort.", 0) == 0) {
        for (const auto& c : prog.cohorts)
            if ("cohort." + c.id.value == src) t = cohort_table(id, c);
    } else if (src.rfind("pilot.", 0) == 0) {
        const size_t dot = src.find('.', 6);
        const std::string pid = src.substr(6, dot == std::string::npos ? std::string::npos : dot - 6);
        const std::string what = dot == std::string::npos ? "" : src.substr(dot + 1);
        size_t pi = 0;
        const Pilot* p = find_pilot(prog, pid, &pi);
        if (!p) return missing("no pilot with id '" + pid + "'");
        const PilotFigures& pf = figs.pilots[pi];
        if (what == "referrals") t = referrals(id, *p, pf);
        else if (!pf.star) return missing("pilot '" + pid + "' has no Outcome Star data");
        else {
            const StarFigures& s = *pf.star;
            const std::string b = "pilot." + pid + ".";
            if (what == "summary") t = star_summary(id, s);
            else if (what == "change") {
                if (!s.change_negative) return missing("pilot '" + pid + "' has no change figures");
                t = star_change(id, s);
            } else if (what == "stages_initial" || what == "stages_initial_percent") {
                if (!s.initial) return missing("pilot '" + pid + "' has no first-Star distribution");
                t = what == "stages_initial" ? star_stages(id, s, *s.initial)
                                             : star_stage_percents(id, s, *s.initial, index.id_of(b + "stages_initial"));
            } else if (what == "stages_recent" || what == "stages_recent_percent") {
                if (!s.recent) return missing("pilot '" + pid + "' has no latest-Star distribution");
                t = what == "stages_recent" ? star_stages(id, s, *s.recent)
                                            : star_stage_percents(id, s, *s.recent, index.id_of(b + "stages_recent"));
            } else if (what == "means") {
                if (s.means.empty()) return missing("pilot '" + pid + "' has no mean readings");
                t = star_means(id, s, false, s.from_readings ? 1 : published_mean_decimals(*p, false));
            } else if (what == "below_seven") {
                if (s.below_seven.empty()) return missing("pilot '" + pid + "' has no below-7 readings");
                t = star_means(id, s, true, s.from_readings ? 2 : published_mean_decimals(*p, true));
            }
            if (t && p->star->data_source.value.size()) t->source_note = "Data source: " + p->star->data_source.value;
        }
    }
    if (!t) {
        std::string list;
        for (const auto& s : table_sources(prog)) list += (list.empty() ? "" : ", ") + s;
        diags.error(spec.source.pos, "table '" + id + "': unknown source '" + src + "'; this programme offers: " + list);
        return std::nullopt;
    }
    t->caption = spec.caption.value;
    return t;
}

}  // namespace bp::compose
