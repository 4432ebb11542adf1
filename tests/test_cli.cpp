// The command line: exit codes and where diagnostics go.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <regex>
#include <set>

#include "support.hpp"

using namespace bp::test;

namespace {
Run run(const std::string& args, const std::string& in_dir = "") {
    return run_boardpack(args, in_dir.empty() ? std::string() : "cd '" + in_dir + "' &&");
}
const std::string kReport = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/report.yaml";
}  // namespace

TEST_CASE("--help and --version exit 0", "[cli]") {
    CHECK(run("--help").status == 0);
    const auto v = run("--version");
    CHECK(v.status == 0);
    CHECK(v.out.rfind("boardpack ", 0) == 0);
}

TEST_CASE("validate exits 0 on the bundled example and 1 on invalid input", "[cli]") {
    CHECK(run("validate '" + kReport + "'").status == 0);
    Scratch s;
    s.write("data.yaml", "brfc:\n  families_attached: 10\n");
    const auto r = run("validate '" + s.write("report.yaml", report_yaml()) + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("data.yaml:2:3: error: missing required key 'original_target' in brfc") != std::string::npos);
}

TEST_CASE("a report named without a folder is read from the current one", "[cli]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    s.write("report.yaml", report_yaml());
    const auto r = run("validate report.yaml --templates '" + templates_root() + "'", s.dir().string());
    INFO(r.out);
    CHECK(r.status == 0);
}

TEST_CASE("a wrong command line exits 1", "[cli]") {
    CHECK(run("frobnicate").status == 1);
    CHECK(run("build --nosuch").status == 1);
    CHECK(run("validate").status == 1);
}

TEST_CASE("build writes both outputs, and an unwritable output folder exits 2", "[cli]") {
    Scratch s;
    const auto ok = run("build '" + kReport + "' --out '" + s.path("out") + "'");
    CHECK(ok.status == 0);
    CHECK(fs::exists(s.path("out/children-families-part2.pdf")));
    CHECK(fs::exists(s.path("out/children-families-part2.xlsx")));
    s.write("blocker", "a file where a folder should be");
    const auto bad = run("build '" + kReport + "' --out '" + s.path("blocker/out") + "'");
    CHECK(bad.status == 2);
}

TEST_CASE("a report with errors is not rendered and its old outputs stay", "[cli]") {
    Scratch s;
    s.write("out/report.pdf", "previous");
    s.write("data.yaml", "brfc:\n  families_attached: 1\n  original_target: 1\n  successful_closures: 5\n  conversion:\n    base: original_target\n");
    const auto r = run("build '" + s.write("report.yaml", report_yaml()) + "' --out '" + s.path("out") + "'");
    CHECK(r.status == 1);
    std::ifstream in(s.path("out/report.pdf"));
    std::string content;
    std::getline(in, content);
    CHECK(content == "previous");
}

TEST_CASE("the folder boardpack runs from changes nothing: diagnostics and outputs are the same", "[cli]") {
    // The bundled example has its own templates/ folder, which is never a house style.
    Scratch s;
    const std::string prog = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2";
    const auto from_root = run("build '" + kReport + "' --out '" + s.path("a") + "'", BOARDPACK_SOURCE_DIR);
    const auto from_prog = run("build report.yaml --out '" + s.path("b") + "'", prog);
    const auto from_tmp = run("build '" + kReport + "' --out '" + s.path("c") + "'", s.dir().string());
    INFO(from_root.out << from_prog.out << from_tmp.out);
    REQUIRE(from_root.status == 0);
    REQUIRE(from_prog.status == 0);
    REQUIRE(from_tmp.status == 0);
    for (const char* ext : {".pdf", ".xlsx", ".html"}) {
        const std::string name = std::string("children-families-part2") + ext;
        CHECK(capture("cmp '" + s.path("a/" + name) + "' '" + s.path("b/" + name) + "' && echo same") == "same\n");
        CHECK(capture("cmp '" + s.path("a/" + name) + "' '" + s.path("c/" + name) + "' && echo same") == "same\n");
    }
    const auto v = run("validate report.yaml", prog);
    INFO(v.out);
    CHECK(v.status == 0);
    CHECK(v.out.find("error:") == std::string::npos);
}

