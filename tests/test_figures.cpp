// The figures file (<id>.figures.json): every cell with its identity, exact value, the
// text the paper prints, where it came from and where that was written; deterministic
// whoever runs it from wherever. (Its schema is held by tests/figures_schema.py.)
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "render/figures/figures_json.hpp"
#include "support.hpp"

using namespace bp::test;
using nlohmann::json;

namespace {

const char* kData =
    "tables:\n"
    "  - id: t\n"
    "    title: Closures\n"
    "    unit: count\n"
    "    columns: [{id: v, label: Value}]\n"
    "    rows:\n"
    "      - {id: done, label: Closed, values: [17]}\n"
    "      - {id: all, label: Attached, values: [23]}\n"
    "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n";

struct Built {
    bp::ReportResult res;
    std::string text;  // the figures file
};

Built build(const Scratch& s, const std::string& report_path, const std::string& out) {
    bp::BuildOptions o;
    o.out_dir = out;
    o.templates_root = templates_root();
    Built b{bp::run_report(report_path, o), ""};
    if (!b.res.id.empty()) b.text = slurp(out + "/" + b.res.id + ".figures.json");
    (void)s;
    return b;
}

std::string write_programme(const Scratch& s) {
    s.write("p/data.yaml", kData);
    s.write("p/templates/body.mustache", "The table follows.\n\n@table t\n");
    return s.write("p/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
}

const json& cell(const json& file, const std::string& table, const std::string& row, const std::string& col) {
    for (const auto& t : file["tables"])
        if (t["id"] == table)
            for (const auto& c : t["cells"])
                if (c["row"] == row && c["column"] == col) return c;
    FAIL("no cell " + table + "." + row + "." + col);
    static const json none;
    return none;
}

}  // namespace

TEST_CASE("exact values: terminating decimals as decimals, other rationals as fractions", "[figures]") {
    using bp::Num;
    using bp::exact_text;
    CHECK(exact_text(Num(128)) == "128");
    CHECK(exact_text(Num::ratio(1, 8)) == "0.125");
    CHECK(exact_text(Num::ratio(-1, 80)) == "-0.0125");
    CHECK(exact_text(Num::ratio(739, 1000)) == "0.739");
    CHECK(exact_text(Num::ratio(17, 23)) == "17/23");
    CHECK(exact_text(Num::ratio(-2, 3)) == "-2/3");
}

TEST_CASE("each cell says what it is, what it prints, where it came from and where that was written", "[figures]") {
    Scratch s;
    const Built b = build(s, write_programme(s), s.path("out"));
    INFO(listing(b.res.diags));
    REQUIRE(b.res.outputs.size() == 4);
    CHECK(b.res.outputs.back() == s.path("out") + "/" + b.res.id + ".figures.json");
    const json f = json::parse(b.text);
    CHECK(f["format"] == "boardpack-figures");
    CHECK(f["version"] == 2);
    CHECK(f["report"]["date"] == "2019-11-20");
    REQUIRE(f["tables"].size() == 1);
    CHECK(f["tables"][0]["placed_as"] == json::array({"Table 1"}));

    const json& done = cell(f, "t", "done", "v");
    CHECK(done["kind"] == "number");
    CHECK(done["unit"] == "count");
    CHECK(done["value"] == "17");
    CHECK(done["shown"] == "17");
    CHECK(done["origin"] == "typed");
    // Line 7 of data.yaml, where 17 is typed, the file named relative to the report's folder.
    CHECK(done["at"] == json({{"file", "data.yaml"}, {"line", 7}, {"column", 44}}));  // the 1 of 17

    const json& rate = cell(f, "t", "rate", "v");
    CHECK(rate["unit"] == "%");
    CHECK(rate["value"] == "17/23");  // exact: the fraction, not 0.739...
    CHECK(rate["shown"] == "73.9%");
    CHECK(rate["origin"] == "derived");
    CHECK(rate["from"] == "t.done.v / t.all.v");
    CHECK(rate["at"]["file"] == "data.yaml");
    CHECK(rate["at"]["line"] == 9);
}

TEST_CASE("the figures file is the same bytes whoever builds it from wherever", "[figures]") {
    Scratch s;
    const std::string report = write_programme(s);
    const Built a = build(s, report, s.path("a"));
    // The same report by its absolute path, into another folder.
    const Built b = build(s, fs::absolute(report).string(), s.path("b"));
    REQUIRE_FALSE(a.text.empty());
    CHECK(a.text == b.text);
    CHECK(a.text.find(s.dir().string()) == std::string::npos);  // no path of this machine
}

TEST_CASE("a programme kind's figures: typed ones point at the data, its own are 'computed', named ones listed", "[figures]") {
    const std::string file = slurp(std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.figures.json");
    const json f = json::parse(file);
    // The MTFS table: typed in mtfs.yaml.
    const json& fgc = cell(f, "mtfs.investment", "g0_l0", "2019_20");
    CHECK(fgc["value"] == "128");
    CHECK(fgc["origin"] == "typed");
    CHECK(fgc["at"]["file"] == "mtfs.yaml");
    const json& total = cell(f, "mtfs.investment", "g0_total", "2019_20");
    CHECK(total["origin"] == "derived");
    CHECK(total["value"] == "632");
    // A pilot's stage counts come from its families' readings: computed by the kind.
    bool computed = false;
    for (const auto& t : f["tables"])
        if (t["id"] == "pilot.cannock.stages_initial")
            for (const auto& c : t["cells"])
                if (c["origin"] == "computed" && c["by"] == "pilot" && c["at"].is_null()) computed = true;
    CHECK(computed);
    bool attached = false;
    for (const auto& n : f["named"])
        if (n["name"] == "brfc.families_attached" && n["shown"] == "6,049") attached = true;
    CHECK(attached);
}

TEST_CASE("build --csv writes each declared table as tidy open data, and a later run without it removes them", "[figures][csv]") {
    Scratch s;
    s.write("p/data.yaml", std::string(kData) +
                               "  - id: notes\n"
                               "    title: Notes\n"
                               "    unit: count\n"
                               "    columns: [{id: n, label: \"Families, \\\"open\\\"\"}]\n"
                               "    rows:\n"
                               "      - {id: x, label: Open, values: [-]}\n");
    s.write("p/templates/body.mustache", "The table follows.\n\n@table t\n");
    const std::string report =
        s.write("p/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
    const std::string build_it =
        "build '" + report + "' --out '" + s.path("out") + "' --templates '" + templates_root() + "'";
    const Run first = run_boardpack(build_it + " --csv");
    INFO(first.out);
    REQUIRE(first.status == 0);
    // One line a cell, its unit on it; a percentage as a percentage, to 12 places where
    // it does not terminate; no figure, no value; quoted where a field needs it.
    CHECK(slurp(s.path("out/p.tables/t.csv")) ==
          "row_id,row,column_id,column,unit,value,shown\r\n"
          "done,Closed,v,Value,count,17,17\r\n"
          "all,Attached,v,Value,count,23,23\r\n"
          "rate,Rate,v,Value,%,73.913043478261,73.9%\r\n");
    CHECK(slurp(s.path("out/p.tables/notes.csv")) ==
          "row_id,row,column_id,column,unit,value,shown\r\n"
          "x,Open,n,\"Families, \"\"open\"\"\",,,-\r\n");
    // The manifest lists them; an unchanged run leaves them; check compares them.
    CHECK(slurp(s.path("out/manifest.json")).find("\"path\": \"p.tables/t.csv\"") != std::string::npos);
    CHECK(run_boardpack(build_it + " --csv").out.find("0 built, 1 unchanged") != std::string::npos);
    CHECK(run_boardpack("check '" + report + "' --out '" + s.path("out") + "' --templates '" + templates_root() + "' --csv").status == 0);
    // Without --csv the outputs differ (an edition fewer): built again, and last run's
    // CSVs do not stay beside this run's figures.
    const Run plain = run_boardpack(build_it);
    CHECK(plain.out.find("1 built, 0 unchanged") != std::string::npos);
    CHECK(!fs::exists(s.path("out/p.tables")));
}

TEST_CASE("a percentage less a percentage is in percentage points, in the table and in the prose", "[figures][tables]") {
    Scratch s;
    s.write("p/data.yaml",
            "tables:\n"
            "  - id: t\n"
            "    title: Rates\n"
            "    unit: \"%\"\n"
            "    decimals: 1\n"
            "    columns: [{id: a, label: East}, {id: b, label: West}, {id: gap, label: Gap, difference: [a, b]}]\n"
            "    rows:\n"
            "      - {id: rate, label: Conversion, values: [58.7%, 56.1%]}\n");
    s.write("p/templates/body.mustache", "East is {{tables.t.rate.gap}} ahead.\n\n@table t\n");
    const std::string report =
        s.write("p/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
    const Built b = build(s, report, s.path("out"));
    INFO(listing(b.res.diags));
    REQUIRE(b.res.outputs.size() == 4);
    const json f = json::parse(b.text);
    CHECK(cell(f, "t", "rate", "gap")["shown"] == "2.6 pts");  // not "2.6%", which reads as a relative change
    CHECK(cell(f, "t", "rate", "gap")["value"] == "0.026");
    bool said = false;
    for (const auto& p : f["paragraphs"])
        if (p["text"] == "East is 2.6 percentage points ahead.") said = true;
    CHECK(said);
    // The workbook holds points as points, its formula the difference times 100.
    const std::string sheets = capture("unzip -p '" + s.path("out/p.xlsx") + "' 'xl/worksheets/*.xml'");
    CHECK(sheets.find("<f>(B4-C4)*100</f>") != std::string::npos);
}
