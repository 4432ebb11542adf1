// Declared tables: each derivation's value, the text the PDF prints and the formula the
// workbook writes with its cached value; stated figures and checks; every bad input at
// its file:line:col.
#include <catch2/catch.hpp>

#include <regex>

#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {

// A report whose one section places table `t` and (with a chart) figure `f`.
struct Rendered {
    bp::ReportResult res;
    std::string text;   // pdftotext -layout of the PDF
    std::string sheet;  // the table's worksheet XML (Cover, Contents, Notes, then Table 1)
};

Rendered render(const Scratch& s, const std::string& data, const std::string& spec_extra = "tables: [{id: t}]\n",
                const std::string& places = "@table t\n") {
    s.write("data.yaml", data);
    s.write("templates/body.mustache", "The table follows.\n\n" + places);
    const std::string spec = s.write(
        "report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\n" + spec_extra));
    bp::BuildOptions o;
    o.out_dir = s.path("out");
    o.templates_root = templates_root();
    Rendered r{bp::run_report(spec, o), "", ""};
    if (r.res.outputs.size() == 4) {
        r.text = capture("pdftotext -layout '" + s.path("out/" + r.res.id + ".pdf") + "' -");
        r.sheet = capture("unzip -p '" + s.path("out/" + r.res.id + ".xlsx") + "' xl/worksheets/sheet4.xml");
    }
    return r;
}

// Runs of spaces and line ends as one space: pdftotext's columns depend on widths.
std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n';
        if (!space || (!out.empty() && out.back() != ' ')) out += space ? ' ' : c;
    }
    return out;
}

// The workbook holds `formula` (without "=") with `cached` as its value.
bool has_formula(const std::string& sheet, const std::string& formula, const std::string& cached) {
    std::string f;
    for (char c : formula) f += c == '\'' ? std::string("&apos;") : std::string(1, c);
    // `cached` may be the leading digits of a long fraction.
    return sheet.find("<f>" + formula + "</f><v>" + cached) != std::string::npos ||
           sheet.find("<f>" + f + "</f><v>" + cached) != std::string::npos;
}

// A one-table data file: money by year, rows as given.
std::string money_table(const std::string& rows, const std::string& extra_columns = "") {
    return "tables:\n"
           "  - id: t\n"
           "    title: Test figures\n"
           "    unit: \"£\"\n"
           "    columns: [2023/24, 2024/25" + extra_columns + "]\n"
           "    rows:\n" + rows;
}

}  // namespace