TEST_CASE("init writes a starter programme that builds at once, with no diagnostic", "[cli][init]") {
    Scratch s;
    const std::string dir = s.path("first");
    const auto init = run("init '" + dir + "'");
    INFO(init.out);
    REQUIRE(init.status == 0);
    for (const char* f : {"report.yaml", "data.yaml", "templates/take_up.mustache", "schema/boardpack.schema.json",
                          "schema/report.schema.json", "schema/data.schema.json"})
        CHECK(fs::is_regular_file(dir + "/" + f));
    // The editor's schema lines point at the schema written beside them.
    CHECK(slurp(dir + "/report.yaml").rfind("# yaml-language-server: $schema=schema/report.schema.json\n", 0) == 0);
    CHECK(slurp(dir + "/data.yaml").rfind("# yaml-language-server: $schema=schema/data.schema.json\n", 0) == 0);
    CHECK(slurp(dir + "/schema/boardpack.schema.json") == slurp(std::string(BOARDPACK_SOURCE_DIR) + "/schema/boardpack.schema.json"));
    // Built with the house styles the binary finds on its own, as a new user would.
    const auto build = run("build '" + dir + "/report.yaml' --out '" + dir + "/outputs'");
    INFO(build.out);
    CHECK(build.status == 0);
    CHECK(build.out.find("0 errors, 0 warnings") != std::string::npos);
    CHECK(fs::is_regular_file(dir + "/outputs/first.pdf"));
    CHECK(fs::is_regular_file(dir + "/outputs/first.xlsx"));
    const std::string text = capture("pdftotext '" + dir + "/outputs/first.pdf' -");
    CHECK(text.find("7,000 places") != std::string::npos);
}

TEST_CASE("init writes only into a new or empty folder, and never over a file", "[cli][init]") {
    Scratch s;
    s.write("taken/notes.txt", "mine\n");
    const auto r = run("init '" + s.path("taken") + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("is not empty; init writes only into a new or empty folder") != std::string::npos);
    CHECK(slurp(s.path("taken/notes.txt")) == "mine\n");
    CHECK_FALSE(fs::exists(s.path("taken/report.yaml")));
    s.write("file", "x");
    const auto f = run("init '" + s.path("file") + "'");
    CHECK(f.status == 1);
    CHECK(f.out.find("exists and is not a folder") != std::string::npos);
    CHECK(run("init").status == 1);
    CHECK(run("init a b").status == 1);
    fs::create_directories(s.path("empty"));
    CHECK(run("init '" + s.path("empty") + "'").status == 0);
}

TEST_CASE("init --style writes a house style that the starter report uses and builds with", "[cli][init][style]") {
    Scratch s;
    const std::string dir = s.path("styled");
    const auto init = run("init '" + dir + "' --style westmere");
    INFO(init.out);
    REQUIRE(init.status == 0);
    REQUIRE(fs::is_regular_file(dir + "/westmere/style.yaml"));
    CHECK(slurp(dir + "/report.yaml").find("\nstyle: westmere\n") != std::string::npos);
    CHECK(slurp(dir + "/westmere/style.yaml").rfind("# yaml-language-server: $schema=../schema/style.schema.json\n", 0) == 0);
    CHECK(fs::is_regular_file(dir + "/schema/style.schema.json"));
    const auto build = run("build '" + dir + "/report.yaml' --out '" + dir + "/outputs'");
    INFO(build.out);
    CHECK(build.status == 0);
    CHECK(build.out.find("0 errors, 0 warnings") != std::string::npos);
    const std::string text = capture("pdftotext '" + dir + "/outputs/styled.pdf' -");
    CHECK(text.find("Your Council") != std::string::npos);  // the starter style's organisation, in the footer
    // Alone, a style folder with its own schema, ready to put beside a report.
    const auto alone = run("init --style eastmere", s.dir().string());
    INFO(alone.out);
    CHECK(alone.status == 0);
    CHECK(slurp(s.path("eastmere/style.yaml")).rfind("# yaml-language-server: $schema=schema/style.schema.json\n", 0) == 0);
    CHECK(fs::is_regular_file(s.path("eastmere/schema/style.schema.json")));
    // Names a report could never reach, or that are not names, are refused.
    for (const char* bad : {"cabinet", "select_committee", "../up", "a/b", ".hidden"}) {
        INFO(bad);
        CHECK(run(std::string("init '") + s.path("x") + "' --style '" + bad + "'").status == 1);
    }
    CHECK_FALSE(fs::exists(s.path("x")));
}

