// Business rules and the arithmetic of every stated figure.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {

// Line numbers matter: tests point at lines of this text.
std::string mtfs(const std::string& group_stated, const std::string& break_even = "2020/21",
                 const std::string& saving = "-3") {
    return "mtfs:\n"                                        // 1
           "  unit: \"£'000s\"\n"                            // 2
           "  years: [2019/20, 2020/21]\n"                   // 3
           "  investment:\n"                                 // 4
           "    label: Investment Total\n"                   // 5
           "    groups:\n"                                   // 6
           "      - name: G\n"                               // 7
           "        total_label: G Total\n"                  // 8
           "        stated_total: [" + group_stated + ", 20]\n"  // 9
           "        lines:\n"                                // 10
           "          - {label: A, values: [10, 10]}\n"      // 11
           "          - {label: B, values: [5, 10]}\n"       // 12
           "  savings:\n"                                    // 13
           "    name: Savings\n"                             // 14
           "    total_label: Savings Total\n"                // 15
           "    lines:\n"                                    // 16
           "      - {label: S, values: [" + saving + ", -40]}\n"  // 17
           "  return_on_investment:\n"                       // 18
           "    label: ROI\n"                                // 19
           "    stated: [12, -20]\n"                         // 20
           "  position:\n"                                   // 21
           "    label: Position\n"                           // 22
           "    break_even: " + break_even + "\n"            // 23
           "    lines:\n"                                    // 24
           "      - {label: Growth, values: [5, 5]}\n";      // 25
}

const std::string kBrfcHead =
    "brfc:\n"                          // 1
    "  families_attached: 6049\n"      // 2
    "  original_target: 4680\n"        // 3
    "  successful_closures: 2796\n"    // 4
    "  conversion:\n";                 // 5

}  // namespace

TEST_CASE("totals that add up pass silently", "[validate][mtfs]") {
    Scratch s;
    const auto d = check_data(s, mtfs("15"));
    INFO(listing(d));
    CHECK(d.items().empty());
}

TEST_CASE("a stated total off by what rounding can explain is a warning that says so", "[validate][mtfs]") {
    Scratch s;
    const auto d = check_data(s, mtfs("16"));
    INFO(listing(d));
    CHECK(d.error_count() == 0);
    CHECK(has(d, "data.yaml", 9, 24, Severity::warning,
              "'G Total', 2019/20: stated 16 £'000s differs from the computed 15 £'000s by 1 £'000s; within the 1 £'000s "
              "that display rounding of its components can explain"));
}

TEST_CASE("a stated total off by more is an error that says by how much", "[validate][mtfs]") {
    Scratch s;
    const auto d = check_data(s, mtfs("25"));
    CHECK(has(d, "data.yaml", 9, 24, Severity::error, "'G Total', 2019/20: stated 25 £'000s but the computed value is 15 £'000s (10 £'000s higher)"));
}

TEST_CASE("a stated break-even year must be where the position stays at or below zero", "[validate][mtfs]") {
    Scratch s;
    const auto d = check_data(s, mtfs("15", "2019/20"));
    CHECK(has(d, "data.yaml", 23, 17, Severity::error,
              "stated break-even year 2019/20 but the MTFS position first stays at or below zero in 2020/21"));
}

TEST_CASE("a positive saving is questioned", "[validate][mtfs]") {
    Scratch s;
    const auto d = check_data(s, mtfs("15", "2020/21", "3"));
    CHECK(has(d, "data.yaml", 17, 29, Severity::warning, "savings line 'S' has a positive value"));
}

TEST_CASE("a stated percentage on the wrong base is an error that names the base that fits", "[validate][brfc]") {
    Scratch s;
    const auto d = check_data(s, kBrfcHead + "    base: families_attached\n    stated: 60%\n");
    CHECK(has(d, "data.yaml", 7, 13, Severity::error,
              "conversion rate: stated 60% but 2,796 closures over the 6,049 families attached is 46.2% "
              "(13.8 percentage points higher); it matches the rate over the original target (59.7%)"));
    const auto ok = check_data(s, kBrfcHead + "    base: original_target\n    stated: 60%\n");
    CHECK(ok.items().empty());
}

TEST_CASE("a percentage rounded the other way at a half is a warning", "[validate][rounding]") {
    Scratch s;
    const auto d = check_data(s, "brfc:\n  families_attached: 8\n  original_target: 8\n  successful_closures: 1\n"
                                 "  conversion:\n    base: families_attached\n    stated: 12%\n");
    CHECK(has(d, "data.yaml", 7, 13, Severity::warning, "stated 12% for 1 closures over the 8 families attached = 12.5%, rounded the other way"));
    CHECK(d.error_count() == 0);
}