TEST_CASE("each derivation: its value, the PDF's text and the workbook's formula with the value cached", "[tables][derive]") {
    struct Case {
        const char* name;
        std::string data;
        const char* row_text;  // the row as pdftotext -layout prints it
        const char* formula;   // in the workbook, without "="
        const char* cached;
    };
    const std::vector<Case> cases = {
        {"sum of listed rows",
         money_table("      - {id: a, label: Fees, values: [100, 150]}\n"
                     "      - {id: b, label: Results, values: [50, 30]}\n"
                     "      - {id: s, label: Both, total: true, sum: [a, b]}\n"),
         "Both                                                            150          180", "SUM(B5:B6)", "150"},
        {"sum of all body rows, skipping totals",
         money_table("      - {id: a, label: Fees, values: [100, 150]}\n"
                     "      - {id: sub, label: Sub, total: true, sum: [a]}\n"
                     "      - {id: b, label: Results, values: [50, 30]}\n"
                     "      - {id: s, label: Everything, total: true, sum: all}\n"),
         "Everything                                                      150          180", "B5+B7", "150"},
        {"a group with its subtotal",
         money_table("      - group: core\n"
                     "        label: Core funding\n"
                     "        rows:\n"
                     "          - {id: a, label: Fees, values: [100, 150]}\n"
                     "          - {id: b, label: Results, values: [50, 30]}\n"
                     "        subtotal: {id: core, label: Core total}\n"),
         "Core total                                                      150          180", "SUM(C5:C6)", "150"},
        {"difference",
         money_table("      - {id: a, label: Fees, values: [100, 150]}\n"
                     "      - {id: b, label: Results, values: [50, 30]}\n"
                     "      - {id: d, label: Net, difference: [b, a]}\n"),
         "Net                                                              (50)        (120)", "B6-B5", "-50"},
        {"product with a constant in pounds",
         "tables:\n  - id: t\n    title: T\n    unit: \"£\"\n    columns: [2024/25]\n    rows:\n"
         "      - {id: n, label: Families, unit: count, values: [12]}\n"
         "      - {id: cost, label: Cost, product: [n, {value: 4000, unit: \"£\"}]}\n",
         "Cost                                                                          48,000", "B5*4000", "48000"},
        {"product with a percentage",
         money_table("      - {id: a, label: Grant, values: [1000, 2000]}\n"
                     "      - {id: fee, label: Fees, product: [a, {value: 80, unit: \"%\"}]}\n"),
         "Fees                                                             800         1,600", "B5*0.8", "800"},
        {"ratio, shown as a percentage",
         money_table("      - {id: a, label: Spent, values: [50, 75]}\n"
                     "      - {id: b, label: Budget, values: [200, 300]}\n"
                     "      - {id: r, label: Spent of budget, unit: \"%\", decimals: 0, ratio: [a, b]}\n"),
         "Spent of budget                                                 25%          25%", "B5/B6", "0.25"},
        {"percentage of another row",
         "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: v, label: Value}]\n    rows:\n"
         "      - {id: done, label: Closed, values: [17]}\n"
         "      - {id: all, label: Attached, values: [23]}\n"
         "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n",
         "Rate                                                                               73.9%", "B4/B5",
         "0.739130434782"},
        {"percentage change from one year to the next",
         money_table("      - {id: a, label: Fees, values: [100, 150]}\n",
                     ", {id: change, label: Change, unit: \"%\", decimals: 0, change: [2023_24, 2024_25]}"),
         "Fees                                                         100         150        50%", "C5/B5-1", "0.5"},
        {"share of a column's total",
         "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: n, label: Families}, "
         "{id: share, label: Share, unit: \"%\", share: n}]\n    rows:\n"
         "      - {id: x, label: East, values: [30]}\n"
         "      - {id: y, label: West, values: [10]}\n",
         "East                                                                      30      75.0%", "B4/SUM(B4:B5)", "0.75"},
        {"running total across columns",
         "tables:\n  - id: t\n    title: T\n    unit: \"£m\"\n    columns: [2023/24, 2024/25, 2025/26]\n    rows:\n"
         "      - {id: s, label: Savings, values: [1.5, 2.0, 2.5]}\n"
         "      - {id: c, label: To date, running_total: s}\n",
         "To date                                                    1.5             3.5           6.0", "SUM(B5:D5)", "6"},
        {"carried forward: last year's closing figure",
         "tables:\n  - id: t\n    title: T\n    unit: \"£m\"\n    columns: [2024/25, 2025/26]\n    rows:\n"
         "      - {id: open, label: Brought forward, carried_forward: {from: close, opening: 10.0}}\n"
         "      - {id: p, label: Pressures, values: [1.5, 2.0]}\n"
         "      - {id: close, label: Carried forward, total: true, sum: [open, p]}\n",
         "Brought forward                                                     10.0              11.5", "B7", "11.5"},
        {"carried forward: the previous figure plus this year's change",
         "tables:\n  - id: t\n    title: T\n    unit: \"£m\"\n    columns: [2024/25, 2025/26]\n    rows:\n"
         "      - {id: p, label: Change, values: [1.5, -2.0]}\n"
         "      - {id: bal, label: Balance, carried_forward: {change: p, opening: 10.0}}\n",
         "Balance                                                             10.0               8.0", "B6+C5", "8"},
        {"a reference to a row of another table",
         "tables:\n"
         "  - {id: src, title: Source, unit: count, columns: [{id: v, label: Value}], rows: [{id: n, label: N, values: [42]}]}\n"
         "  - {id: t, title: T, unit: count, columns: [{id: v, label: Value}], rows: [{id: copy, label: Copied, ref: src.n}]}\n",
         "Copied                                                                                42", "", "42"},
        {"a reference to one cell, as one cell's derivation",
         "tables:\n"
         "  - {id: src, title: Source, unit: count, columns: [{id: v, label: Value}], rows: [{id: n, label: N, values: [42]}]}\n"
         "  - id: t\n    title: T\n    unit: count\n    columns: [{id: a, label: A}, {id: b, label: B}]\n    rows:\n"
         "      - {id: r, label: Mixed, values: [7, {ref: src.n.v}]}\n",
         "Mixed                                                                         7          42", "", "42"},
        {"a Total column",
         money_table("      - {id: a, label: Fees, values: [100, 150]}\n", ", {id: total, label: Total, sum: all}"),
         "Fees                                                         100          150            250", "SUM(B5:C5)", "250"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Scratch s;
            const auto r = render(s, c.data);
            INFO(listing(r.res.diags) << r.res.internal_error);
            REQUIRE(r.res.outputs.size() == 4);
            INFO(r.text);
            CHECK(squeeze(r.text).find(squeeze(c.row_text)) != std::string::npos);
            if (std::string(c.formula).empty()) {
                // A reference into a table the paper does not show is written as its value.
                CHECK(r.sheet.find("<v>" + std::string(c.cached) + "</v>") != std::string::npos);
            } else {
                INFO(r.sheet);
                CHECK(has_formula(r.sheet, c.formula, c.cached));
            }
        }
    }
}

