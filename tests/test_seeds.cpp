// The seed tables, transcribed exactly as the council printed them, run through
// validation: every place the printed figures do not add up must be reported.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {
bp::Diagnostics seed(const std::string& name) {
    return check_report(std::string(BOARDPACK_SOURCE_DIR) + "/tests/seeds/" + name + ".report.yaml");
}
}  // namespace

TEST_CASE("seed 000: the BRFC conversion rate of 60% is not over the families attached", "[seeds]") {
    const auto d = seed("seed000");
    INFO(listing(d));
    CHECK(d.error_count() == 1);
    CHECK(has(d, "seed000_brfc.yaml", 14, 13, Severity::error,
              "stated 60% but 2,796 closures over the 6,049 families attached is 46.2%"));
    CHECK(has(d, "seed000_brfc.yaml", 14, 13, Severity::error, "it matches the rate over the original target (59.7%)"));
}

TEST_CASE("seed 002: Table 1's return on investment for 2019/20 is 191, not 190", "[seeds]") {
    const auto d = seed("seed002");
    INFO(listing(d));
    CHECK(d.error_count() == 0);
    CHECK(d.warning_count() == 2);
    CHECK(has(d, "seed002_finance.yaml", 40, 14, Severity::warning,
              "'Return on Investment: (Surplus)/Deficit', 2019/20: stated 190 £'000s differs from the computed 191"));
    // Table 3 carries the same pound into its 2019/20 position.
    CHECK(has(d, "seed002_finance.yaml", 43, 14, Severity::warning, "stated 5,105 £'000s differs from the computed 5,106"));
}

TEST_CASE("seed 003: the pilot appendices' percentages and means", "[seeds]") {
    const auto d = seed("seed003");
    INFO(listing(d));
    const std::string f = "seed003_pilots.yaml";
    // Cannock: "17 of the 23 families (75%)" is 73.9%; 6 of 23 is 26.1%, not 25.0%.
    CHECK(has(d, f, 51, 41, Severity::error, "pilot 'cannock' positive change: stated 75.0% but 17 of 23 is 73.9%"));
    CHECK(has(d, f, 50, 41, Severity::error, "pilot 'cannock' no change: stated 25.0% but 6 of 23 is 26.1%"));
    // Cannock: a table headed "first Stars" counts 23 Stars where 11 first Stars were done.
    CHECK(has(d, f, 44, 13, Severity::error, "counts 23 Stars, but 11 first Stars were completed"));
    // Cannock means: rounded to one place, printed with two.
    CHECK(has(d, f, 123, 21, Severity::warning, "stated 6.60 for 6.625, rounded to 1 decimal place but printed with 2"));
    // South Staffs change table: 11 and 49 of 71.
    CHECK(has(d, f, 169, 41, Severity::error, "negative change: stated 16.0% but 11 of 71 is 15.5%"));
    CHECK(has(d, f, 171, 41, Severity::error, "positive change: stated 68.0% but 49 of 71 is 69.0%"));
    // South Staffs latest Stars: social networks covers 4 families, its percentages are of 26.
    CHECK(has(d, f, 213, 16, Severity::warning, "'Social networks' (pilot 'south-staffs' latest Stars) covers 4 families but the other areas cover 26"));
    CHECK(has(d, f, 235, 28, Severity::error, "stated 8% but 2 of 4 is 50.0%"));
    // South Staffs means that the latest-Star distribution does not give.
    CHECK(has(d, f, 244, 24, Severity::error, "'Your well-being' (pilot 'south-staffs' means) final mean: stated 8.6 but the computed value is 8.69"));
    CHECK(d.error_count() == 15);  // 12 in the appendices' tables, 3 in the prose (below)
    // Issue 14's audit. Granularity: means of a handful of whole scores that no k/n gives.
    CHECK(has(d, f, 249, 51, Severity::warning,
              "'Education and learning' (pilot 'south-staffs' starting below 7) initial mean: 4.90 cannot be a mean of 7 whole scores "
              "(33/7 prints 4.71, 34/7 prints 4.86, 35/7 prints 5.00)"));
    CHECK(has(d, f, 249, 57, Severity::warning, "'Boundaries and behaviour' (pilot 'south-staffs' starting below 7) initial mean: 5.50 cannot be a mean of 11"));
    CHECK(has(d, f, 250, 49, Severity::warning, "'Education and learning' (pilot 'south-staffs' starting below 7) final mean: 7.10 cannot be a mean of 7"));
    // Populations: change tables that count more changes than there were reviewed Stars,
    // and means over 26 families beside distributions that cover 40 (or 4).
    CHECK(has(d, f, 52, 25, Severity::warning, "pilot 'cannock': the change table counts 23 changes, but only 12 reviewed Stars "
                                               "were completed (23 Stars, 11 of them first Stars); a change needs a reviewed Star"));
    CHECK(has(d, f, 172, 25, Severity::warning, "pilot 'south-staffs': the change table counts 71 changes, but only 31 reviewed Stars"));
    CHECK(has(d, f, 242, 21, Severity::warning, "pilot 'south-staffs' means are over 26 families, but the first-Star distribution "
                                                "covers 40 in every area: its means are not taken over the distribution printed"));
    CHECK(has(d, f, 244, 37, Severity::warning, "'Social networks' (pilot 'south-staffs' means): a mean over 26 families, but the "
                                                "latest-Star distribution covers 4 in this area"));
    // Visible arithmetic: Cannock's progress column against its printed means.
    CHECK(has(d, f, 5, 5, Severity::warning, "table 'pilot.cannock.means', row 'a2', column 'progress' prints 2.38 (from exact values), "
                                             "but the figures it is derived from, as printed, give 2.37"));
    CHECK(has(d, f, 5, 5, Severity::warning, "table 'pilot.cannock.means', row 'a7', column 'progress' prints 2.13"));
}

