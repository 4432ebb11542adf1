// The Excel appendix, read back: its layout, every formula and cached value against
// the computed figures, its charts, and recalculation by LibreOffice.
#include <catch2/catch.hpp>

#include <cmath>
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

std::string part(const std::string& name) { return run("unzip -p '" + kXlsx + "' '" + name + "'"); }

const doc::Document& bundled_doc() {
    static const doc::Document d = [] {
        Diagnostics diags;
        const Programme p = load::load_programme(std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml", diags);
        return *compose_programme(p, compose::Options{templates_root()}, diags);
    }();
    return d;
}

// Sheets in workbook order, numbered as the zip names them (sheet1.xml ...).
std::vector<std::string> sheet_names() {
    const std::string wb = part("xl/workbook.xml");
    std::vector<std::string> names;
    const std::regex sheet("<sheet name=\"([^\"]+)\"");
    for (std::sregex_iterator it(wb.begin(), wb.end(), sheet), end; it != end; ++it) names.push_back((*it)[1]);
    return names;
}

std::string xml_unescape(std::string s) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}) {
        for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
    }
    return s;
}

}  // namespace

TEST_CASE("the workbook has Contents, About, a sheet per table and per figure", "[xlsx]") {
    const auto names = sheet_names();
    const auto& d = bundled_doc();
    REQUIRE(names.size() == 2 + d.tables().size() + d.figures().size());
    CHECK(names[0] == "Contents");
    CHECK(names[1] == "About");
    for (size_t i = 0; i < d.tables().size(); ++i) CHECK(names[2 + i] == "Table " + std::to_string(i + 1));
    for (size_t i = 0; i < d.figures().size(); ++i) CHECK(names[2 + d.tables().size() + i] == "Figure " + std::to_string(i + 1));
    // Contents links to every other sheet.
    const std::string contents = part("xl/worksheets/_rels/sheet1.xml.rels") + part("xl/worksheets/sheet1.xml");
    for (size_t i = 1; i < names.size(); ++i) CHECK(contents.find("location=\"'" + names[i] + "'!A1\"") != std::string::npos);
    // About lists every input with its SHA-256.
    const std::string strings = part("xl/sharedStrings.xml");
    for (const char* input : {"Input SHA-256: report.yaml", "Input SHA-256: mtfs.yaml", "Input SHA-256: pilots.yaml",
                              "Input SHA-256: templates/finances.mustache", "Input SHA-256: boardpack templates/common/appendix_star.mustache"})
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
    // Contents, About, every table, every figure's data.
    const std::string listing = run("unzip -l '" + kXlsx + "'");
    CHECK(std::regex_search(listing, std::regex("xl/tables/table" + std::to_string(2 + tables + d.figures().size()) + "\\.xml")));
    const std::string finance = part("xl/worksheets/sheet4.xml");
    CHECK(finance.find("<pane xSplit=\"1\" ySplit=\"4\"") != std::string::npos);
    CHECK(finance.find("orientation=\"landscape\"") != std::string::npos);
    CHECK(finance.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);  // one page wide
    CHECK(finance.find("fitToHeight=\"0\"") != std::string::npos);
    CHECK(finance.find("<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>") != std::string::npos);
    CHECK(wb.find("_xlnm.Print_Titles") != std::string::npos);
    const std::string t1 = part("xl/tables/table4.xml");
    CHECK(t1.find("headerRowCount") == std::string::npos);  // the default: one header row
    CHECK(t1.find("<tableColumn id=\"2\" name=\"2019/20\"") != std::string::npos);
}

TEST_CASE("every derived cell is a formula whose cached value is the computed figure", "[xlsx]") {
    const auto& d = bundled_doc();
    const auto names = sheet_names();
    size_t formulas = 0;
    for (size_t ti = 0; ti < d.tables().size(); ++ti) {
        const doc::Table& t = *d.tables()[ti];
        const std::string xml = part("xl/worksheets/sheet" + std::to_string(3 + ti) + ".xml");
        for (size_t r = t.header_rows; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
                const doc::Cell& cell = t.rows[r].cells[c];
                if (cell.kind != doc::Cell::Kind::number) continue;
                const std::string ref = xlsx::cell_name(xlsx::excel_row(t, r), c);
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
    CHECK(formulas > 200);
}

TEST_CASE("each figure has a native chart of its type, series and colours, with its description", "[xlsx][charts]") {
    const auto& d = bundled_doc();
    const auto figs = d.figures();
    for (size_t i = 0; i < figs.size(); ++i) {
        const std::string chart = part("xl/charts/chart" + std::to_string(i + 1) + ".xml");
        INFO("Figure " << figs[i]->number);
        switch (figs[i]->chart.kind) {
            case doc::Chart::Kind::column: CHECK(chart.find("<c:grouping val=\"clustered\"/>") != std::string::npos); break;
            case doc::Chart::Kind::stacked_column: CHECK(chart.find("<c:grouping val=\"stacked\"/>") != std::string::npos); break;
            case doc::Chart::Kind::line: CHECK(chart.find("<c:lineChart>") != std::string::npos); break;
            case doc::Chart::Kind::radar: CHECK(chart.find("<c:radarChart>") != std::string::npos); break;
        }
        size_t series = 0;
        for (size_t p = chart.find("<c:ser>"); p != std::string::npos; p = chart.find("<c:ser>", p + 1)) ++series;
        CHECK(series == figs[i]->chart.series.size());
        CHECK(chart.find("0072B2") != std::string::npos);  // the PDF's first colour
        const std::string drawing = part("xl/drawings/drawing" + std::to_string(i + 1) + ".xml");
        CHECK(drawing.find("descr=\"" + figs[i]->alt.substr(0, 40)) != std::string::npos);
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
    Scratch s;
    // Tamper with one cached value (Table 2's Initial Total for 2019/20, 632) so that
    // only a real recalculation can print it right.
    const std::string dir = s.path("x");
    run("mkdir -p '" + dir + "' && cd '" + dir + "' && unzip -q '" + kXlsx + "'");
    const std::string sheet = dir + "/xl/worksheets/sheet4.xml";
    std::string xml;
    {
        std::ifstream in(sheet);
        std::stringstream ss;
        ss << in.rdbuf();
        xml = ss.str();
    }
    const std::string cached = "<f>SUM(B6:B12)</f><v>632</v>";
    REQUIRE(xml.find(cached) != std::string::npos);
    xml.replace(xml.find(cached), cached.size(), "<f>SUM(B6:B12)</f><v>0</v>");
    std::ofstream(sheet) << xml;
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
    const auto& d = bundled_doc();
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
                REQUIRE(c < rows[xr].size());
                CHECK(rows[xr][c] == cell.display());
                ++compared;
            }
    }
    CHECK(compared > 500);
}