TEST_CASE("a reference into a table the paper shows stays a formula across sheets", "[tables][derive]") {
    Scratch s;
    const auto r = render(s,
                          "tables:\n"
                          "  - {id: src, title: Source, unit: count, columns: [{id: v, label: Value}], rows: [{id: n, label: N, values: [42]}]}\n"
                          "  - {id: t, title: T, unit: count, columns: [{id: v, label: Value}], rows: [{id: copy, label: Copied, ref: src.n}]}\n",
                          "tables: [{id: t}, {id: src}]\n", "@table t\n\n@table src\n");
    INFO(listing(r.res.diags));
    REQUIRE(r.res.outputs.size() == 4);
    CHECK(has_formula(r.sheet, "'Table 2'!B4", "42"));  // a count table: no units line
}

TEST_CASE("a derived row and a derived column meet by a stated rule", "[tables][derive]") {
    // A rate row beats a Total column (a total of rates means nothing); a Total column
    // beats a summing row (both give the same).
    Scratch s;
    const auto r = render(s,
                          "tables:\n  - id: t\n    title: T\n    unit: count\n"
                          "    columns: [2023/24, 2024/25, {id: total, label: Total, sum: all}]\n    rows:\n"
                          "      - {id: done, label: Closed, values: [10, 20]}\n"
                          "      - {id: all, label: Attached, values: [40, 40]}\n"
                          "      - {id: both, label: Both, total: true, sum: [done, all]}\n"
                          "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n");
    INFO(listing(r.res.diags));
    REQUIRE(r.res.outputs.size() == 4);
    CHECK(squeeze(r.text).find("Rate 25.0% 50.0% 37.5%") != std::string::npos);
    CHECK(has_formula(r.sheet, "D4/D5", "0.375"));
    CHECK(has_formula(r.sheet, "SUM(B6:C6)", "110"));
}

