// The bundled example renders to exactly the bytes in outputs/: the output is
// deterministic, and any change to it is a deliberate golden update.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support.hpp"

using namespace bp::test;

namespace {

std::string run(const std::string& cmd) { return bp::test::capture(cmd); }

bp::ReportResult render(const std::string& out_dir) {
    bp::BuildOptions o;
    o.out_dir = out_dir;
    o.templates_root = templates_root();
    return bp::run_report(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml", o);
}

}  // namespace

TEST_CASE("the select committee house style renders byte for byte as its goldens", "[golden]") {
    Scratch s;
    bp::BuildOptions o;
    o.out_dir = s.dir().string();
    o.templates_root = templates_root();
    const auto res = bp::run_report(
        std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report-select-committee.yaml", o);
    INFO(listing(res.diags) << res.internal_error);
    REQUIRE(res.outputs.size() == 4);
    const std::string golden = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2-select-committee";
    CHECK(slurp(s.path("children-families-part2-select-committee.pdf")) == slurp(golden + ".pdf"));
    CHECK(slurp(s.path("children-families-part2-select-committee.xlsx")) == slurp(golden + ".xlsx"));
    CHECK(slurp(s.path("children-families-part2-select-committee.html")) == slurp(golden + ".html"));
    CHECK(slurp(s.path("children-families-part2-select-committee.figures.json")) == slurp(golden + ".figures.json"));
    // The same data in both styles: the same figures in the prose.
    const std::string cabinet = run("pdftotext '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.pdf' -");
    const std::string select = run("pdftotext '" + golden + ".pdf' -");
    for (const char* figure : {"investment of £8.1m", "surplus of £32.893m", "improved position of £3.453m", "conversion rate of 60%"}) {
        INFO(figure);
        CHECK(cabinet.find(figure) != std::string::npos);
        CHECK(select.find(figure) != std::string::npos);
    }
    CHECK(select.find("What is the Safe and Strong Communities Select Committee being asked to do and why?") != std::string::npos);
    CHECK(select.find("Link to Other Overview and Scrutiny Activity") != std::string::npos);
    CHECK(cabinet.find("Report Summary") != std::string::npos);
}

TEST_CASE("the bundled example renders byte for byte as the goldens in outputs/", "[golden]") {
    Scratch s;
    const auto res = render(s.dir().string());
    INFO(listing(res.diags) << res.internal_error);
    REQUIRE(res.outputs.size() == 4);
    const std::string golden = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2";
    // A difference here means the rendering changed: look at the new PDF and workbook
    // (pdftoppm -r 60 -png, pdftotext -layout), and update outputs/ only on purpose.
    CHECK(slurp(s.path("children-families-part2.pdf")) == slurp(golden + ".pdf"));
    CHECK(slurp(s.path("children-families-part2.xlsx")) == slurp(golden + ".xlsx"));
    CHECK(slurp(s.path("children-families-part2.html")) == slurp(golden + ".html"));
    CHECK(slurp(s.path("children-families-part2.figures.json")) == slurp(golden + ".figures.json"));
}

TEST_CASE("rendering does not depend on the time zone or the clock", "[golden]") {
    Scratch a, b;
    render(a.dir().string());
    const char* old = std::getenv("TZ");
    ::setenv("TZ", "America/New_York", 1);
    ::tzset();
    render(b.dir().string());
    if (old) ::setenv("TZ", old, 1); else ::unsetenv("TZ");
    ::tzset();
    CHECK(slurp(a.path("children-families-part2.pdf")) == slurp(b.path("children-families-part2.pdf")));
    CHECK(slurp(a.path("children-families-part2.xlsx")) == slurp(b.path("children-families-part2.xlsx")));
}

TEST_CASE("the PDF passes qpdf, embeds its fonts and gives back its text in order", "[golden][pdf]") {
    const std::string pdf = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.pdf";
    CHECK(run("qpdf --check '" + pdf + "' 2>&1").find("No syntax or stream encoding errors") != std::string::npos);
    const std::string fonts = run("pdffonts '" + pdf + "'");
    CHECK(fonts.find("LiberationSans ") != std::string::npos);
    CHECK(fonts.find("LiberationSans-Bold") != std::string::npos);
    CHECK(fonts.find(" no ") == std::string::npos);  // every font embedded, subset, with a ToUnicode map
    const std::string text = run("pdftotext -layout '" + pdf + "' -");
    // The front block, a numbered paragraph, a table row and the footer, in reading order.
    const size_t front = text.find("Children and Families System Transformation Part 2");
    const size_t para = text.find("That Cabinet endorse the Staffordshire model and the required investment of £8.1m");
    const size_t row = text.find("Return on Investment: (Surplus)/Deficit");
    const size_t table3 = text.find("Break Even Point/Impact on MTFS");
    REQUIRE(front != std::string::npos);
    REQUIRE(para != std::string::npos);
    REQUIRE(row != std::string::npos);
    REQUIRE(table3 != std::string::npos);
    CHECK(front < para);
    CHECK(para < row);
    CHECK(row < table3);
    CHECK(text.find("(32,893)") != std::string::npos);
    CHECK(text.find("Page 1 of ") != std::string::npos);
    CHECK(text.find("Break-even in 2023/24, after 4 years") != std::string::npos);
}

TEST_CASE("the workbook's totals are formulas with the computed values cached", "[golden][xlsx]") {
    const std::string xlsx = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.xlsx";
    const std::string workbook = run("unzip -p '" + xlsx + "' xl/workbook.xml");
    CHECK(workbook.find("name=\"Table 2\"") != std::string::npos);
    // Sheets: Cover, Contents, Notes, then Table 1, 2 ... Table 2 of the bundled example
    // is seed 002's Table 1, its groups in column A: Initial Total = SUM of its seven
    // lines, cached 632; return on investment = investment total + savings total.
    const std::string sheet = run("unzip -p '" + xlsx + "' xl/worksheets/sheet5.xml");
    CHECK(sheet.find("<f>SUM(C5:C11)</f><v>632</v>") != std::string::npos);
    CHECK(sheet.find("<f>D17+D21</f><v>-7118</v>") != std::string::npos);
    // Table 4 (seed 002's Table 3) starts from Table 2's return on investment.
    const std::string position = run("unzip -p '" + xlsx + "' xl/worksheets/sheet7.xml");
    CHECK(position.find("<f>'Table 2'!C22</f><v>191</v>") != std::string::npos);
}

TEST_CASE("a programme declared in YAML only renders byte for byte as its goldens", "[golden][declared]") {
    Scratch s;
    bp::BuildOptions o;
    o.out_dir = s.dir().string();
    o.templates_root = templates_root();
    const auto res = bp::run_report(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/supporting-families-update/report.yaml", o);
    INFO(listing(res.diags) << res.internal_error);
    REQUIRE(res.outputs.size() == 4);
    CHECK(res.diags.items().empty());
    const std::string golden = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update";
    CHECK(slurp(s.path("supporting-families-update.pdf")) == slurp(golden + ".pdf"));
    CHECK(slurp(s.path("supporting-families-update.xlsx")) == slurp(golden + ".xlsx"));
    CHECK(slurp(s.path("supporting-families-update.html")) == slurp(golden + ".html"));
    CHECK(slurp(s.path("supporting-families-update.figures.json")) == slurp(golden + ".figures.json"));
    // What a reader sees: figures derived in the data files, printed in the prose and the tables.
    std::string prose;
    for (char c : run("pdftotext '" + golden + ".pdf' -")) {
        const bool space = c == ' ' || c == '\n';
        if (!space || (!prose.empty() && prose.back() != ' ')) prose += space ? ' ' : c;
    }
    for (const char* shown : {
             "attached 324 families against a target of 322, 2 above target",  // sum, difference, words
             "Hallow Vale is 6 below target",                                  // a negative difference, in words
             "£4,635,000 in all",                                              // a Total column
             "Results payments were 20.0% of the grant",                       // a percentage row
             "Grant received to date (£)",                                     // a row in its own unit
         }) {
        INFO(shown);
        CHECK(prose.find(shown) != std::string::npos);
    }
    // A table row as one line, its columns a space apart (the gaps depend on the house font).
    std::string table;
    for (char c : run("pdftotext -layout '" + golden + ".pdf' -"))
        if (c != ' ' || (!table.empty() && table.back() != ' ')) table += c;
    for (const char* shown : {
             "1,288,000 1,030,400 257,600 100.0%",  // product, % of it, difference, share
             "12.4 12.9 12.6 11.9",                 // carried forward
             "(0.6) (1.8) (3.3) (5.0)",             // a running total
         }) {
        INFO(shown);
        CHECK(table.find(shown) != std::string::npos);
    }
    CHECK(run("qpdf --check '" + golden + ".pdf' 2>&1").find("No syntax or stream encoding errors") != std::string::npos);
}

TEST_CASE("the month-on-month example: the first quarter renders as its goldens and is the second's previous report", "[golden][previous]") {
    Scratch s;
    bp::BuildOptions o;
    o.out_dir = s.dir().string();
    o.templates_root = templates_root();
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/supporting-families-update/";
    const auto q1 = bp::run_report(dir + "report-q1.yaml", o);
    INFO(listing(q1.diags) << q1.internal_error);
    REQUIRE(q1.outputs.size() == 4);
    CHECK(q1.diags.items().empty());
    const std::string golden = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update-q1";
    for (const char* ext : {".pdf", ".xlsx", ".html", ".figures.json"}) {
        INFO(ext);
        CHECK(slurp(s.path(std::string("supporting-families-update-q1") + ext)) == slurp(golden + ext));
    }
    // The second quarter's previous: is the first quarter's figures file as it renders
    // today, so a change to the first quarter's data or templates must update both.
    CHECK(slurp(s.path("supporting-families-update-q1.figures.json")) ==
          slurp(dir + "q1/supporting-families-update-q1.figures.json"));
    // The second quarter's prose and its change column, from that file.
    std::string prose, table;
    for (char c : run("pdftotext '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.pdf' -")) {
        const bool space = c == ' ' || c == '\n';
        if (!space || (!prose.empty() && prose.back() != ' ')) prose += space ? ' ' : c;
    }
    for (char c : run("pdftotext -layout '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.pdf' -"))
        if (c != ' ' || (!table.empty() && table.back() != ' ')) table += c;
    for (const char* shown : {"Since the last report to the Committee, on 11 July 2024, the number of families attached rose "
                              "from 294 to 324 and the conversion rate rose by 5.9 percentage points, to 55.9%",
                              "Redwater attached no more families in the quarter",
                              "pressures in 2024/25 rose from £1.0m to £1.1m since the last report"}) {
        INFO(shown);
        CHECK(prose.find(shown) != std::string::npos);
    }
    CHECK(table.find("Eastmoor 96 104 8 +16 61 58.7%") != std::string::npos);
    CHECK(table.find("Redwater 64 58 -6 0 31 53.4%") != std::string::npos);
    // The README shows the diff between the two packs: each line it shows is in the output.
    const std::string readme = slurp(std::string(BOARDPACK_SOURCE_DIR) + "/README.md");
    const std::string command = "$ boardpack diff outputs/supporting-families-update-q1.figures.json "
                                "outputs/supporting-families-update.figures.json\n";
    const size_t from = readme.find(command);
    REQUIRE(from != std::string::npos);
    const std::string shown = readme.substr(from + command.size(), readme.find("```", from) - from - command.size());
    const Run diff = run_boardpack("diff '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update-q1.figures.json' '" +
                                   std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.figures.json'");
    CHECK(diff.status == 1);
    size_t lines = 0;
    std::istringstream in(shown);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.find("\xE2\x80\xA6") != std::string::npos) continue;  // "…": lines left out
        INFO(line);
        CHECK(diff.out.find(line + "\n") != std::string::npos);
        ++lines;
    }
    CHECK(lines > 10);
    // The previous report is an input: the workbook's Provenance sheet lists it with its hash.
    CHECK(run("unzip -p '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.xlsx' xl/sharedStrings.xml")
              .find("<t>q1/supporting-families-update-q1.figures.json</t>") != std::string::npos);
    // The first quarter, with no previous report, says nothing of changes.
    const std::string first = run("pdftotext '" + golden + ".pdf' -");
    CHECK(first.find("Since the last report") == std::string::npos);
    CHECK(first.find("By 30 June 2024 the programme had attached 294 families") != std::string::npos);
}

TEST_CASE("the select committee style names the report's own committee, not 'the Select Committee'", "[golden][shared]") {
    std::string text;  // line breaks as spaces: where the question wraps depends on the house font
    for (char c : run("pdftotext '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.pdf' -")) text += c == '\n' ? ' ' : c;
    CHECK(text.find("What is the Children's Services Scrutiny Committee being asked to do and why?") != std::string::npos);
    CHECK(text.find("What is the Select Committee being asked") == std::string::npos);
}