TEST_CASE("counts that contradict each other are errors", "[validate][brfc]") {
    Scratch s;
    auto d = check_data(s, "brfc:\n  families_attached: 100\n  original_target: 80\n  successful_closures: 120\n"
                           "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 4, 24, Severity::error, "successful closures (120) exceed the families attached (100)"));
    d = check_data(s, "brfc:\n  families_attached: 100\n  original_target: 80\n  people: 90\n  successful_closures: 20\n"
                      "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 4, 11, Severity::error, "people (90) are fewer than the families (100)"));
}

namespace {
std::string pilot(const std::string& status_lines, const std::string& star_tail) {
    return "pilots:\n"                                           // 1
           "  - id: p1\n"                                        // 2
           "    district: Somewhere\n"                           // 3
           "    name: A pilot\n" +                               // 4
           status_lines +                                        // 5 (one line)
           "    outcome_star:\n"                                 // 6
           "      edition: Family Star Plus\n"                   // 7
           "      areas: [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10]\n"  // 8
           "      stages:\n"                                     // 9
           "        - {label: Stuck, scores: [1, 2]}\n"          // 10
           "        - {label: Accepting help, scores: [3, 4]}\n" // 11
           "        - {label: Trying, scores: [5, 6]}\n"         // 12
           "        - {label: Learning what works, scores: [7, 8]}\n"  // 13
           "        - {label: Effective parenting, scores: [9, 10]}\n" +  // 14
           star_tail;
}
}  // namespace

TEST_CASE("Star scores outside 1-10 are errors at the score", "[validate][star]") {
    Scratch s;
    const auto d = check_data(s, pilot("    status: running\n",
                                       "      families:\n"                                       // 15
                                       "        - family: F1\n"                                  // 16
                                       "          stars:\n"                                      // 17
                                       "            - [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"         // 18
                                       "            - [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n"));     // 19
    INFO(listing(d));
    CHECK(has(d, "data.yaml", 19, 44, Severity::error, "score 11 for 'A10' is outside the Star's 1-10 scale"));
}

TEST_CASE("a ceased pilot must say why", "[validate][pilot]") {
    Scratch s;
    const auto d = check_data(s, pilot("    status: ceased\n", ""));
    CHECK(has(d, "data.yaml", 5, 13, Severity::error, "pilot 'p1' has ceased but gives no 'ceased_reason'"));
}

TEST_CASE("Star stages must cover 1 to 10 once each", "[validate][star]") {
    Scratch s;
    std::string text = pilot("    status: running\n", "");
    text.replace(text.find("[3, 4]"), 6, "[4, 4]");
    const auto d = check_data(s, text);
    CHECK(has(d, "data.yaml", 11, 11, Severity::error, "stage 'Accepting help' covers 4-4 but the next score to cover is 3"));
}

TEST_CASE("published stage counts and percentages are checked against the score counts", "[validate][star]") {
    Scratch s;
    const std::string rows10 = [] {
        std::string r;
        for (int i = 0; i < 10; ++i) r += "            - [0, 1, 0, 0, 3, 1, 0, 0, 0, 3]\n";
        return r;
    }();
    std::string counts, pcts;
    for (int i = 0; i < 10; ++i) {
        counts += i == 2 ? "            - [1, 0, 4, 1, 3]\n" : "            - [1, 0, 4, 0, 3]\n";
        pcts += i == 3 ? "            - [13%, 0%, 50%, 0%, 37%]\n" : "            - [13%, 0%, 50%, 0%, 38%]\n";
    }
    const auto d = check_data(s, pilot("    status: running\n",
                                       "      published:\n"          // 15
                                       "        initial:\n"          // 16
                                       "          scores:\n" +       // 17
                                           rows10 +                  // 18-27
                                           "          stage_counts:\n" +  // 28
                                           counts +                  // 29-38
                                           "          stage_percents:\n" +  // 39
                                           pcts));                   // 40-49
    INFO(listing(d));
    CHECK(has(d, "data.yaml", 31, 25, Severity::error, "'A3' (pilot 'p1' first Stars) 'Learning what works': stated 1 but the score counts gives 0 (1 more)"));
    // 3 of 8 is 37.5%, which rounds half away from zero to 38%; 37% is a tie rounded down.
    CHECK(has(d, "data.yaml", 43, 34, Severity::warning, "stated 37% for 3 of 8 = 37.5%, rounded the other way at the half"));
}

TEST_CASE("a figure must have alternative text", "[validate][spec]") {
    Scratch s;
    s.write("data.yaml", "cohorts:\n  - id: lac\n    name: Looked after children\n    points:\n      - {date: 2019-09-30, actual: 1248}\n");
    const auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]",
        "figures:\n  - {id: f1, source: cohort.lac, caption: Numbers}\n")));
    CHECK(has(d, "report.yaml", 10, 5, Severity::error, "missing required key 'alt' in figure"));
}

TEST_CASE("a do-nothing range that runs backwards is an error", "[validate][cohort]") {
    Scratch s;
    const auto d = check_data(s, "cohorts:\n  - id: lac\n    name: LAC\n    points:\n      - {date: 2019-09-30, actual: 1248}\n"
                                 "    do_nothing: {by: 2026-03-31, low: 2281, high: 1490}\n");
    CHECK(has(d, "data.yaml", 6, 39, Severity::error, "the do-nothing range runs backwards"));
}