TEST_CASE("schema prints the JSON Schema, or writes its files", "[cli][schema]") {
    const auto r = run("schema");
    CHECK(r.status == 0);
    CHECK(r.out == slurp(std::string(BOARDPACK_SOURCE_DIR) + "/schema/boardpack.schema.json"));
    Scratch s;
    CHECK(run("schema --out '" + s.path("schema") + "'").status == 0);
    for (const char* f : {"boardpack.schema.json", "report.schema.json", "data.schema.json"})
        CHECK(slurp(s.path(std::string("schema/") + f)) == slurp(std::string(BOARDPACK_SOURCE_DIR) + "/schema/" + f));
    CHECK(run("schema --bogus").status == 1);
}

TEST_CASE("names lists every name a report's templates may use, with its value", "[cli][names]") {
    Scratch s;
    REQUIRE(run("init '" + s.path("p") + "'").status == 0);
    const auto r = run("names '" + s.path("p/report.yaml") + "'");
    INFO(r.out);
    CHECK(r.status == 0);
    for (const char* line : {"tables.places.total.offered: 7,000\n", "tables.places.summer.take_up: 91.5%\n",
                             "raw.tables.places.total.attended: 6160 (count)\n", "table.places: Table 1\n",
                             "figure.places-chart: Figure 1\n", "report.committee: Communities Scrutiny Committee\n",
                             "pct1: a formatting helper\n"})
        CHECK(r.out.find(line) != std::string::npos);
    // A name whose direction the data contradict is listed with why it is refused.
    const auto k = run("names '" + kReport + "' 2>/dev/null");
    CHECK(k.out.find("mtfs.roi_final_deficit: refused: states a deficit") != std::string::npos);
    CHECK(run("names").status == 1);
    CHECK(run("names '" + s.path("missing.yaml") + "'").status == 1);
}

TEST_CASE("every template name the README lists is one 'boardpack names' gives", "[cli][names][docs]") {
    // The README's reference names templates' names in prose; `boardpack names` lists
    // them from the code. A name the README gives that the code does not is drift.
    const std::string readme = slurp(std::string(BOARDPACK_SOURCE_DIR) + "/README.md");
    const size_t from = readme.find("### House styles"), to = readme.find("## The PDF");
    REQUIRE(from != std::string::npos);
    REQUIRE(to > from);
    const std::string section = readme.substr(from, to - from);
    std::string names;
    for (const char* report : {"children-families-part2/report.yaml", "children-families-part2/report-select-committee.yaml",
                               "supporting-families-update/report.yaml"}) {
        const auto r = run(std::string("names '") + BOARDPACK_SOURCE_DIR + "/inputs/" + report + "'");
        REQUIRE(r.status == 0);
        names += "\n" + r.out;
    }
    const std::set<std::string> roots = {"mtfs", "brfc", "cohort", "pilot", "fact", "difference", "tables",
                                         "report", "style", "raw", "table", "figure", "star"};
    const std::regex token("`([a-z_]+(\\.[a-z0-9_]+)+)`");
    size_t checked = 0;
    for (std::sregex_iterator it(section.begin(), section.end(), token), end; it != end; ++it) {
        const std::string name = (*it)[1];
        if (!roots.count(name.substr(0, name.find('.')))) continue;
        if (std::regex_search(name, std::regex("\\.(yaml|mustache|json|png)$"))) continue;  // a file, not a name
        INFO(name);
        // A listed name, or the start of listed names (a group such as mtfs.investment).
        const bool listed = names.find("\n" + name + ":") != std::string::npos || names.find("\n" + name + ".") != std::string::npos ||
                            names.rfind(name + ":", 0) == 0 || names.find("." + name + ":") != std::string::npos;
        CHECK(listed);
        ++checked;
    }
    CHECK(checked > 20);
}