TEST_CASE("stated figures on declared cells follow the one rounding-aware rule", "[tables][stated]") {
    Scratch s;
    const auto d = check_data(s,
                              "tables:\n"                                                             // 1
                              "  - id: t\n"                                                           // 2
                              "    title: T\n"                                                        // 3
                              "    unit: \"£m\"\n"                                                    // 4
                              "    columns: [2023/24, 2024/25]\n"                                     // 5
                              "    rows:\n"                                                           // 6
                              "      - {id: a, label: A, values: [1.2, 1.4]}\n"                       // 7
                              "      - {id: b, label: B, values: [2.3, 2.4]}\n"                       // 8
                              "      - {id: s, label: S, sum: all, stated: [3.5, 3.9]}\n"             // 9
                              "      - {id: r, label: R, unit: \"%\", percentage: [a, s], stated: {2023_24: 34.3%}}\n"  // 10
                              "      - {id: x, label: X, sum: [a], stated: [1.5, null]}\n");          // 11
    INFO(listing(d));
    // 3.5 agrees; 3.9 for 3.8 is 0.1 out: within the rounding of its printed figure
    // (0.05) and of its two one-place components (2 x 0.05), so a warning.
    CHECK(has(d, "data.yaml", 9, 51, Severity::warning, "stated 3.9 £m differs from the computed 3.8 £m by 0.1 £m"));
    // 1.2 / 3.5 = 34.2857...%: printed 34.3% it agrees; nothing is said.
    CHECK_FALSE(has(d, "data.yaml", 10, 77, Severity::error, ""));
    // 1.5 for 1.2: beyond rounding, an error that says by how much.
    CHECK(has(d, "data.yaml", 11, 46, Severity::error, "stated 1.5 £m but the computed value is 1.2 £m (0.3 £m higher)"));
}

TEST_CASE("checks relate figures across tables and facts, by the stated-figure rule", "[tables][checks]") {
    Scratch s;
    const auto d = check_data(s,
                              "tables:\n"                                                                     // 1
                              "  - id: t\n"                                                                   // 2
                              "    title: T\n"                                                                // 3
                              "    unit: count\n"                                                             // 4
                              "    columns: [{id: target, label: Target}, {id: eligible, label: Eligible}]\n"  // 5
                              "    rows:\n"                                                                   // 6
                              "      - {id: a, label: A, values: [58, 48]}\n"                                 // 7
                              "      - {id: b, label: B, values: [64, 54]}\n"                                 // 8
                              "figures:\n"                                                                    // 9
                              "  - {name: expected, value: 112, unit: count}\n"                               // 10
                              "checks:\n"                                                                     // 11
                              "  - {left: t.eligible, right: t.target * 5 / 6, each: row, decimals: 0}\n"     // 12
                              "  - {left: t.a.target + t.b.target, right: fact.expected}\n"                  // 13
                              "  - {left: t.a.target, right: fact.expectd}\n");                              // 14
    INFO(listing(d));
    // Row a: 58 x 5/6 = 48.33, rounds to 48: agrees. Row b: 53.33 rounds to 53, not 54.
    CHECK(has(d, "data.yaml", 12, 5, Severity::error, "(row 'b')"));
    CHECK(has(d, "data.yaml", 12, 5, Severity::error, "stated 54 but the computed value is 53.3 (0.7 higher)"));
    CHECK_FALSE(has(d, "data.yaml", 12, 5, Severity::error, "(row 'a')"));
    // 58 + 64 = 122 against a fact of 112.
    CHECK(has(d, "data.yaml", 13, 5, Severity::error, "stated 122 but the computed value is 112 (10 higher)"));
    CHECK(has(d, "data.yaml", 14, 31, Severity::error, "no figure named 'fact.expectd'; did you mean 'fact.expected'?"));
}

// ---------------------------------------------------------------- bad input

