// MTFS investment and savings (seed 002): Tables 1 to 3 of a Cabinet paper, their
// charts, and the figures its prose quotes.
#include "core/format.hpp"
#include "kinds/builder.hpp"
#include "kinds/kinds.hpp"

namespace bp::kinds {
namespace {

std::string year_id(const FinancialYear& y) {
    const std::string l = y.label();
    return l.substr(0, 4) + "_" + l.substr(5, 2);
}

int mtfs_decimals(const Mtfs& m) {
    int d = 0;
    for (const auto& g : m.investment)
        for (const auto& l : g.lines)
            for (const auto& v : l.values) d = std::max(d, v.decimals);
    for (const auto& l : m.savings.lines)
        for (const auto& v : l.values) d = std::max(d, v.decimals);
    return d;
}

std::vector<TableValue> values_of(const YearLine& l) {
    std::vector<TableValue> out;
    for (const auto& s : l.values) out.push_back(typed(s));
    return out;
}

TableBuilder year_table(const std::string& id, const std::string& unit, const std::vector<FinancialYear>& years) {
    TableBuilder b(id, Unit::parse(unit).value_or(Unit::number()), "mtfs");
    b.table().unit_row = true;
    for (const auto& y : years) b.column(year_id(y), y.label());
    return b;
}

// Table 1: investment groups with totals, savings, return on investment.
DeclaredTable investment_table(const Mtfs& m) {
    TableBuilder b = year_table("mtfs.investment", m.unit.value, m.years);
    b.table().rows_workbook_label = "Investment or saving";
    b.table().decimals = mtfs_decimals(m);
    std::vector<std::string> group_totals;
    for (size_t gi = 0; gi < m.investment.size(); ++gi) {
        const LineGroup& g = m.investment[gi];
        b.section(g.name.value);
        std::vector<std::string> lines;
        for (size_t li = 0; li < g.lines.size(); ++li) {
            lines.push_back("g" + std::to_string(gi) + "_l" + std::to_string(li));
            b.row(lines.back(), g.lines[li].label.value, values_of(g.lines[li]));
        }
        group_totals.push_back("g" + std::to_string(gi) + "_total");
        b.derived_row(group_totals.back(), g.total_label.value, derive(Derive::Op::sum, lines)).kind = TableRow::Kind::total;
    }
    b.derived_row("investment_total", m.investment_label.value, derive(Derive::Op::sum, group_totals)).kind =
        TableRow::Kind::total;
    b.section(m.savings.name.value);
    std::vector<std::string> savings;
    for (size_t li = 0; li < m.savings.lines.size(); ++li) {
        savings.push_back("s" + std::to_string(li));
        b.row(savings.back(), m.savings.lines[li].label.value, values_of(m.savings.lines[li]));
    }
    b.derived_row("savings_total", m.savings.total_label.value, derive(Derive::Op::sum, savings)).kind = TableRow::Kind::total;
    b.derived_row("roi", m.roi_label.value, derive(Derive::Op::sum, {"investment_total", "savings_total"})).kind =
        TableRow::Kind::total;
    return b.take();
}

// Table 3: the MTFS position, starting from Table 1's return on investment.
DeclaredTable position_table(const Mtfs& m, const MtfsFigures& f) {
    TableBuilder b = year_table("mtfs.position", m.unit.value, m.years);
    b.table().rows_workbook_label = "Measure";
    b.table().decimals = mtfs_decimals(m);
    b.derived_row("roi", m.roi_label.value, derive(Derive::Op::reference, {"mtfs.investment.roi"})).bold = true;
    std::vector<std::string> parts{"roi"};
    for (size_t i = 0; i < m.position_lines.size(); ++i) {
        parts.push_back("p" + std::to_string(i));
        b.row(parts.back(), m.position_lines[i].label.value, values_of(m.position_lines[i]));
    }
    b.derived_row("position", m.position_label.value, derive(Derive::Op::sum, parts)).kind = TableRow::Kind::total;
    if (f.break_even)
        b.table().note = "Break-even in " + m.years[*f.break_even].label() + ", after " + std::to_string(*f.break_even) +
                         (*f.break_even == 1 ? " year" : " years");
    else
        b.table().note = "The position does not reach break-even by " + m.years.back().label();
    return b.take();
}

// Table 2: savings already in the MTFS and still to be delivered.
DeclaredTable outstanding_table(const OutstandingSavings& s) {
    TableBuilder b = year_table("mtfs.outstanding_savings", s.unit.value, s.years);
    b.table().rows_workbook_label = "Saving";
    b.table().decimals = s.decimals;
    std::vector<std::string> lines;
    for (size_t i = 0; i < s.lines.size(); ++i) {
        lines.push_back("l" + std::to_string(i));
        b.row(lines.back(), s.lines[i].label.value, values_of(s.lines[i]));
    }
    b.derived_row("total", "Total", derive(Derive::Op::sum, lines)).kind = TableRow::Kind::total;
    return b.take();
}

ChartDecl chart(std::string id, std::string table, std::string kind, std::vector<std::string> series,
                std::vector<std::string> names, std::string axis) {
    ChartDecl c;
    c.id = std::move(id);
    c.table = std::move(table);
    c.kind = std::move(kind);
    c.series = std::move(series);
    c.series_names = std::move(names);
    c.axis_title = std::move(axis);
    c.decimals = 0;
    return c;
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

void named_mtfs(TValue& d, const Mtfs& m, const MtfsFigures& f) {
    const std::string& u = m.unit.value;
    const int dec = 0;
    d.set("mtfs.unit", named_text(u));
    d.set("mtfs.first_year", named_text(m.years.front().label()));
    d.set("mtfs.last_year", named_text(m.years.back().label()));
    d.set("mtfs.investment_total", named_text(fmt_money_m(to_millions(f.investment_sum, u), 1)));
    d.set("mtfs.investment_total_exact", named_text(fmt_money_m(to_millions(f.investment_sum, u), exact_m_decimals(u, dec))));
    d.set("mtfs.one_off_total", named_text(fmt_money_m(to_millions(f.one_off_sum, u), 1)));
    d.set("mtfs.ongoing_total", named_text(fmt_money_m(to_millions(f.ongoing_sum, u), 1)));
    const size_t last = m.years.size() - 1;
    auto final_money = [&](const std::string& key, const Num& v) {
        d.set("mtfs." + key, named_text(fmt_money_m(to_millions(v.abs(), u), 1)));
        d.set("mtfs." + key + "_exact", named_text(fmt_money_m(to_millions(v.abs(), u), exact_m_decimals(u, dec))));
    };
    d.set("raw.mtfs.investment_total_m", named_raw(to_millions(f.investment_sum, u), "£m"));
    d.set("raw.mtfs.one_off_total_m", named_raw(to_millions(f.one_off_sum, u), "£m"));
    d.set("raw.mtfs.ongoing_total_m", named_raw(to_millions(f.ongoing_sum, u), "£m"));
    d.set("raw.mtfs.roi_final_m", named_raw(to_millions(f.roi[last], u), "£m"));
    d.set("raw.mtfs.cashable_final_m", named_raw(to_millions(f.cashable_savings[last], u), "£m"));
    d.set("raw.mtfs.non_cashable_final_m", named_raw(to_millions(f.non_cashable_savings[last], u), "£m"));
    if (!f.position.empty()) d.set("raw.mtfs.final_position_m", named_raw(to_millions(f.position[last], u), "£m"));
    d.set("raw.mtfs.first_year_start", TValue::raw(std::to_string(m.years.front().start), "year"));
    final_money("roi_final", f.roi[last]);
    // Names that state a direction hold only when the data point that way (the
    // source's convention: a negative return is a surplus, a negative impact an
    // improvement); otherwise they are refused where they would print.
    auto directed = [&](const std::string& key, bool holds, const std::string& says, const std::string& is,
                        const Num& v, const std::string& word_key, const std::string& word) {
        if (holds) {
            final_money(key, v);
        } else {
            const std::string why = "states " + says + ", but the final year's figure is " + is + " of " +
                                    fmt_money_m(to_millions(v.abs(), u), 1) + "; write {{mtfs." + word_key +
                                    "}} with the plain figure, or test the direction in a section";
            d.set("mtfs." + key, TValue::refused(why));
            d.set("mtfs." + key + "_exact", TValue::refused(why));
        }
        d.set("mtfs." + word_key, named_text(word));
    };
    const bool surplus = f.roi[last] < Num(0);
    directed("roi_final_surplus", surplus, "a surplus", "a deficit", f.roi[last], "roi_final_word", surplus ? "surplus" : "deficit");
    directed("roi_final_deficit", !surplus && !f.roi[last].is_zero(), "a deficit", "a surplus", f.roi[last], "roi_final_word",
             surplus ? "surplus" : "deficit");
    // Savings are negative in the source's tables; a positive line is a cost, and a
    // "saving" of it would be the wrong word.
    for (const auto& [key, v] : {std::make_pair(std::string("cashable_final"), f.cashable_savings[last]),
                                 std::make_pair(std::string("non_cashable_final"), f.non_cashable_savings[last])})
        directed(key, !(v > Num(0)), "a saving", "a cost", v, key + "_word", v > Num(0) ? "cost" : "saving");
    d.set("mtfs.roi_final_is_surplus", TValue::boolean(f.roi[last] < Num(0)));
    if (!f.position.empty()) {
        final_money("final_position", f.position[last]);
        const bool improves = f.position[last] < Num(0);
        directed("final_position_improvement", improves, "an improvement", "a worsening", f.position[last],
                 "final_position_word", improves ? "improved" : "worsened");
        d.set("mtfs.final_position_improves", TValue::boolean(f.position[last] < Num(0)));
    }
    d.set("mtfs.breaks_even", TValue::boolean(f.break_even.has_value()));
    if (f.break_even) {
        const FinancialYear& y = m.years[*f.break_even];
        d.set("mtfs.break_even_year", named_text(y.label()));
        d.set("mtfs.break_even_month", named_text("April " + std::to_string(y.start)));
        d.set("mtfs.years_to_break_even", named_text(std::to_string(*f.break_even)));
    }
}


}  // namespace

void declare_mtfs(const Programme& prog, const Figures& figs, Declared& out) {
    if (prog.mtfs && figs.mtfs && !prog.mtfs->years.empty()) {
        const Mtfs& m = *prog.mtfs;
        out.tables.push_back(investment_table(m));
        std::vector<std::string> totals, names;
        for (size_t g = 0; g < m.investment.size(); ++g) {
            totals.push_back("g" + std::to_string(g) + "_total");
            names.push_back(m.investment[g].name.value);
        }
        out.charts.push_back(chart("mtfs.investment_by_year", "mtfs.investment", "stacked_column", totals, names, m.unit.value));
        if (!m.position_lines.empty()) {
            out.tables.push_back(position_table(m, *figs.mtfs));
            out.charts.push_back(chart("mtfs.position", "mtfs.position", "column", {"roi", "position"}, {}, m.unit.value));
        }
        named_mtfs(out.named, m, *figs.mtfs);
    }
    if (prog.outstanding_savings && figs.outstanding && !figs.outstanding->total.empty()) {
        const auto& o = *prog.outstanding_savings;
        out.tables.push_back(outstanding_table(o));
        out.named.set("outstanding.total_final", named_text(prose_in_unit(figs.outstanding->total.back().abs(), o.decimals, o.unit.value)));
    }
}

}  // namespace bp::kinds
