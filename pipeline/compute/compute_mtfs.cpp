// The finance tables of an invest-to-save plan (seed 002, Tables 1 and 3).
#include "compute/figures.hpp"

namespace bp {

Num sum_values(const std::vector<Stated>& values) {
    Num s;
    for (const auto& v : values) s += v.value;
    return s;
}

Num percent_of(const Num& part, const Num& whole) { return part * Num(100) / whole; }

namespace {

std::vector<Num> column_sums(const std::vector<YearLine>& lines, size_t years) {
    std::vector<Num> out(years);
    for (const auto& l : lines)
        for (size_t y = 0; y < years && y < l.values.size(); ++y) out[y] += l.values[y].value;
    return out;
}

}  // namespace

MtfsFigures compute_mtfs(const Mtfs& m) {
    const size_t n = m.years.size();
    MtfsFigures f;
    f.investment_total.assign(n, Num());
    for (const auto& g : m.investment) {
        f.group_totals.push_back(column_sums(g.lines, n));
        for (size_t y = 0; y < n; ++y) f.investment_total[y] += f.group_totals.back()[y];
        for (const auto& l : g.lines) {
            Num row;
            for (const auto& v : l.values) row += v.value;
            if (l.nature == Nature::one_off) f.one_off_sum += row;
            if (l.nature == Nature::ongoing) f.ongoing_sum += row;
        }
    }
    for (const auto& v : f.investment_total) f.investment_sum += v;

    f.savings_total = column_sums(m.savings.lines, n);
    f.cashable_savings.assign(n, Num());
    f.non_cashable_savings.assign(n, Num());
    for (const auto& l : m.savings.lines)
        for (size_t y = 0; y < n && y < l.values.size(); ++y) {
            if (l.nature == Nature::cashable) f.cashable_savings[y] += l.values[y].value;
            if (l.nature == Nature::non_cashable) f.non_cashable_savings[y] += l.values[y].value;
        }

    f.roi.assign(n, Num());
    for (size_t y = 0; y < n; ++y) f.roi[y] = f.investment_total[y] + f.savings_total[y];

    if (!m.position_lines.empty()) {
        const auto extra = column_sums(m.position_lines, n);
        f.position.assign(n, Num());
        for (size_t y = 0; y < n; ++y) f.position[y] = f.roi[y] + extra[y];
        // Break-even: the first year after which the MTFS impact never rises above zero.
        for (size_t y = n; y-- > 0;) {
            if (f.position[y] > Num(0)) break;
            f.break_even = y;
        }
    }
    return f;
}

}  // namespace bp