TEST_CASE("bad declared tables get exact errors at their file:line:col", "[tables][bad]") {
    struct Case {
        const char* name;
        std::string data;
        int line, col;
        const char* message;
    };
    const std::string head = "tables:\n  - id: t\n    title: T\n    unit: count\n";  // lines 1-4
    const std::vector<Case> cases = {
        {"a derivation naming a row that does not exist",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: total, label: A, values: [1]}\n"
                "      - {id: x, label: X, sum: [totl]}\n",
         8, 33, "table 't' has no row 'totl'; did you mean 'total'?"},
        {"a derivation naming a column that does not exist",
         head + "    columns: [{id: target, label: Target}, {id: d, label: D, difference: [target, atached]}]\n    rows:\n"
                "      - {id: r, label: R, values: [1]}\n",
         5, 83, "table 't' has no column 'atached'"},
        {"a reference to a table that does not exist",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: r, label: R, ref: fundin.total.v}\n",
         7, 32, "no table 'fundin'"},
        {"a cycle of derivations, named",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, sum: [b]}\n"
                "      - {id: b, label: B, sum: [a]}\n",
         7, 27, "derivations go round in a cycle: t.a.v -> t.b.v -> t.a.v"},
        {"units that do not agree",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: n, label: Families, values: [3]}\n"
                "      - {id: m, label: Money, unit: \"£m\", values: [1.5]}\n"
                "      - {id: s, label: Sum, sum: [n, m]}\n",
         9, 29, "units do not agree: this derivation combines a count or number with £m"},
        {"a derivation whose unit is not its row's",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: m, label: Money, unit: \"£m\", values: [1.5]}\n"
                "      - {id: s, label: Copy, ref: m}\n",
         8, 30, "units do not agree: the derivation of table 't', row 's', column 'v' gives £m but the cell is a count"},
        {"a row whose value count does not match its columns",
         head + "    columns: [2023/24, 2024/25, {id: total, label: Total, sum: all}]\n    rows:\n"
                "      - {id: r, label: R, values: [1, 2, 3]}\n",
         7, 9, "row 'r' of table 't' has 3 values but the table has 2 input columns (derived columns take no value)"},
        {"two rows with one id",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: r, label: R, values: [1]}\n"
                "      - {id: r, label: S, values: [2]}\n",
         8, 9, "table 't' has two rows with the id 'r'"},
        {"two derivations on one row",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, values: [1]}\n"
                "      - {id: r, label: R, sum: [a], ref: a}\n",
         8, 37, "'ref' and 'sum' both derive this; a figure has one derivation"},
        {"financial years out of sequence",
         head + "    columns: [2023/24, 2025/26]\n    rows:\n"
                "      - {id: r, label: R, values: [1, 2]}\n",
         5, 24, "financial years are not consecutive: 2025/26 follows 2023/24"},
        {"a stated figure that disagrees with a derived cell",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, values: [1]}\n"
                "      - {id: b, label: B, values: [2]}\n"
                "      - {id: s, label: S, sum: all, stated: [5]}\n",
         9, 46, "stated 5 but the computed value is 3 (2 higher)"},
        {"a check whose two sides have different units",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, values: [1]}\n"
                "      - {id: m, label: M, unit: \"£\", values: [2]}\n"
                "checks:\n"
                "  - {left: t.a.v, right: t.m.v}\n",
         10, 5, "the two sides of this check are in different units: a count or number and £"},
        {"a carried-forward line without its opening",
         head + "    columns: [2023/24, 2024/25]\n    rows:\n"
                "      - {id: a, label: A, values: [1, 2]}\n"
                "      - {id: b, label: B, carried_forward: {from: a}}\n",
         8, 44, "missing required key 'opening'"},
        {"a value too precise to hold exactly",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, values: [0.0000000000001]}\n",
         7, 36, "'0.0000000000001' cannot be held exactly (at most 12 decimal places)"},
        {"a product too large for exact arithmetic",
         head + "    columns: [{id: v, label: V}]\n    rows:\n"
                "      - {id: a, label: A, values: [99999999999999999]}\n"
                "      - {id: b, label: B, product: [a, 99999999999999999]}\n",
         8, 27, "the figure of table 't', row 'b', column 'v' is too large for exact arithmetic"},
        {"a table id that is not a plain name",
         "tables:\n  - id: ../t\n    title: T\n    unit: count\n    columns: [{id: v, label: V}]\n    rows: []\n",
         2, 9, "'id' must be letters, digits, '_' or '-', got '../t'"},
        {"an unknown unit",
         "tables:\n  - id: t\n    title: T\n    unit: pounds\n    columns: [{id: v, label: V}]\n    rows: []\n",
         4, 11, "pounds"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Scratch s;
            const auto d = check_data(s, c.data);
            INFO(listing(d));
            CHECK(has(d, "data.yaml", c.line, c.col, Severity::error, c.message));
        }
    }
}

