// Outcome Star (Family Star Plus) figures, from per-family readings when the programme
// has them, otherwise from the aggregate tables a provider published (seed 003).
#include <cstddef>

#include "compute/figures.hpp"

namespace bp {
namespace {

// A score on the Star's 1-10 scale, or 0 when the reading is not one (validation says so).
int score_of(const Stated& s) {
    if (s.value.den() != 1 || s.value.num() < 1 || s.value.num() > 10) return 0;
    return static_cast<int>(s.value.num());
}

std::optional<Num> mean_of(Num sum, long long n) {
    if (n == 0) return std::nullopt;
    return sum / Num(n);
}

// Stage counts, percentages, means and below-seven figures of a score distribution.
StarDistribution summarise(std::vector<std::array<long long, 10>> scores, const std::vector<StarStage>& stages) {
    StarDistribution d;
    d.scores = std::move(scores);
    for (const auto& row : d.scores) {
        long long total = 0, low = 0;
        Num sum, low_sum;
        std::vector<long long> st(stages.size(), 0);
        for (int s = 1; s <= 10; ++s) {
            const long long c = row[static_cast<size_t>(s - 1)];
            total += c;
            sum += Num(c * s);
            if (s < 7) { low += c; low_sum += Num(c * s); }
            for (size_t k = 0; k < stages.size(); ++k)
                if (s >= stages[k].from && s <= stages[k].to) st[k] += c;
        }
        std::vector<Num> pct;
        for (long long c : st) pct.push_back(total ? percent_of(Num(c), Num(total)) : Num());
        d.totals.push_back(total);
        d.stages.push_back(st);
        d.stage_pct.push_back(pct);
        d.mean.push_back(mean_of(sum, total));
        d.below_seven.push_back(low);
        d.below_seven_mean.push_back(mean_of(low_sum, low));
    }
    return d;
}

StarFigures from_readings(const OutcomeStar& star, StarFigures f) {
    const size_t areas = star.areas.size();
    f.from_readings = true;
    long long users = 0, first = 0, once = 0, twice = 0, total = 0, neg = 0, none = 0, pos = 0;
    std::vector<std::array<long long, 10>> ini(areas), rec(areas);
    for (auto& r : ini) r.fill(0);
    for (auto& r : rec) r.fill(0);
    std::vector<Num> low_first(areas), low_last(areas);
    std::vector<long long> low_n(areas, 0);
    for (const auto& fam : star.families) {
        ++users;
        total += static_cast<long long>(fam.stars.size());
        if (!fam.stars.empty()) ++first;
        if (fam.stars.size() >= 3) ++twice;
        if (fam.stars.size() < 2) continue;
        ++once;
        const auto& a = fam.stars.front();
        const auto& b = fam.stars.back();
        Num change;
        for (size_t k = 0; k < areas && k < a.size() && k < b.size(); ++k) {
            const int s0 = score_of(a[k]), s1 = score_of(b[k]);
            if (s0 == 0 || s1 == 0) continue;
            ++ini[k][static_cast<size_t>(s0 - 1)];
            ++rec[k][static_cast<size_t>(s1 - 1)];
            change += Num(s1 - s0);
            if (s0 < 7) { ++low_n[k]; low_first[k] += Num(s0); low_last[k] += Num(s1); }
        }
        // A family's overall change is its mean change across the areas; within a
        // quarter of a point either way counts as no change, as the providers report it.
        const Num mean_change = change / Num(static_cast<long long>(areas));
        if (mean_change < Num::ratio(-1, 4)) ++neg;
        else if (mean_change > Num::ratio(1, 4)) ++pos;
        else ++none;
    }
    f.service_users = users;
    f.first_stars = first;
    f.reviewed_once = once;
    f.reviewed_twice = twice;
    f.stars_total = total;
    f.change_negative = neg;
    f.change_none = none;
    f.change_positive = pos;
    f.initial = summarise(ini, star.stages);
    f.recent = summarise(rec, star.stages);
    for (size_t k = 0; k < areas; ++k) {
        StarMeansRow all{f.initial->totals[k], true, {f.initial->mean[k], true}, {f.recent->mean[k], true}, {}};
        if (all.initial.value && all.final.value) all.progress = *all.final.value - *all.initial.value;
        f.means.push_back(all);
        StarMeansRow low{low_n[k], true, {mean_of(low_first[k], low_n[k]), true}, {mean_of(low_last[k], low_n[k]), true}, {}};
        if (low.initial.value && low.final.value) low.progress = *low.final.value - *low.initial.value;
        f.below_seven.push_back(low);
    }
    return f;
}

std::vector<std::array<long long, 10>> grid_of(const PublishedDistribution& d) {
    std::vector<std::array<long long, 10>> g;
    for (const auto& row : d.scores) {
        std::array<long long, 10> a{};
        for (size_t s = 0; s < 10 && s < row.size(); ++s) a[s] = row[s].value;
        g.push_back(a);
    }
    return g;
}

// A mean is derived from a distribution when the table says how many families it
// covers and that is exactly the distribution's population for the area.
MeanFigure mean_from(const std::optional<StarDistribution>& d, size_t area, std::optional<long long> families,
                     const std::vector<Stated>& stated, bool below_seven) {
    if (d && families && area < d->totals.size() && d->totals[area] == *families) {
        const auto& m = below_seven ? d->below_seven_mean[area] : d->mean[area];
        return {m, true};
    }
    if (area < stated.size() && stated[area].decimals >= 0) return {stated[area].value, false};
    return {};
}

StarFigures from_published(const OutcomeStar& star, StarFigures f) {
    const PublishedStar& p = *star.published;
    const size_t areas = star.areas.size();
    auto count = [](const std::optional<CountPct>& c) -> std::optional<long long> {
        return c ? std::optional<long long>(c->count.value) : std::nullopt;
    };
    f.service_users = count(p.service_users);
    f.first_stars = count(p.first_stars);
    f.reviewed_once = count(p.reviewed_once);
    f.reviewed_twice = count(p.reviewed_twice);
    if (p.stars_total) f.stars_total = p.stars_total->value;
    f.change_negative = count(p.change_negative);
    f.change_none = count(p.change_none);
    f.change_positive = count(p.change_positive);
    if (p.initial && p.initial->scores.size() == areas) f.initial = summarise(grid_of(*p.initial), star.stages);
    if (p.recent && p.recent->scores.size() == areas) f.recent = summarise(grid_of(*p.recent), star.stages);
    if (p.means) {
        std::optional<long long> fam;
        if (p.means->families) fam = p.means->families->value;
        for (size_t k = 0; k < areas; ++k) {
            StarMeansRow r;
            r.families = fam.value_or(0);
            r.initial = mean_from(f.initial, k, fam, p.means->initial, false);
            r.final = mean_from(f.recent, k, fam, p.means->final, false);
            if (r.initial.value && r.final.value) r.progress = *r.final.value - *r.initial.value;
            f.means.push_back(r);
        }
    }
    if (p.below_seven) {
        const auto& b = *p.below_seven;
        std::optional<long long> fam;
        if (b.families) fam = b.families->value;
        for (size_t k = 0; k < areas; ++k) {
            StarMeansRow r;
            const bool same_population = f.initial && fam && f.initial->totals[k] == *fam;
            r.families = same_population ? f.initial->below_seven[k] : (k < b.counts.size() ? b.counts[k].value : 0);
            r.families_derived = same_population;
            if (r.families > 0) {
                r.initial = mean_from(f.initial, k, fam, b.initial, true);
                // The latest readings of exactly these families are not in an aggregate table.
                if (k < b.final.size() && b.final[k].decimals >= 0) r.final = {b.final[k].value, false};
                if (r.initial.value && r.final.value) r.progress = *r.final.value - *r.initial.value;
            }
            f.below_seven.push_back(r);
        }
    }
    return f;
}

}  // namespace

StarFigures compute_star(const OutcomeStar& star) {
    StarFigures f;
    for (const auto& a : star.areas) f.areas.push_back(a.value);
    for (const auto& s : star.stages) f.stage_labels.push_back(s.label.value);
    if (!star.families.empty()) return from_readings(star, f);
    if (star.published) return from_published(star, f);
    return f;
}

}  // namespace bp
