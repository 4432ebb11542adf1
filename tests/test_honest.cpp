// Honest outputs: no wrong sentence with exit 0. A reference to something not placed,
// a helper given a figure in another unit, and a name whose direction the data
// contradict are errors at the template's file:line:col, never printed.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "support.hpp"

using namespace bp::test;
using bp::Severity;

TEST_CASE("a programme below its target never prints a figure 'above' it", "[honest]") {
    Example e;
    replace_in(e.file("brfc.yaml"), "families_attached: 6049", "families_attached: 4652");
    const auto [line, col] = e.where("templates/brfc.mustache", "{{brfc.above_target}}");
    const auto d = check_report(e.report);
    INFO(listing(d));
    CHECK(has(d, "templates/brfc.mustache", line, col, Severity::error,
              "'brfc.above_target' says how far the programme is above its original target, but it is 28 families below it"));
    SECTION("the words that hold either way print") {
        replace_in(e.file("templates/brfc.mustache"), "exceeding the original target of {{brfc.original_target}} families by {{brfc.above_target}}",
                   "{{brfc.target_difference}} families {{brfc.above_below_target}} the original target of {{brfc.original_target}}");
        const auto r = run_boardpack("build '" + e.report + "' --out '" + e.s.path("out") + "'");
        INFO(r.out);
        REQUIRE(r.status == 0);
        CHECK(capture("pdftotext '" + e.s.path("out/prog.pdf") + "' - | tr '\\n' ' '").find("28 families below the original target of 4,680") !=
              std::string::npos);
    }
}

TEST_CASE("a helper given a £m figure is an error, not £0", "[honest]") {
    Example e;
    replace_in(e.file("templates/benefits.mustache"), "{{mtfs.roi_final_exact}}", "{{#pounds}}{{raw.mtfs.roi_final_m}}{{/pounds}}");
    const auto [line, col] = e.where("templates/benefits.mustache", "{{raw.mtfs.roi_final_m}}");
    const auto d = check_report(e.report);
    INFO(listing(d));
    CHECK(has(d, "templates/benefits.mustache", line, col, Severity::error,
              "helper 'pounds' prints whole pounds, but 'raw.mtfs.roi_final_m' is in £m; use m1 or m3"));
}

TEST_CASE("a figure's data table that is never placed is an error, not 'Table 0'", "[honest]") {
    Example e;
    replace_in(e.file("templates/return_on_investment.mustache"), "@table finance\n", "");
    const auto data_table = e.where("report.yaml", "data_table: finance");
    const auto ref = e.where("templates/return_on_investment.mustache", "{{table.finance}}");
    const auto r = run_boardpack("build '" + e.report + "' --out '" + e.s.path("out") + "'");
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("report.yaml:" + std::to_string(data_table.first) + ":" + std::to_string(data_table.second + 12) +
                     ": error: figure 'investment-chart': its data_table 'finance' is never placed") != std::string::npos);
    CHECK(r.out.find("return_on_investment.mustache:" + std::to_string(ref.first) + ":" + std::to_string(ref.second) +
                     ": error: 'table.finance' refers to table 'finance', which the report declares but never places") != std::string::npos);
    CHECK(r.out.find("Table 0") == std::string::npos);
    CHECK_FALSE(fs::exists(e.s.path("out/prog.pdf")));
}

TEST_CASE("a name that states a direction is refused when the data point the other way", "[honest]") {
    Example e;
    // The example's final year is a surplus of £32.9m: its "surplus" name prints, a
    // "deficit" name is refused.
    SECTION("as written, with a surplus, it prints") {
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(d.error_count() == 0);
    }
    SECTION("the word that holds either way is offered") {
        replace_in(e.file("templates/return_on_investment.mustache"), "reaches a surplus of {{mtfs.roi_final_surplus_exact}}",
                   "reaches a {{mtfs.roi_final_word}} of {{mtfs.roi_final_exact}} (not a deficit of {{mtfs.roi_final_deficit_exact}})");
        const auto [line, col] = e.where("templates/return_on_investment.mustache", "{{mtfs.roi_final_deficit_exact}}");
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(has(d, "templates/return_on_investment.mustache", line, col, Severity::error,
                  "'mtfs.roi_final_deficit_exact' states a deficit, but the final year's figure is a surplus of £32.9m"));
        CHECK(d.error_count() == 1);
    }
}

TEST_CASE("a figure the source's prose printed is checked against the one computed", "[honest]") {
    SECTION("the bundled example agrees with the Select Committee minutes") {
        Example e;
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(d.error_count() == 0);
        // Its only warnings are the audit's findings in the seed's own figures (test_seeds.cpp).
        for (const auto& x : d.items()) CHECK(explained_example_warning(x.message));
    }
    SECTION("tagging the Workforce saving cashable (as the example once did) contradicts them") {
        Example e;
        replace_in(e.file("mtfs.yaml"), "{label: Workforce, values:", "{label: Workforce, nature: cashable, values:");
        const auto [line, col] = e.where("mtfs.yaml", "{left: fact.minutes_cashable_return");
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(has(d, "mtfs.yaml", line, col, Severity::error,
                  "the cashable return the minutes report: stated 17.072 £m but the computed value is 17.872 £m"));
    }
    SECTION("a raw name that is not a figure is an error at the check") {
        Example e;
        std::string text = slurp(e.file("mtfs.yaml"));
        text += "  - {left: fact.minutes_investment, right: raw.mtfs.investment_totl_m}\n"
                "  - {left: fact.minutes_investment, right: raw.brfc.target_date}\n";
        std::ofstream(e.file("mtfs.yaml"), std::ios::binary) << text;
        const auto typo = e.where("mtfs.yaml", "raw.mtfs.investment_totl_m");
        const auto date = e.where("mtfs.yaml", "raw.brfc.target_date");
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(has(d, "mtfs.yaml", typo.first, typo.second, Severity::error, "no figure named 'raw.mtfs.investment_totl_m'"));
        CHECK(has(d, "mtfs.yaml", date.first, date.second, Severity::error, "'raw.brfc.target_date' is a date, not a figure"));
    }
}