TEST_CASE("bad charts of declared tables get exact errors at the figure", "[tables][bad][charts]") {
    const std::string data =
        "tables:\n  - id: t\n    title: T\n    unit: count\n"
        "    columns: [{id: period, label: Period, text: true}, {id: n, label: Families}]\n    rows:\n"
        "      - {id: a, label: A, values: [Spring, 3]}\n"
        "      - {id: b, label: B, values: [Summer, 5]}\n";
    struct Case {
        const char* name;
        std::string figure;
        int line, col;
        const char* message;
    };
    // The figure starts on line 10 of the report spec (report_yaml has 8 lines, then "figures:").
    const std::vector<Case> cases = {
        {"a series that is not numeric",
         "  - {id: f, table: t, series_from: columns, series: [period], caption: C, alt: A chart of the families}\n", 10, 5,
         "table 't' has no column 'period' with figures to chart"},
        {"a series that does not exist",
         "  - {id: f, table: t, series: [c], caption: C, alt: A chart of the families}\n", 10, 5,
         "table 't' has no row 'c' with figures to chart"},
        {"series names of the wrong length",
         "  - {id: f, table: t, series: [a, b], series_names: [Only one], caption: C, alt: A chart of the families}\n", 10, 53,
         "'series_names' has 1 names for 2 series"},
        {"a chart of a table that does not exist",
         "  - {id: f, table: tt, caption: C, alt: A chart of the families}\n", 10, 5,
         "the chart's table 'tt' is not a declared table; did you mean 't'?"},
        {"a radar chart with too few categories",
         "  - {id: f, table: t, kind: radar, series_from: columns, series: [n], caption: C, alt: A chart of the families}\n", 10, 5,
         "a radar chart needs at least 3 categories"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Scratch s;
            const auto d = check_data(s, data, "figures:\n" + c.figure);
            INFO(listing(d));
            CHECK(has(d, "report.yaml", c.line, c.col, Severity::error, c.message));
        }
    }
}

TEST_CASE("a bad declared table writes nothing", "[tables][bad]") {
    Scratch s;
    const auto r = render(s,
                          "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: v, label: V}]\n    rows:\n"
                          "      - {id: a, label: A, sum: [b]}\n      - {id: b, label: B, sum: [a]}\n");
    CHECK(r.res.diags.has_errors());
    CHECK(r.res.outputs.empty());
    if (fs::exists(s.path("out")))
        for (const auto& e : fs::directory_iterator(s.path("out"))) {
            INFO(e.path());
            CHECK(e.path().extension() != ".pdf");
            CHECK(e.path().extension() != ".xlsx");
        }
}

TEST_CASE("template data for declared tables: prose by unit, exact raw values, words for the sign", "[tables][templates]") {
    Scratch s;
    const auto r = render(s,
                          "tables:\n  - id: t\n    title: T\n    unit: count\n"
                          "    columns: [{id: target, label: Target}, {id: attached, label: Attached}, "
                          "{id: gap, label: Gap, difference: [attached, target], words: {positive: above target, negative: below target}}, "
                          "{id: rate, label: Rate, unit: \"%\", percentage: [attached, target]}]\n    rows:\n"
                          "      - {id: east, label: East, values: [96, 90]}\n"
                          "      - {id: west, label: West, values: [40, 44]}\n",
                          "tables: [{id: t}]\n",
                          "East is {{tables.t.east.gap_abs}} {{tables.t.east.gap_word}} ({{tables.t.east.rate}}, "
                          "{{#pct1}}{{raw.tables.t.east.rate}}{{/pct1}}); West is {{tables.t.west.gap_abs}} "
                          "{{tables.t.west.gap_word}}, an {{tables.t.west.gap_increase_reduction}}.\n\n"
                          "{{#tables.t.rows}}{{label}}: {{#cells}}{{text}}{{^last}}, {{/last}}{{/cells}}. {{/tables.t.rows}}\n\n@table t\n");
    INFO(listing(r.res.diags));
    REQUIRE(r.res.outputs.size() == 4);
    std::string prose;
    for (char c : capture("pdftotext '" + s.path("out/" + r.res.id + ".pdf") + "' -")) prose += c == '\n' ? ' ' : c;
    CHECK(prose.find("East is 6 below target (93.8%, 93.8%); West is 4 above target, an increase.") != std::string::npos);
    CHECK(prose.find("East: 96, 90, -6, 93.8%. West: 40, 44, 4, 110.0%.") != std::string::npos);
}

