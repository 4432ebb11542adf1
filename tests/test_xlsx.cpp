// The Excel appendix, read back: its layout, every formula and cached value against
// the computed figures, its charts, and recalculation by LibreOffice.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <fstream>
#include <regex>
#include <sstream>

#include "compose/compose.hpp"
#include "load/load_programme.hpp"
#include "render/xlsx/names.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "core/sha256.hpp"
#include "support.hpp"

using namespace bp;
using namespace bp::test;

namespace {

std::string run(const std::string& cmd) { return bp::test::capture(cmd); }

const std::string kXlsx = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.xlsx";
// The second bundled example: a programme declared in YAML only.
const std::string kDeclaredXlsx = std::string(BOARDPACK_SOURCE_DIR) + "/outputs/supporting-families-update.xlsx";

std::string part_of(const std::string& xlsx, const std::string& name) { return run("unzip -p '" + xlsx + "' '" + name + "'"); }
std::string part(const std::string& name) { return part_of(kXlsx, name); }

doc::Document doc_of(const std::string& report) {
    Diagnostics diags;
    const Programme p = load::load_programme(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/" + report, diags);
    auto d = compose_programme(p, compose::Options{templates_root()}, diags);
    INFO(listing(diags));
    REQUIRE(d);
    return *d;
}

const doc::Document& bundled_doc() {
    static const doc::Document d = doc_of("children-families-part2/report.yaml");
    return d;
}

const doc::Document& declared_doc() {
    static const doc::Document d = doc_of("supporting-families-update/report.yaml");
    return d;
}

// Sheets in workbook order, numbered as the zip names them (sheet1.xml ...).
std::vector<std::string> sheet_names_of(const std::string& xlsx) {
    const std::string wb = part_of(xlsx, "xl/workbook.xml");
    std::vector<std::string> names;
    const std::regex sheet("<sheet name=\"([^\"]+)\"");
    for (std::sregex_iterator it(wb.begin(), wb.end(), sheet), end; it != end; ++it) names.push_back((*it)[1]);
    return names;
}
std::vector<std::string> sheet_names() { return sheet_names_of(kXlsx); }

// The worksheet XML of the sheet called `name`.
std::string sheet_of(const std::string& xlsx, const std::string& name) {
    const auto names = sheet_names_of(xlsx);
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return part_of(xlsx, "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    FAIL("no sheet '" << name << "' in " << xlsx);
    return "";
}
std::string sheet_file(const std::string& xlsx, const std::string& name) {
    const auto names = sheet_names_of(xlsx);
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    FAIL("no sheet '" << name << "' in " << xlsx);
    return "";
}

std::string xml_unescape(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}) {
        for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
    }
    return s;
}

// Every number cell of every table against the workbook: the cached value is the
// computed figure, and a derived cell holds its formula. Returns the formulas seen.
size_t check_formulas(const doc::Document& d, const std::string& xlsx) {
    size_t formulas = 0;
    for (size_t ti = 0; ti < d.tables().size(); ++ti) {
        const doc::Table& t = *d.tables()[ti];
        const std::string xml = sheet_of(xlsx, t.sheet_name);
        for (size_t r = t.header_rows; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
                const doc::Cell& cell = t.rows[r].cells[c];
                if (cell.kind != doc::Cell::Kind::number) continue;
                const std::string ref = xlsx::cell_name(xlsx::excel_row(t, r), xlsx::excel_col(t, c));
                std::smatch m;
                const std::regex pattern("<c r=\"" + ref + "\"[^>]*>(?:<f>([^<]*)</f>)?<v>([^<]*)</v>");
                INFO(t.sheet_name << " " << ref << " (" << cell.display() << ")");
                REQUIRE(std::regex_search(xml, m, pattern));
                const double expected = cell.style == doc::NumStyle::percent ? (cell.value / Num(100)).to_double() : cell.value.to_double();
                CHECK(std::stod(m[2]) == Approx(expected).epsilon(1e-12).margin(1e-12));
                const std::string formula = xlsx::formula_of(cell.derived, d, t.sheet_name);
                if (formula.empty()) {
                    CHECK_FALSE(m[1].matched);
                } else {
                    CHECK(xml_unescape(m[1]) == formula.substr(1));
                    ++formulas;
                }
            }
    }
    return formulas;
}

// A cell as the workbook prints it with plain numbers: a minus sign, and 0 for zero.
std::string plain(const doc::Cell& c) {
    if (c.style != doc::NumStyle::accounting) return c.display();
    doc::Cell count = c;
    count.style = doc::NumStyle::count;
    return count.display();
}

// Has LibreOffice recalculate `xlsx` after `tamper` edits its unzipped parts, and
// compares every number cell of every sheet with what the PDF prints. Returns the
// cells compared.
size_t recalculated_matches(const doc::Document& d, const std::string& xlsx,
                            const std::function<void(const std::string& dir)>& tamper) {
    Scratch s;
    const std::string dir = s.path("x");
    run("mkdir -p '" + dir + "' && cd '" + dir + "' && unzip -q '" + xlsx + "'");
    tamper(dir);
    const std::string tampered = s.path("tampered.xlsx");
    run("cd '" + dir + "' && zip -q -X -r '" + tampered + "' .");
    // A LibreOffice profile that recalculates OOXML files on load.
    const std::string profile = s.path("profile");
    fs::create_directories(profile + "/user");
    std::ofstream(profile + "/user/registrymodifications.xcu")
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
           "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\"><value>0</value></prop></item>\n"
           "</oor:items>\n";
    // Every sheet to CSV as shown (UTF-8, comma, quote; last option -1: all sheets).
    run("cd '" + s.path("") + "' && soffice -env:UserInstallation=file://" + profile +
        " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' --outdir '" +
        s.path("csv") + "' '" + tampered + "' > /dev/null 2>&1");
    size_t compared = 0;
    for (size_t ti = 0; ti < d.tables().size(); ++ti) {
        const doc::Table& t = *d.tables()[ti];
        std::ifstream csv(s.path("csv/tampered-" + t.sheet_name + ".csv"));
        REQUIRE(csv);
        std::vector<std::vector<std::string>> rows;
        for (std::string line; std::getline(csv, line);) {
            std::vector<std::string> cells;
            std::string cur;
            bool quoted = false;
            for (char ch : line) {
                if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) { cells.push_back(cur); cur.clear(); }
                else cur += ch;
            }
            cells.push_back(cur);
            rows.push_back(cells);
        }
        for (size_t r = t.header_rows; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
                const doc::Cell& cell = t.rows[r].cells[c];
                if (cell.kind != doc::Cell::Kind::number) continue;
                const size_t xr = xlsx::excel_row(t, r);
                INFO(t.sheet_name << " row " << xr + 1 << " column " << c + 1);
                REQUIRE(xr < rows.size());
                const size_t xc = xlsx::excel_col(t, c);
                REQUIRE(xc < rows[xr].size());
                CHECK(rows[xr][xc] == (d.workbook_numbers == doc::Document::WorkbookNumbers::plain ? plain(cell) : cell.display()));
                ++compared;
            }
    }
    return compared;
}

