// MTFS tables: signs of investment and savings, and every stated total.
#include "core/format.hpp"
#include "validate/stated.hpp"
#include "validate/validate.hpp"

namespace bp::validate {
namespace {

// The most that rounding each listed value to its printed precision can move a sum.
// A zero is printed as a dash and means nothing was there, so it adds no rounding.
Num rounding_of(const std::vector<const Stated*>& parts) {
    Num r;
    for (const Stated* s : parts)
        if (!s->value.is_zero()) r += half_unit(s->decimals);
    return r;
}

std::vector<const Stated*> column(const std::vector<YearLine>& lines, size_t y) {
    std::vector<const Stated*> out;
    for (const auto& l : lines)
        if (y < l.values.size()) out.push_back(&l.values[y]);
    return out;
}

void append(std::vector<const Stated*>& a, const std::vector<const Stated*>& b) { a.insert(a.end(), b.begin(), b.end()); }

void check_row(Diagnostics& diags, const std::vector<Stated>& stated, const std::vector<Num>& computed,
               const std::vector<std::vector<const Stated*>>& parts, const std::vector<FinancialYear>& years,
               const std::string& what, const std::string& unit) {
    for (size_t y = 0; y < stated.size() && y < computed.size() && y < years.size(); ++y)
        check_stated(diags, stated[y], computed[y], rounding_of(parts[y]), what + ", " + years[y].label(), " " + unit);
}

}  // namespace

void check_mtfs_domain(const Mtfs& m, Diagnostics& diags) {
    for (const auto& g : m.investment)
        for (const auto& l : g.lines)
            for (const auto& v : l.values)
                if (v.value.is_negative())
                    diags.warning(v.pos, "investment line '" + l.label.value +
                                             "' has a negative value; investment is entered as a positive cost");
    for (const auto& l : m.savings.lines)
        for (const auto& v : l.values)
            if (v.value > Num(0))
                diags.warning(v.pos, "savings line '" + l.label.value +
                                         "' has a positive value; savings are entered as negatives, as the "
                                         "finance table prints them in brackets");
}

void check_mtfs_stated(const Programme& prog, const Figures& figs, Diagnostics& diags) {
    if (prog.mtfs && figs.mtfs) {
        const Mtfs& m = *prog.mtfs;
        const MtfsFigures& f = *figs.mtfs;
        const size_t n = m.years.size();
        const std::string unit = m.unit.value;
        std::vector<std::vector<const Stated*>> inv_parts(n), sav_parts(n), roi_parts(n), pos_parts(n);
        for (size_t gi = 0; gi < m.investment.size(); ++gi) {
            const LineGroup& g = m.investment[gi];
            std::vector<std::vector<const Stated*>> parts(n);
            for (size_t y = 0; y < n; ++y) {
                parts[y] = column(g.lines, y);
                append(inv_parts[y], parts[y]);
            }
            check_row(diags, g.stated_total, f.group_totals[gi], parts, m.years, "'" + g.total_label.value + "'", unit);
        }
        check_row(diags, m.investment_stated_total, f.investment_total, inv_parts, m.years,
                  "'" + m.investment_label.value + "'", unit);
        for (size_t y = 0; y < n; ++y) sav_parts[y] = column(m.savings.lines, y);
        check_row(diags, m.savings.stated_total, f.savings_total, sav_parts, m.years,
                  "'" + m.savings.total_label.value + "'", unit);
        for (size_t y = 0; y < n; ++y) {
            roi_parts[y] = inv_parts[y];
            append(roi_parts[y], sav_parts[y]);
        }
        check_row(diags, m.roi_stated, f.roi, roi_parts, m.years, "'" + m.roi_label.value + "'", unit);
        if (!f.position.empty()) {
            for (size_t y = 0; y < n; ++y) {
                pos_parts[y] = roi_parts[y];
                append(pos_parts[y], column(m.position_lines, y));
            }
            check_row(diags, m.position_stated, f.position, pos_parts, m.years, "'" + m.position_label.value + "'", unit);
        }
        if (m.break_even_stated) {
            const std::string computed = f.break_even ? m.years[*f.break_even].label() : std::string("never");
            if (!f.break_even || m.years[*f.break_even].start != m.break_even_stated->start)
                diags.error(m.break_even_stated->pos, "stated break-even year " + m.break_even_stated->label() +
                                                          " but the MTFS position first stays at or below zero in " +
                                                          computed);
        }
    }
    if (prog.outstanding_savings && figs.outstanding) {
        const auto& s = *prog.outstanding_savings;
        std::vector<std::vector<const Stated*>> parts(s.years.size());
        for (size_t y = 0; y < s.years.size(); ++y) parts[y] = column(s.lines, y);
        check_row(diags, s.stated_total, figs.outstanding->total, parts, s.years, "'" + s.title.value + "' total",
                  s.unit.value);
    }
    for (size_t i = 0; i < prog.differences.size() && i < figs.differences.size(); ++i) {
        const Difference& d = prog.differences[i];
        if (d.stated)
            check_stated(diags, *d.stated, figs.differences[i], half_unit(d.minuend.decimals) + half_unit(d.subtrahend.decimals),
                         "'" + d.name.value + "'", " " + d.unit.value);
    }
}

}  // namespace bp::validate
