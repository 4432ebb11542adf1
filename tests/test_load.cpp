// Schema rules: every problem reported once, at its file:line:col.
#include <catch2/catch.hpp>

#include "load/load_programme.hpp"
#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {
// A minimal BRFC part; tests change one line of it.
const std::string kBrfc =
    "brfc:\n"
    "  families_attached: 6049\n"
    "  original_target: 4680\n"
    "  successful_closures: 2796\n"
    "  conversion:\n"
    "    base: original_target\n";
}  // namespace

TEST_CASE("a valid minimal report has no diagnostics", "[load]") {
    Scratch s;
    const auto d = check_data(s, kBrfc);
    INFO(listing(d));
    CHECK(d.items().empty());
}

TEST_CASE("unknown key is reported at the key, with a suggestion", "[load]") {
    Scratch s;
    const auto d = check_data(s, "brfc:\n  familes_attached: 6049\n  original_target: 4680\n  successful_closures: 2796\n"
                                 "  conversion:\n    base: original_target\n");
    INFO(listing(d));
    CHECK(has(d, "data.yaml", 2, 3, Severity::error, "unknown key 'familes_attached' in brfc; did you mean 'families_attached'?"));
    CHECK(has(d, "data.yaml", 2, 3, Severity::error, "missing required key 'families_attached'"));
}