TEST_CASE("seed 003: the Tamworth appendix and the figures the prose prints", "[seeds]") {
    const auto d = seed("seed003");
    INFO(listing(d));
    const std::string f = "seed003_pilots.yaml";
    // Paragraph 10 repeats Cannock's 75% in the prose; paragraph 31's 33% is 37.2%.
    CHECK(has(d, f, 334, 12, Severity::error, "stated 75% but pilot.cannock.change.positive.number (17) over "
                                              "pilot.cannock.change.total.number (23) is 73.9%"));
    CHECK(has(d, f, 336, 12, Severity::error, "This equates to 33% of the total 478\"): stated 33% but fact.spark_under5s_brfc (178) "
                                              "over fact.spark_under5s_all (478) is 37.2% (4.2 percentage points lower)"));
    // Appendix C: "the greatest number of families (10)" was in Education and Learning,
    // where its table says 20; and a final mean of 4.5 over 5 families.
    CHECK(has(d, f, 346, 69, Severity::error, "the claim's figure for 'education' in 'tamworth_below_seven.families'"));
    CHECK(has(d, f, 346, 69, Severity::error, "stated 10 but the computed value is 20"));
    CHECK(has(d, f, 322, 67, Severity::warning, "table 'tamworth_below_seven', row 'work', column 'final': 4.5 cannot be a mean of 5 "
                                                "whole numbers (22/5 prints 4.4, 23/5 prints 4.6, 24/5 prints 4.8)"));
    // Everything else in Appendix C holds: its other rates, superlatives, sums by
    // quarter and progress column, and no count above the population it is drawn from.
    size_t tamworth = 0;
    for (const auto& x : d.items())
        if (x.pos.line >= 255) ++tamworth;
    CHECK(tamworth == 4);
}

TEST_CASE("the bundled example validates with no diagnostic but the seed's own page arithmetic", "[seeds]") {
    const auto d = check_report(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml");
    INFO(listing(d));
    CHECK(d.error_count() == 0);
    // What the audit finds in the seed figures it reproduces (docs/seeds.md): Cannock's
    // progress column against its printed means, four Star means of a few families that
    // no k/n gives, two change tables and South Staffs' means beside their distribution.
    size_t page = 0, granularity = 0, changes = 0, coverage = 0;
    for (const auto& x : d.items()) {
        CHECK(explained_example_warning(x.message));
        if (x.message.find("the page will not add up: table 'pilot.cannock.means'") == 0) ++page;
        else if (x.message.find("cannot be a mean of") != std::string::npos) ++granularity;
        else if (x.message.find("a change needs a reviewed Star") != std::string::npos) ++changes;
        else if (x.message.find("not taken over the distribution printed") != std::string::npos) ++coverage;
    }
    CHECK(page == 2);
    CHECK(granularity == 4);
    CHECK(changes == 2);   // Cannock's and South Staffs' change tables
    CHECK(coverage == 1);  // South Staffs' means beside its first-Star distribution
}