// Sets the cached value after `formula` to 0, so only a real recalculation prints it right.
void zero_cached(const std::string& sheet, const std::string& formula) {
    std::string xml = slurp(sheet);
    const std::string cached = "<f>" + formula + "</f><v>";
    const size_t at = xml.find(cached);
    REQUIRE(at != std::string::npos);
    const size_t v = at + cached.size();
    xml.replace(v, xml.find("</v>", v) - v, "0");
    std::ofstream(sheet) << xml;
}

}  // namespace

TEST_CASE("the workbook has Cover, Contents, Notes, a sheet per table and per figure, and Provenance last", "[xlsx]") {
    const auto names = sheet_names();
    const auto& d = bundled_doc();
    REQUIRE(names.size() == 4 + d.tables().size() + d.figures().size());
    CHECK(names[0] == "Cover");
    CHECK(names[1] == "Contents");
    CHECK(names[2] == "Notes");
    for (size_t i = 0; i < d.tables().size(); ++i) CHECK(names[3 + i] == "Table " + std::to_string(i + 1));
    for (size_t i = 0; i < d.figures().size(); ++i) CHECK(names[3 + d.tables().size() + i] == "Figure " + std::to_string(i + 1));
    CHECK(names.back() == "Provenance");
    // Contents links to every sheet after it.
    const std::string contents = part("xl/worksheets/_rels/sheet2.xml.rels") + part("xl/worksheets/sheet2.xml");
    for (size_t i = 2; i < names.size(); ++i) CHECK(contents.find("location=\"'" + names[i] + "'!A1\"") != std::string::npos);
    // Provenance lists every input with its SHA-256.
    const std::string strings = part("xl/sharedStrings.xml");
    for (const char* input : {">report.yaml<", ">mtfs.yaml<", ">pilots.yaml<", ">templates/finances.mustache<",
                              ">boardpack templates/common/appendix_star.mustache<"})
        CHECK(strings.find(input) != std::string::npos);
    CHECK(strings.find(sha256_file(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/mtfs.yaml")) != std::string::npos);
    CHECK(strings.find("boardpack 0.") != std::string::npos);
}

TEST_CASE("every table is an Excel table with a named range, a frozen header and print set-up", "[xlsx]") {
    const auto& d = bundled_doc();
    const std::string wb = part("xl/workbook.xml");
    size_t tables = 0;
    for (const doc::Table* t : d.tables()) {
        INFO(t->id);
        CHECK(wb.find("name=\"" + xlsx::valid_defined_name("rng_", t->id) + "\"") != std::string::npos);
        ++tables;
    }
    // Contents, Notes, every table, every figure's data, Provenance.
    const std::string listing = run("unzip -l '" + kXlsx + "'");
    CHECK(std::regex_search(listing, std::regex("xl/tables/table" + std::to_string(3 + tables + d.figures().size()) + "\\.xml")));
    const std::string finance = sheet_of(kXlsx, "Table 2");
    // Title, what the sheet holds, units: the header is row 4, and the group column
    // and the row labels stay in view.
    CHECK(finance.find("<pane xSplit=\"2\" ySplit=\"4\"") != std::string::npos);
    CHECK(finance.find("orientation=\"landscape\"") != std::string::npos);
    CHECK(finance.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);  // one page wide
    CHECK(finance.find("fitToHeight=\"0\"") != std::string::npos);
    CHECK(finance.find("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>") != std::string::npos);
    CHECK(wb.find("_xlnm.Print_Titles") != std::string::npos);
    std::string t1;
    for (size_t i = 1; i <= 3 + tables + d.figures().size() && t1.empty(); ++i) {
        const std::string x = part("xl/tables/table" + std::to_string(i) + ".xml");
        if (x.find("name=\"tbl_finance\"") != std::string::npos) t1 = x;
    }
    REQUIRE(!t1.empty());
    CHECK(t1.find("headerRowCount") == std::string::npos);  // the default: one header row
    CHECK(t1.find("<tableColumn id=\"1\" name=\"Category\"") != std::string::npos);
    CHECK(t1.find("<tableColumn id=\"2\" name=\"Investment or saving\"") != std::string::npos);
    CHECK(t1.find("<tableColumn id=\"3\" name=\"2019/20\"") != std::string::npos);
}

TEST_CASE("every derived cell is a formula whose cached value is the computed figure", "[xlsx]") {
    CHECK(check_formulas(bundled_doc(), kXlsx) > 200);
}

TEST_CASE("a programme declared in YAML has its derivations as formulas in the workbook", "[xlsx][declared]") {
    const auto& d = declared_doc();
    CHECK(check_formulas(d, kDeclaredXlsx) > 60);
    // One of each kind of derivation, as the workbook writes it.
    auto formula = [&](const std::string& table, size_t row, size_t col) {
        const doc::Table* t = d.table(table);
        REQUIRE(t);
        return xlsx::formula_of(t->rows[row].cells[col].derived, d, t->sheet_name);
    };
    CHECK(formula("funding", 4, 4) == "=SUM(B8:D8)");           // a Total column: sum of all
    CHECK(formula("funding", 4, 1) == "=SUM(B6:B7)");           // a total row: sum of all body rows
    CHECK(formula("funding", 5, 3) == "=D7/D8");                // percentage of another row
    CHECK(formula("districts", 2, 3) == "=B6*4000");            // product with a constant in pounds
    CHECK(formula("districts", 2, 4) == "=D6*0.8");             // product with a percentage
    CHECK(formula("districts", 2, 5) == "=D6-E6");              // difference
    CHECK(formula("districts", 2, 6) == "=B6/SUM(B6:B10)");      // share of a column's total
    CHECK(formula("attached", 1, 3) == "=C5-B5");               // difference across columns
    CHECK(formula("attached", 1, 4) == "=C5-88");               // since: this quarter less the last, as printed
    CHECK(formula("attached", 1, 6) == "=F5/C5");               // percentage across columns
    CHECK(formula("mtfp", 2, 1) == "");                         // carried forward: the opening is a figure
    CHECK(formula("mtfp", 2, 2) == "=B9");                      // carried forward: last year's closing
    CHECK(formula("mtfp", 6, 4) == "=SUM(B8:E8)");              // running total
    CHECK(formula("headline", 1, 1) == "='Table 4'!C10");        // a reference into another table
    CHECK(formula("headline", 4, 1) == "='Table 2'!E8");
}

// Each figure's native chart: its type, one series per charted series, the PDF's
// palette and the alternative text as the drawing's description.
void check_charts(const doc::Document& d, const std::string& xlsx) {
    const auto figs = d.figures();
    for (size_t i = 0; i < figs.size(); ++i) {
        const std::string chart = part_of(xlsx, "xl/charts/chart" + std::to_string(i + 1) + ".xml");
        INFO("Figure " << figs[i]->number);
        switch (figs[i]->chart.kind) {
            case doc::Chart::Kind::column: CHECK(chart.find("<c:grouping val=\"clustered\"/>") != std::string::npos); break;
            case doc::Chart::Kind::stacked_column: CHECK(chart.find("<c:grouping val=\"stacked\"/>") != std::string::npos); break;
            case doc::Chart::Kind::bar: CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos); break;
            case doc::Chart::Kind::line: CHECK(chart.find("<c:lineChart>") != std::string::npos); break;
            case doc::Chart::Kind::radar: CHECK(chart.find("<c:radarChart>") != std::string::npos); break;
        }
        size_t series = 0;
        for (size_t p = chart.find("<c:ser>"); p != std::string::npos; p = chart.find("<c:ser>", p + 1)) ++series;
        CHECK(series == figs[i]->chart.series.size());
        REQUIRE_FALSE(d.look.chart.empty());
        char first[8];  // the PDF's first colour, from the house style
        std::snprintf(first, sizeof first, "%02X%02X%02X", int(std::lround(d.look.chart[0].r * 255)),
                      int(std::lround(d.look.chart[0].g * 255)), int(std::lround(d.look.chart[0].b * 255)));
        CHECK(chart.find(std::string("srgbClr val=\"") + first + "\"") != std::string::npos);
        const std::string drawing = part_of(xlsx, "xl/drawings/drawing" + std::to_string(i + 1) + ".xml");
        CHECK(drawing.find("descr=\"" + figs[i]->alt.substr(0, 40)) != std::string::npos);
    }
}

TEST_CASE("each figure has a native chart of its type, series and colours, with its description", "[xlsx][charts]") {
    check_charts(bundled_doc(), kXlsx);
}

TEST_CASE("a declared programme charts its tables in all five kinds", "[xlsx][charts][declared]") {
    const auto& d = declared_doc();
    std::set<doc::Chart::Kind> kinds;
    for (const auto* f : d.figures()) kinds.insert(f->chart.kind);
    CHECK(kinds.size() == 5);
    check_charts(d, kDeclaredXlsx);
    // A percentage charted is a fraction with a percent format, as the table's cells are.
    const auto figs = d.figures();
    for (size_t i = 0; i < figs.size(); ++i) {
        if (figs[i]->chart.style != doc::NumStyle::percent) continue;
        const std::string sheet = sheet_of(kDeclaredXlsx, "Figure " + std::to_string(figs[i]->number));
        CHECK(sheet.find("<v>0.58653846") != std::string::npos);  // Eastmoor: 61 of 104, shown 58.7%
        CHECK(sheet.find("<v>58.7") == std::string::npos);
    }
}

TEST_CASE("sheet names are made valid and unique, deterministically", "[xlsx][safety]") {
    std::set<std::string> taken;
    CHECK(xlsx::valid_sheet_name("Table 1", taken) == "Table 1");
    CHECK(xlsx::valid_sheet_name("table 1", taken) == "table 1 (2)");  // Excel ignores case
    CHECK(xlsx::valid_sheet_name("Costs [£m]: a/b*c?d\\e", taken) == "Costs _£m__ a_b_c_d_e");
    CHECK(xlsx::valid_sheet_name("'quoted'", taken) == "quoted");
    const std::string long_name = xlsx::valid_sheet_name("A caption far longer than thirty-one characters", taken);
    CHECK(long_name == "A caption far longer than thirt");
    CHECK(xlsx::valid_sheet_name("A caption far longer than thirty-one characters", taken) == "A caption far longer than t (2)");
    CHECK(xlsx::valid_defined_name("rng_", "cannock-means") == "rng_cannock_means");
}

TEST_CASE("LibreOffice recalculates every formula to the figures the PDF prints", "[xlsx][libreoffice]") {
    if (run("command -v soffice").empty()) {
        WARN("LibreOffice (soffice) is not installed; scripts/install-deps installs it");
        return;
    }
    // Table 2's Initial Total for 2019/20 (632) tampered with.
    CHECK(recalculated_matches(bundled_doc(), kXlsx, [](const std::string& dir) {
              zero_cached(dir + "/" + sheet_file(kXlsx, "Table 2"), "SUM(C5:C11)");
          }) > 500);
}

TEST_CASE("LibreOffice recalculates a declared programme's workbook to the figures its PDF prints", "[xlsx][libreoffice][declared]") {
    if (run("command -v soffice").empty()) {
        WARN("LibreOffice (soffice) is not installed; scripts/install-deps installs it");
        return;
    }
    // The grant's grand total, the carried-forward budget and a cross-table reference,
    // each with its cached value zeroed: only recalculation puts them right.
    CHECK(recalculated_matches(declared_doc(), kDeclaredXlsx, [](const std::string& dir) {
              zero_cached(dir + "/" + sheet_file(kDeclaredXlsx, "Table 2"), "SUM(B8:D8)");
              zero_cached(dir + "/" + sheet_file(kDeclaredXlsx, "Table 6"), "B9");
              zero_cached(dir + "/" + sheet_file(kDeclaredXlsx, "Table 1"), "'Table 4'!C10");
          }) > 80);
}

TEST_CASE("a table's section headings become a group column: every row of the workbook's table is data", "[xlsx][guidance]") {
    const doc::Table* t = bundled_doc().table("finance");
    REQUIRE(t);
    std::vector<std::pair<std::string, std::string>> rows;  // label, group
    for (size_t r = t->header_rows; r < t->rows.size(); ++r)
        if (t->rows[r].kind != doc::Row::Kind::section) rows.push_back({t->rows[r].cells[0].text, t->rows[r].group});
    REQUIRE(rows.size() == 18);
    CHECK(rows[0] == std::make_pair(std::string("Family Group Conferencing"), std::string("Stabilisation Investment")));
    CHECK(rows[7] == std::make_pair(std::string("Initial Total"), std::string("Stabilisation Investment")));  // its subtotal
    CHECK(rows[11] == std::make_pair(std::string("Ongoing Total"), std::string("Model Investment")));
    CHECK(rows[12] == std::make_pair(std::string("Investment Total"), std::string()));  // a grand total is in no group
    CHECK(rows[13].second == "Savings");
    CHECK(rows[17] == std::make_pair(std::string("Return on Investment: (Surplus)/Deficit"), std::string()));
    // The workbook's sheet: no section row, the group in column A.
    const std::string strings = part("xl/sharedStrings.xml");
    CHECK(strings.find(">Category<") != std::string::npos);
    const std::string sheet = sheet_of(kXlsx, "Table 2");
    CHECK(sheet.find("<c r=\"A5\" s=\"") != std::string::npos);
    CHECK(std::regex_search(sheet, std::regex("<c r=\"A17\"[^>]*/>")));  // Investment Total: in no group
}

TEST_CASE("a cell with no figure is a shorthand in the workbook, explained on the Notes sheet", "[xlsx][guidance]") {
    // Table 1 of the bundled example: no actual figure for the target years, and no target
    // for September 2019; the PDF prints dashes.
    const std::string strings = part("xl/sharedStrings.xml");
    CHECK(strings.find("<t>[x]</t>") != std::string::npos);
    CHECK(strings.find("Not available: the source gives no figure here") != std::string::npos);
    CHECK(strings.find("<t>-</t>") == std::string::npos);  // never a dash stored as text
    // On the chart's own sheet, the same points stay empty (a chart reads text as zero).
    const std::string figure = sheet_of(kXlsx, "Figure 2");
    CHECK(figure.find("An empty cell is a point the chart does not plot") == std::string::npos);  // a shared string
    CHECK(strings.find("An empty cell is a point the chart does not plot: [x]") != std::string::npos);
    // Excel keeps the cached values: no recalculation on load, so no prompt to save.
    const std::string wb = part("xl/workbook.xml");
    CHECK(wb.find("fullCalcOnLoad") == std::string::npos);
    CHECK(wb.find("<calcPr calcId=\"191029\"/>") != std::string::npos);
}

TEST_CASE("the report spec's workbook block: what the cover says and how negatives print; bad values at their place", "[xlsx][guidance]") {
    Scratch s;
    s.write("templates/body.mustache", "Figures.\n\n@table t\n");
    const std::string data =
        "tables:\n  - id: t\n    title: Budget\n    unit: \"£m\"\n    rows_heading: Budget\n    columns: [2024/25, 2025/26]\n    rows:\n"
        "      - {id: a, label: Pressures, values: [1.5, 0]}\n      - {id: b, label: Savings, values: [-0.6, -1.2]}\n";
    auto build = [&](const std::string& workbook) {
        s.write("data.yaml", data);
        const std::string spec = s.write("report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\n"
                                                                                   "tables: [{id: t}]\n" + workbook));
        bp::BuildOptions o;
        o.out_dir = s.path("out");
        o.templates_root = templates_root();
        return bp::run_report(spec, o);
    };
    SECTION("plain by default: a minus sign and 0") {
        const auto r = build("workbook: {coverage: Northvale, period: 2024 to 2026}\n");
        INFO(listing(r.diags));
        REQUIRE(r.outputs.size() == 4);
        const std::string x = s.path("out/" + r.id + ".xlsx");
        const std::string styles = part_of(x, "xl/styles.xml"), strings = part_of(x, "xl/sharedStrings.xml");
        CHECK(styles.find("formatCode=\"0.0\"") != std::string::npos);
        CHECK(styles.find("(#,##0") == std::string::npos);
        CHECK(strings.find("<t>Northvale</t>") != std::string::npos);
        CHECK(strings.find("<t>2024 to 2026</t>") != std::string::npos);
        CHECK(strings.find("Negative figures have a minus sign and zeros show as 0.") != std::string::npos);
    }
    SECTION("accounting: brackets and a dash, as the PDF") {
        const auto r = build("workbook: {numbers: accounting}\n");
        INFO(listing(r.diags));
        REQUIRE(r.outputs.size() == 4);
        const std::string styles = part_of(s.path("out/" + r.id + ".xlsx"), "xl/styles.xml");
        CHECK(styles.find("formatCode=\"#,##0.0;(#,##0.0);&quot;-&quot;\"") != std::string::npos);
    }
    SECTION("a value it does not know, and a key it does not know") {
        const auto r = build("workbook: {numbers: brackets, colour: red}\n");
        INFO(listing(r.diags));
        CHECK(r.outputs.empty());
        CHECK(has(r.diags, "report.yaml", 11, 21, Severity::error, "numbers"));
        CHECK(has(r.diags, "report.yaml", 11, 40, Severity::error, "colour"));
    }
}