TEST_CASE("a programme kind's labels are defaults an author may reword", "[tables][kinds]") {
    const std::string brfc =
        "brfc:\n  families_attached: 6049\n  original_target: 4680\n  successful_closures: 2796\n"
        "  conversion: {base: original_target, stated: 60%}\n";
    SECTION("reworded in the table, the workbook and the chart") {
        Scratch s;
        const auto r = render(s, brfc,
                              "tables:\n  - id: t\n    source: brfc.summary\n"
                              "    rows: {closures: Families turned around}\n    columns: {value: Families}\n");
        INFO(listing(r.res.diags));
        REQUIRE(r.res.outputs.size() == 4);
        CHECK(squeeze(r.text).find("Families turned around 2,796") != std::string::npos);
        CHECK(squeeze(r.text).find("Measure Families") != std::string::npos);
        CHECK(r.text.find("Successful closures") == std::string::npos);
    }
    SECTION("a row the kind's table does not have") {
        Scratch s;
        const auto d = check_data(s, brfc,
                                  "tables:\n"                                          // 9
                                  "  - id: t\n"                                        // 10
                                  "    source: brfc.summary\n"                         // 11
                                  "    rows: {closure: Families turned around}\n");   // 12
        INFO(listing(d));
        CHECK(has(d, "report.yaml", 12, 12, Severity::error,
                  "table 'brfc.summary' has no row 'closure'; did you mean 'closures'?"));
    }
}

TEST_CASE("a long chain of derivations is evaluated, or refused with an error, never a stack overflow", "[tables][bad]") {
    auto chain = [](int n, bool backwards) {
        std::string rows;
        if (!backwards) rows += "      - {id: r0, label: First, values: [1]}\n";
        for (int i = backwards ? 0 : 1; backwards ? i < n : i <= n; ++i)
            rows += "      - {id: r" + std::to_string(i) + ", label: R, ref: r" + std::to_string(backwards ? i + 1 : i - 1) + "}\n";
        if (backwards) rows += "      - {id: r" + std::to_string(n) + ", label: Last, values: [1]}\n";
        return "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: v, label: V}]\n    rows:\n" + rows;
    };
    SECTION("written from the top down, any length") {
        Scratch s;
        const auto d = check_data(s, chain(5000, false));
        INFO(listing(d));
        CHECK_FALSE(d.has_errors());
    }
    SECTION("written backwards, too deep") {
        Scratch s;
        const auto d = check_data(s, chain(3000, true));
        INFO(listing(d));
        CHECK(has(d, "data.yaml", 1007, 31, Severity::error, "derivations depend on one another more than 1000 deep"));
    }
}

TEST_CASE("a kind's tables are declared tables in templates too", "[tables][kinds][templates]") {
    Scratch s;
    const auto r = render(s,
                          "brfc:\n  families_attached: 6049\n  original_target: 4680\n  successful_closures: 2796\n"
                          "  conversion: {base: original_target, stated: 60%}\n",
                          "tables: [{id: t, source: brfc.summary}]\n",
                          "Closures: {{tables.brfc.summary.closures.value}}; rate {{tables.brfc.summary.conversion_rate.value}}.\n\n@table t\n");
    INFO(listing(r.res.diags));
    REQUIRE(r.res.outputs.size() == 4);
    CHECK(squeeze(r.text).find("Closures: 2,796; rate 60%.") != std::string::npos);
}

TEST_CASE("a chart of huge equal figures renders (its scale once looped for ever)", "[tables][charts][hostile]") {
    Scratch s;
    const auto r = render(s,
                          "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: a, label: A}, {id: b, label: B}]\n"
                          "    rows:\n      - {id: x, label: X, values: [99999999999999999, 99999999999999999]}\n",
                          "tables: [{id: t}]\nfigures:\n  - {id: f, table: t, caption: Huge, alt: A column chart of two equal huge figures}\n",
                          "@table t\n\n@figure f\n");
    INFO(listing(r.res.diags) << r.res.internal_error);
    CHECK(r.res.outputs.size() == 4);
}
