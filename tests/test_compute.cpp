// Every computation checked against the figures the seeds print.
#include <catch2/catch.hpp>

#include "compute/figures.hpp"
#include "core/format.hpp"
#include "load/load_programme.hpp"
#include "support.hpp"

using bp::Num;

namespace {

const bp::Programme& bundled() {
    static const bp::Programme prog = [] {
        bp::Diagnostics d;
        auto p = bp::load::load_programme(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml", d);
        REQUIRE_FALSE(d.has_errors());
        return p;
    }();
    return prog;
}

std::vector<Num> nums(std::initializer_list<long long> xs) {
    std::vector<Num> v;
    for (auto x : xs) v.push_back(Num(x));
    return v;
}

size_t pilot_index(const bp::Programme& p, const std::string& id) {
    for (size_t i = 0; i < p.pilots.size(); ++i)
        if (p.pilots[i].id.value == id) return i;
    FAIL("no pilot " << id);
    return 0;
}

}  // namespace

TEST_CASE("seed 002 Table 1: group totals, investment, savings and return on investment", "[compute][mtfs]") {
    const auto f = bp::compute(bundled());
    REQUIRE(f.mtfs);
    CHECK(f.mtfs->group_totals[0] == nums({632, 2530, 590, 590, 590, 590, 590}));
    CHECK(f.mtfs->group_totals[1] == nums({298, 40, 835, 833, 15, 0, 0}));
    CHECK(f.mtfs->investment_total == nums({930, 2570, 1425, 1423, 605, 590, 590}));
    CHECK(f.mtfs->savings_total == nums({-739, -9688, -16199, -22254, -26843, -30508, -33483}));
    // The paper prints 190 for 2019/20; its components give 930 - 739 = 191.
    CHECK(f.mtfs->roi == nums({191, -7118, -14774, -20831, -26238, -29918, -32893}));
    // "the required investment of £8.1m" (recommendation a).
    CHECK(f.mtfs->investment_sum == Num(8133));
    CHECK(bp::fmt_money_m(f.mtfs->investment_sum / Num(1000), 1) == "£8.1m");
}

TEST_CASE("seed 002 Table 3: MTFS position and break-even year", "[compute][mtfs]") {
    const auto& p = bundled();
    const auto f = bp::compute(p);
    CHECK(f.mtfs->position == nums({5106, 11197, 5972, 1968, -1315, -2834, -3453}));
    REQUIRE(f.mtfs->break_even);
    // "Break-even in 2023, after 4 years"; paragraph 34: "the breakeven point at 2023/24".
    CHECK(p.mtfs->years[*f.mtfs->break_even].label() == "2023/24");
    CHECK(*f.mtfs->break_even == 4);
    // Minutes of 7 November 2019: "an improved position of £3.453m" and "a non-cashable
    // saving of £15.611m from growth avoidance"; paragraph 36: "£15.6m".
    CHECK(f.mtfs->position.back() == Num(-3453));
    CHECK(f.mtfs->non_cashable_savings.back() == Num(-15611));
    CHECK(bp::fmt_money_m(Num(15611) / Num(1000), 1) == "£15.6m");
}

TEST_CASE("a position that dips below zero and rises again has not broken even", "[compute][mtfs]") {
    bp::Mtfs m;
    for (int y = 2019; y < 2023; ++y) m.years.push_back(bp::FinancialYear{y, {}});
    bp::YearLine line;
    for (long long v : {10, -5, 3, -1}) line.values.push_back(bp::Stated{Num(v), 0, {}});
    m.position_lines.push_back(line);
    const auto f = bp::compute_mtfs(m);
    REQUIRE(f.break_even);
    CHECK(*f.break_even == 3);
}

TEST_CASE("seed 002 Table 2 and paragraph 32", "[compute][mtfs]") {
    const auto f = bp::compute(bundled());
    REQUIRE(f.outstanding);
    CHECK(f.outstanding->total[0] == Num::ratio(-50, 1000));
    CHECK(f.outstanding->total[1] == Num::ratio(-463, 1000));
    CHECK(f.outstanding->total[4] == Num::ratio(-913, 1000));
    // "effectively reduces the £10.916m underlying overspend to £4.865m"
    CHECK(f.differences[0] == Num::ratio(4865, 1000));
}

TEST_CASE("seed 000 BRFC: the 60% conversion rate is over the original target", "[compute][brfc]") {
    const auto f = bp::compute(bundled());
    REQUIRE(f.brfc);
    CHECK(bp::fmt_percent(f.brfc->conversion_pct, 0) == "60%");
    CHECK(bp::fmt_percent(f.brfc->conversion_pct, 1) == "59.7%");
    CHECK(bp::fmt_percent(f.brfc->closures_of_attached_pct, 1) == "46.2%");
    CHECK(f.brfc->above_target == 6049 - 4680);
}

TEST_CASE("seed 003 Cannock: stages, percentages and means from the published distributions", "[compute][star]") {
    const auto& p = bundled();
    const auto f = bp::compute(p);
    const auto& s = *f.pilots[pilot_index(p, "cannock")].star;
    REQUIRE(s.initial);
    // Physical health, first Stars: 1 Stuck, 0, 4 Trying, 0, 3 Effective: 13% 0% 50% 0% 38%.
    CHECK(s.initial->stages[0] == std::vector<long long>{1, 0, 4, 0, 3});
    std::vector<std::string> pct;
    for (const auto& v : s.initial->stage_pct[0]) pct.push_back(bp::fmt_percent(v, 0));
    CHECK(pct == std::vector<std::string>{"13%", "0%", "50%", "0%", "38%"});
    // Means over the 8 families, as Appendix A prints them to one place.
    CHECK(bp::fmt_fixed(*s.means[4].initial.value, 1) == "5.9");   // social networks, 47/8
    CHECK(bp::fmt_fixed(*s.means[4].final.value, 1) == "8.1");     // 65/8
    // Printed 2.3: the progress is taken from the exact means (2.25), not 8.1 - 5.9.
    CHECK(bp::fmt_fixed(*s.means[4].progress, 1) == "2.3");
    CHECK(bp::fmt_fixed(*s.means[3].initial.value, 1) == "8.8");   // keeping children safe, 8.75
    // Families starting below 7, and their initial means, from the same distribution.
    std::vector<long long> below;
    for (const auto& r : s.below_seven) below.push_back(r.families);
    CHECK(below == std::vector<long long>{5, 6, 7, 2, 6, 3, 5, 4, 0, 4});
    CHECK(bp::fmt_fixed(*s.below_seven[1].initial.value, 2) == "3.83");
    CHECK(bp::fmt_fixed(*s.below_seven[2].initial.value, 2) == "5.29");
    CHECK_FALSE(s.below_seven[8].initial.value);  // home and money: no family below 7
    // "17 of the 23 ... (75%)": it is 73.9%.
    CHECK(bp::fmt_percent(Num(*s.change_positive) * Num(100) / Num(s.change_total()), 1) == "73.9%");
}

TEST_CASE("seed 003 Tamworth: referral changes", "[compute][pilot]") {
    const auto& p = bundled();
    const auto f = bp::compute(p);
    const auto& r = f.pilots[pilot_index(p, "tamworth")].referrals;
    REQUIRE(r.size() == 2);
    CHECK(bp::fmt_percent(r[0].change_pct, 0) == "-82%");  // 11 to 2
    CHECK(bp::fmt_percent(r[1].change_pct, 0) == "-65%");  // 23 to 8
}

TEST_CASE("per-family readings give every Star figure", "[compute][star]") {
    bp::OutcomeStar star;
    for (int i = 1; i <= 10; ++i) star.areas.push_back(bp::Text{"A" + std::to_string(i), {}});
    star.stages = {{{"Stuck", {}}, 1, 2, {}}, {{"Accepting help", {}}, 3, 4, {}}, {{"Trying", {}}, 5, 6, {}},
                   {{"Learning what works", {}}, 7, 8, {}}, {{"Effective parenting", {}}, 9, 10, {}}};
    auto reading = [](std::initializer_list<int> xs) {
        std::vector<bp::Stated> v;
        for (int x : xs) v.push_back(bp::Stated{Num(x), 0, {}});
        return v;
    };
    bp::FamilyReadings a{{"F1", {}}, {reading({2, 2, 2, 2, 2, 2, 2, 2, 2, 2}), reading({6, 6, 6, 6, 6, 6, 6, 6, 6, 6})}, {}};
    bp::FamilyReadings b{{"F2", {}}, {reading({8, 8, 8, 8, 8, 8, 8, 8, 8, 8}), reading({7, 8, 8, 8, 8, 8, 8, 8, 8, 8}),
                                      reading({8, 8, 8, 8, 8, 8, 8, 8, 8, 8})}, {}};
    bp::FamilyReadings c{{"F3", {}}, {reading({5, 5, 5, 5, 5, 5, 5, 5, 5, 5})}, {}};  // no review yet
    bp::FamilyReadings e{{"F4", {}}, {reading({9, 9, 9, 9, 9, 9, 9, 9, 9, 9}), reading({5, 5, 5, 5, 5, 5, 5, 5, 5, 5})}, {}};
    star.families = {a, b, c, e};
    const auto f = bp::compute_star(star);
    CHECK(*f.service_users == 4);
    CHECK(*f.first_stars == 4);
    CHECK(*f.reviewed_once == 3);
    CHECK(*f.reviewed_twice == 1);
    CHECK(*f.stars_total == 8);
    // Change per family: +4 (positive), 0 (no change), -4 (negative).
    CHECK(*f.change_positive == 1);
    CHECK(*f.change_none == 1);
    CHECK(*f.change_negative == 1);
    // First Stars of the reviewed families: 2, 8, 9 -> Stuck 1, Learning 1, Effective 1.
    CHECK(f.initial->stages[0] == std::vector<long long>{1, 0, 0, 1, 1});
    CHECK(f.recent->stages[0] == std::vector<long long>{0, 0, 2, 1, 0});
    CHECK(*f.means[0].initial.value == Num::ratio(19, 3));
    CHECK(*f.means[0].final.value == Num::ratio(19, 3));  // latest: 6, 8, 5
    CHECK(*f.means[0].progress == Num(0));
    // Below seven: only F1 (2 -> 6).
    CHECK(f.below_seven[0].families == 1);
    CHECK(*f.below_seven[0].progress == Num(4));
}

TEST_CASE("cohort: planned reduction from the latest actual to the final target", "[compute][cohort]") {
    const auto f = bp::compute(bundled());
    REQUIRE(f.cohorts.size() == 1);
    CHECK(*f.cohorts[0].planned_reduction == Num(1248 - 829));
}
