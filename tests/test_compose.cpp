// Compose: numbering in reading order, and every chart followed by its data.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "compose/compose.hpp"
#include "load/load_programme.hpp"
#include "support.hpp"

using namespace bp;
using namespace bp::test;

namespace {

std::optional<doc::Document> compose_report(const Scratch& s, const std::string& extra, Diagnostics& d) {
    s.write("data.yaml", "cohorts:\n  - id: lac\n    name: Looked after children\n    points:\n"
                         "      - {date: 2019-09-30, actual: 1248}\n      - {date: 2020-03-31, target: 1185}\n");
    s.write("templates/body.mustache", "See {{figure.chart}}.\n\n@figure chart\n\nAfter the chart ({{table.lac}}).\n\n@table lac\n");
    const Programme p = load::load_programme(s.write("report.yaml", report_yaml("[data.yaml]", extra)), d);
    return compose_programme(p, compose::Options{templates_root()}, d);
}

const std::string kSpec =
    "sections:\n  - {heading: Body, template: body}\n"
    "tables:\n  - {id: lac, source: cohort.lac, caption: Numbers}\n";

}  // namespace

TEST_CASE("a chart without a named data table is followed by one, numbered in reading order", "[compose][figures]") {
    Scratch s;
    Diagnostics d;
    const auto doc = compose_report(s, kSpec + "figures:\n  - {id: chart, source: cohort.lac, caption: Trend, alt: A line chart of the numbers}\n", d);
    INFO(listing(d));
    REQUIRE(doc);
    std::vector<std::string> order;
    for (const auto& b : doc->blocks) {
        if (auto f = std::get_if<doc::Figure>(&b)) order.push_back("Figure " + std::to_string(f->number));
        if (auto t = std::get_if<doc::Table>(&b)) order.push_back("Table " + std::to_string(t->number) + " " + t->caption);
    }
    CHECK(order == std::vector<std::string>{"Figure 1", "Table 1 Data for Trend", "Table 2 Numbers"});
    const doc::Table* data = doc->table("chart-data");
    REQUIRE(data);
    REQUIRE(data->rows.size() == 3);
    CHECK(data->rows[1].cells[1].display() == "1,248");
    CHECK(data->rows[2].cells[2].display() == "1,185");
}

TEST_CASE("a chart that names its data table points to it instead", "[compose][figures]") {
    Scratch s;
    Diagnostics d;
    const auto doc = compose_report(s, kSpec + "figures:\n  - {id: chart, source: cohort.lac, caption: Trend, alt: A line chart of the numbers, data_table: lac}\n", d);
    REQUIRE(doc);
    CHECK_FALSE(doc->table("chart-data"));
    bool pointer = false;
    for (const auto& b : doc->blocks)
        if (auto p = std::get_if<doc::Paragraph>(&b)) pointer = pointer || p->text == "The figures charted are in Table 1.";
    CHECK(pointer);
    Diagnostics bad;
    compose_report(s, kSpec + "figures:\n  - {id: chart, source: cohort.lac, caption: Trend, alt: A line chart of the numbers, data_table: nosuch}\n", bad);
    CHECK(has(bad, "report.yaml", 14, 99, Severity::error, "its data_table 'nosuch' is not a table the report declares"));
}

namespace {
std::string squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f') { space = true; continue; }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}
}  // namespace

TEST_CASE("pdftotext gives back every paragraph and every table cell, in reading order", "[golden][pdf]") {
    Diagnostics d;
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/";
    const Programme p = load::load_programme(dir + "report.yaml", d);
    const auto doc = compose_programme(p, compose::Options{templates_root()}, d);
    REQUIRE(doc);
    std::string text;
    const std::string cmd = "pdftotext -raw '" + std::string(BOARDPACK_SOURCE_DIR) + "/outputs/children-families-part2.pdf' -";
    if (FILE* f = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
        ::pclose(f);
    }
    // Footers are page furniture (artifacts): drop them, as a screen reader would.
    std::string body;
    std::istringstream lines(text);
    const std::regex footer("^(Page [0-9]+ of [0-9]+|" + doc->look.footer_left + ")$");
    for (std::string l; std::getline(lines, l);)
        if (!std::regex_match(l, footer)) body += l + "\n";
    text = squeeze(body);
    size_t at = 0, checked = 0;
    auto expect = [&](const std::string& what) {
        const std::string s = squeeze(what);
        if (s.empty()) return;
        const size_t found = text.find(s, at);
        INFO("not found in order: " << s);
        REQUIRE(found != std::string::npos);
        at = found + s.size();
        ++checked;
    };
    for (const auto& b : doc->blocks) {
        if (auto h = std::get_if<doc::Heading>(&b)) expect(h->text);
        if (auto para = std::get_if<doc::Paragraph>(&b)) {
            expect(para->text);
            for (const auto& i : para->items) expect(i);
            for (const auto& i : para->bullets) expect(i);
        }
        if (auto t = std::get_if<doc::Table>(&b))
            for (const auto& r : t->rows)
                for (const auto& c : r.cells) expect(c.display());
    }
    CHECK(checked > 900);
}