TEST_CASE("a 'planned reduction' is refused when the final target is above the latest actual", "[honest]") {
    Scratch s;
    auto spec = [&](int final_target) {
        s.write("data.yaml", "cohorts:\n  - id: lac\n    name: Looked after children\n    points:\n"
                             "      - {date: 2019-09-30, actual: 1248}\n      - {date: 2026-03-31, target: " +
                                 std::to_string(final_target) + "}\n");
        s.write("templates/body.mustache", "A planned reduction of {{cohort.lac.planned_reduction}} ({{cohort.lac.planned_reduction_pct}}).\n");
        return s.write("report.yaml", report_yaml("[data.yaml]", "sections: [{heading: S, template: body}]\n"));
    };
    const auto below = check_report(spec(829));
    INFO(listing(below));
    CHECK(below.error_count() == 0);
    const auto above = check_report(spec(1300));
    INFO(listing(above));
    CHECK(has(above, "templates/body.mustache", 1, 24, Severity::error,
              "'cohort.lac.planned_reduction' says the plan reduces the number, but the final target is 52 above the latest actual"));
    CHECK(has(above, "templates/body.mustache", 1, 58, Severity::error, "'cohort.lac.planned_reduction_pct' says the plan reduces"));
}

TEST_CASE("a cashable 'saving' that is a cost is refused where it prints", "[honest]") {
    Example e;
    std::string m = slurp(e.file("mtfs.yaml"));
    const auto cut = [&](const std::string& from, const std::string& to) {
        REQUIRE(m.find(from) != std::string::npos);
        m.replace(m.find(from), from.size(), to);
    };
    cut("{label: Placements, nature: cashable, values:", "{label: Placements, values:");
    cut("{label: Workforce, values: [0, 0, -200, -400, -600, -800, -800]}", "{label: Workforce, nature: cashable, values: [0, 0, 200, 400, 600, 800, 800]}");
    cut("    stated_total: [-739, -9688, -16199, -22254, -26843, -30508, -33483]\n", "");
    m = m.substr(0, m.find("checks:"));  // the minutes' figures no longer hold, by design
    std::ofstream(e.file("mtfs.yaml"), std::ios::binary) << m;
    const auto [line, col] = e.where("templates/return_on_investment.mustache", "{{mtfs.cashable_final_exact}}");
    const auto d = check_report(e.report);
    INFO(listing(d));
    CHECK(has(d, "templates/return_on_investment.mustache", line, col, Severity::error,
              "'mtfs.cashable_final_exact' states a saving, but the final year's figure is a cost of £0.8m"));
    CHECK(d.error_count() == 1);
}

TEST_CASE("the shared Star appendix speaks in each pilot's own words, not boardpack's", "[honest][shared]") {
    SECTION("each appendix prints its own pilot's stage labels, and never the tool's name") {
        Example e;
        Scratch out;
        bp::BuildOptions o;
        o.out_dir = out.path("out");
        o.templates_root = templates_root();
        const auto r = bp::run_report(e.report, o);
        INFO(listing(r.diags));
        REQUIRE(r.outputs.size() == 4);
        const std::string text = capture("pdftotext '" + out.path("out/" + r.id + ".pdf") + "' -");
        std::string flat;
        for (char c : text) flat += c == '\n' ? ' ' : c;
        CHECK(flat.find("7–8 Finding what works and 9–10 Effective Parenting") != std::string::npos);  // Cannock's and South Staffs'
        CHECK(flat.find("7–8 Learning what works and 9–10 Effective parenting") != std::string::npos);  // Tamworth's
        CHECK(flat.find("boardpack") == std::string::npos);
    }
    SECTION("an appendix whose 'about' names nothing is an error at its place") {
        Example e;
        replace_in(e.file("report.yaml"), "about: pilot.tamworth", "about: pilot.tamwort");
        const auto [line, col] = e.where("report.yaml", "pilot.tamwort\n");
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(has(d, "report.yaml", line, col, Severity::error, "'about: pilot.tamwort' names no group of figures (such as pilot.cannock)"));
    }
    SECTION("the shared template without an 'about' names what it is missing, at the template") {
        Example e;
        replace_in(e.file("report.yaml"), "    about: pilot.tamworth\n", "");
        const auto d = check_report(e.report);
        INFO(listing(d));
        CHECK(d.error_count() >= 1);
        bool named = false;
        for (const auto& x : d.items())
            named = named || (x.severity == Severity::error && x.message.find("about.star.edition") != std::string::npos &&
                              x.pos.file && x.pos.file->find("appendix_star.mustache") != std::string::npos);
        CHECK(named);
    }
}