TEST_CASE("wrong types are reported at the value", "[load]") {
    Scratch s;
    auto d = check_data(s, "brfc:\n  families_attached: many\n  original_target: 4680\n  successful_closures: 2796\n"
                           "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 22, Severity::error, "'families_attached' must be a decimal number, got 'many'"));
    d = check_data(s, "brfc:\n  families_attached: \"6049\"\n  original_target: 4680\n  successful_closures: 2796\n"
                      "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 22, Severity::error, "must be a number, not quoted text \"6049\""));
    d = check_data(s, "brfc:\n  families_attached: 6,049\n  original_target: 4680\n  successful_closures: 2796\n"
                      "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 22, Severity::error, "without thousands separators"));
    d = check_data(s, "brfc:\n  families_attached: 06049\n  original_target: 4680\n  successful_closures: 2796\n"
                      "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 22, Severity::error, "a leading zero is not allowed"));
    d = check_data(s, "brfc:\n  families_attached: 6049.5\n  original_target: 4680\n  successful_closures: 2796\n"
                      "  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 22, Severity::error, "must be a whole number of at least 0"));
    d = check_data(s, kBrfc + "    stated: 60\n");
    CHECK(has(d, "data.yaml", 7, 13, Severity::error, "'stated' must be a percentage such as 60% or 73.9%, got '60'"));
    d = check_data(s, kBrfc + "    target_date: 31/03/2020\n");
    CHECK(has(d, "data.yaml", 7, 18, Severity::error, "must be a date written YYYY-MM-DD"));
    d = check_data(s, kBrfc + "    target_date: 2019-02-29\n");
    CHECK(has(d, "data.yaml", 7, 18, Severity::error, "2019-02-29 is not a date in the calendar"));
    d = check_data(s, kBrfc.substr(0, kBrfc.size() - 26) + "    base: target\n");
    CHECK(has(d, "data.yaml", 6, 11, Severity::error, "must be one of families_attached, original_target, successful_closures"));
}

TEST_CASE("missing required keys are reported at their mapping", "[load]") {
    Scratch s;
    const auto d = check_data(s, "brfc:\n  families_attached: 6049\n  successful_closures: 2796\n  conversion:\n    base: original_target\n");
    CHECK(has(d, "data.yaml", 2, 3, Severity::error, "missing required key 'original_target' in brfc"));
}

TEST_CASE("duplicate keys are errors, naming the first", "[load]") {
    Scratch s;
    const auto d = check_data(s, kBrfc + "  families_attached: 6050\n");
    CHECK(has(d, "data.yaml", 7, 3, Severity::error, "duplicate key 'families_attached' (first given on line 2)"));
}

TEST_CASE("financial years must be consecutive and well formed", "[load][mtfs]") {
    Scratch s;
    const std::string head = "outstanding_savings:\n  title: T\n  unit: £m\n";
    auto d = check_data(s, head + "  years: [2019/20, 2021/22]\n  lines: []\n");
    INFO(listing(d));
    CHECK(has(d, "data.yaml", 4, 20, Severity::error, "financial years are not consecutive: 2021/22 follows 2019/20 (expected 2020/21)"));
    d = check_data(s, head + "  years: [2019/21]\n  lines: []\n");
    CHECK(has(d, "data.yaml", 4, 11, Severity::error, "'2019/21' is not a financial year: 2019 is followed by /20"));
}

TEST_CASE("a row whose length does not match the columns is reported", "[load][mtfs]") {
    Scratch s;
    const auto d = check_data(s, "outstanding_savings:\n  title: T\n  unit: £m\n  years: [2019/20, 2020/21, 2021/22]\n"
                                 "  lines:\n    - {label: A, values: [1, 2]}\n");
    CHECK(has(d, "data.yaml", 6, 26, Severity::error, "'values' has 2 values but there are 3 financial years (2019/20 to 2021/22)"));
}

TEST_CASE("YAML syntax errors carry the parser's position", "[load]") {
    Scratch s;
    const auto d = check_data(s, "brfc:\n  families_attached: [1, 2\n");
    REQUIRE(d.error_count() == 1);
    CHECK(d.items()[0].pos.line >= 2);
    CHECK(d.items()[0].message.find("YAML syntax") != std::string::npos);
}

TEST_CASE("a data file that does not exist is reported at its name in the spec", "[load]") {
    Scratch s;
    const auto d = check_report(s.write("report.yaml", report_yaml("[nosuch.yaml]")));
    CHECK(has(d, "report.yaml", 8, 8, Severity::error, "data file 'nosuch.yaml' does not exist"));
}

TEST_CASE("a part given in two data files is reported", "[load]") {
    Scratch s;
    s.write("a.yaml", kBrfc);
    s.write("b.yaml", kBrfc);
    const auto d = check_report(s.write("report.yaml", report_yaml("[a.yaml, b.yaml]")));
    CHECK(has(d, "b.yaml", 1, 1, Severity::error, "'brfc' is already given in"));
}

TEST_CASE("unknown keys in the report spec are caught too", "[load][spec]") {
    Scratch s;
    s.write("data.yaml", kBrfc);
    const auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "titel: oops\n")));
    CHECK(has(d, "report.yaml", 9, 1, Severity::error, "unknown key 'titel' in report; did you mean 'title'?"));
}

TEST_CASE("a spec read twice gives the same spec and diagnostics; a changed spec is read anew", "[load]") {
    // load_spec keeps the last spec it parsed, by path and bytes (a batch worker reads
    // each spec twice); what it returns must not depend on that.
    Scratch s;
    const std::string path = s.write("report.yaml", report_yaml("[data.yaml]", "tittle: a typo\n"));
    bp::Diagnostics first, second;
    const auto a = bp::load::load_spec(path, first);
    const auto b = bp::load::load_spec(path, second);
    CHECK(a.spec.title.value == "A test report");
    CHECK(b.spec.title.value == a.spec.title.value);
    CHECK(listing(first) == listing(second));
    INFO(listing(second));
    CHECK(has(second, "report.yaml", 9, 1, Severity::error, "unknown key 'tittle'"));
    // Same path, new bytes: the new spec, and none of the old diagnostics.
    std::string text = report_yaml("[data.yaml]");
    text.replace(text.find("A test report"), 13, "Another title");
    s.write("report.yaml", text);
    bp::Diagnostics third;
    const auto c = bp::load::load_spec(path, third);
    CHECK(c.spec.title.value == "Another title");
    CHECK(third.error_count() == 0);
}
