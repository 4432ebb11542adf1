// The HTML edition's writer (render/html/): what it makes of the document IR, and
// the settings that turn it off. tests/html_edition.js checks the written files in a
// browser; these check the writer's own rules, one at a time.
#include <algorithm>
#include <regex>

#include "render/html/html_writer.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "support.hpp"

using namespace bp::test;
namespace doc = bp::doc;

namespace {

std::string html_of(const doc::Document& d) {
    const auto fonts = bp::pdf::FontPaths::defaults();
    return bp::html::render_html(d, bp::html::Fonts{fonts.regular, fonts.bold});
}

size_t count(const std::string& s, const std::string& needle) {
    size_t n = 0;
    for (size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
    return n;
}

doc::Document base() {
    doc::Document d;
    d.title = "A test report";
    d.date_iso = "2019-11-20";
    d.look.chart = {{0.07, 0.26, 0.43}, {0.16, 0.63, 0.59}};
    return d;
}

doc::Paragraph para(int number, std::string text) {
    doc::Paragraph p;
    p.number = number;
    p.text = std::move(text);
    return p;
}

doc::Table small_table(int number) {
    doc::Table t;
    t.id = "take_up";
    t.number = number;
    t.caption = "Take-up by area";
    t.header_rows = 1;
    doc::Row h;
    h.kind = doc::Row::Kind::header;
    h.cells = {doc::Cell::label("", true), doc::Cell::label("Families", true)};
    doc::Row r;
    r.cells = {doc::Cell::label("East"), doc::Cell::number(bp::Num(1234), 0, doc::NumStyle::count)};
    doc::Row total;
    total.kind = doc::Row::Kind::total;
    total.cells = {doc::Cell::label("Total", true), doc::Cell::number(bp::Num(1234), 0, doc::NumStyle::count, true)};
    t.rows = {h, r, total};
    return t;
}

doc::Figure small_figure(int number, const std::string& data_table) {
    doc::Figure f;
    f.id = "take_up_chart";
    f.number = number;
    f.caption = "Families by area";
    f.alt = "Column chart of families in East & West";
    f.chart.categories = {"East", "West"};
    f.chart.series = {doc::Series{"Families", {bp::Num(12), bp::Num(30)}, {}}};
    f.data_table = data_table;
    return f;
}

}  // namespace

TEST_CASE("the edition has one h1 and no gap in its heading levels", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(doc::Heading{1, "Cabinet – 20 November 2019", ""});
    d.blocks.push_back(doc::Heading{1, "A test report", ""});
    d.blocks.push_back(doc::Heading{3, "Straight to a sub-section", ""});
    d.blocks.push_back(doc::Heading{1, "A later level-1 heading", ""});
    d.blocks.push_back(doc::Heading{2, "Background", ""});
    d.blocks.push_back(doc::Heading{3, "Background", ""});
    const std::string h = html_of(d);
    CHECK(count(h, "<h1") == 1);
    // The leading level-1 headings are the one title, a line each.
    CHECK(h.find("<h1><span class=\"line\">Cabinet – 20 November 2019</span> <span class=\"line\">A test report</span></h1>") !=
          std::string::npos);
    // h1 then a level-3 heading: h2, not h3.
    CHECK(h.find("<h2 id=\"straight-to-a-sub-section\">Straight to a sub-section</h2>") != std::string::npos);
    CHECK(h.find("<h2 id=\"a-later-level-1-heading\">") != std::string::npos);
    // A section is an h2, its sub-section an h3; the same heading twice gets two ids.
    CHECK(h.find("<h2 id=\"background\">") != std::string::npos);
    CHECK(h.find("<h3 id=\"background-2\">") != std::string::npos);
}

TEST_CASE("with no leading title heading the document's title is the h1", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(para(0, "Northvale Council"));
    d.blocks.push_back(doc::Heading{2, "Purpose", ""});
    const std::string h = html_of(d);
    CHECK(count(h, "<h1") == 1);
    CHECK(h.find("<h1>A test report</h1>") < h.find("<h2 id=\"purpose\">"));
}

TEST_CASE("the edition escapes text and links references to what it holds", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(doc::Heading{1, "A test report", ""});
    d.blocks.push_back(para(12, "Table 1 and Figure 2 show it; Table 9 is not in this paper. <script>alert(1)</script> & \"so\""));
    d.blocks.push_back(small_table(1));
    d.blocks.push_back(small_figure(2, "take_up"));
    const std::string h = html_of(d);
    CHECK(h.find("<p class=\"numbered\" id=\"para-12\"><span class=\"para-num\">12.</span> <a href=\"#table-1\">Table 1</a> and "
                 "<a href=\"#figure-2\">Figure 2</a> show it; Table 9 is not in this paper. &lt;script&gt;alert(1)&lt;/script&gt; "
                 "&amp; &quot;so&quot;</p>") != std::string::npos);
    CHECK(h.find("<script") == std::string::npos);
    CHECK(h.find("href=\"#table-9\"") == std::string::npos);
}

TEST_CASE("a table has its caption, header scopes and right-aligned figures", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(small_table(3));
    const std::string h = html_of(d);
    CHECK(h.find("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-3-caption\">") != std::string::npos);
    CHECK(h.find("<caption id=\"table-3-caption\">Table 3: Take-up by area</caption>") != std::string::npos);
    CHECK(h.find("<thead>\n<tr><td></td><th scope=\"col\" class=\"num strong\">Families</th></tr>\n</thead>") != std::string::npos);
    CHECK(h.find("<tr><th scope=\"row\">East</th><td class=\"num\">1,234</td></tr>") != std::string::npos);
    CHECK(h.find("<tr class=\"total\"><th scope=\"row\" class=\"strong\">Total</th><td class=\"num strong\">1,234</td></tr>") !=
          std::string::npos);
}

TEST_CASE("a chart is an SVG image with its title and its description", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(small_table(1));
    d.blocks.push_back(small_figure(1, "take_up"));
    const std::string h = html_of(d);
    CHECK(std::regex_search(h, std::regex("<svg [^>]*role=\"img\"[^>]*aria-labelledby=\"figure-1-title figure-1-desc\"")));
    CHECK(h.find("<title id=\"figure-1-title\">Figure 1: Families by area</title>") != std::string::npos);
    CHECK(h.find("<desc id=\"figure-1-desc\">Column chart of families in East &amp; West</desc>") != std::string::npos);
    // Two columns, in the palette's first colour.
    CHECK(count(h, "fill=\"#12426e\"") + count(h, "fill=\"#12436d\"") >= 2);
}

TEST_CASE("the edition makes no request to any other host", "[html]") {
    doc::Document d = base();
    d.blocks.push_back(small_figure(1, ""));
    const std::string h = html_of(d);
    // The one address in it is the SVG namespace, which names and never fetches.
    CHECK(count(h, "http") == count(h, "xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(h.find("src=\"") == std::string::npos);  // images, when there are any, are data: URIs
    CHECK(h.find("@import") == std::string::npos);
    CHECK(h.find("url(") == std::string::npos);
}

TEST_CASE("a house style or a report turns the HTML edition off", "[html][styles]") {
    Scratch s;
    auto build_with = [&s](const std::string& style_extra, const std::string& report_extra) {
        s.write("data.yaml",
                "tables:\n  - id: take_up\n    title: Take-up by area\n    unit: count\n"
                "    columns: [{id: families, label: Families}]\n"
                "    rows:\n      - {id: east, label: East, values: [12]}\n");
        s.write("templates/body.mustache", "Families were helped.\n\n@table take_up\n");
        s.write("house/style.yaml", "extends: cabinet\n" + style_extra);
        const std::string report = s.write(
            "report.yaml", "boardpack: 1\nstyle: house\ncommittee: Cabinet\nmeeting_date: 2019-11-20\n"
                           "title: A test report\nreport_of: Director for Tests\nrecommendations: [That it be noted.]\n"
                           "data: [data.yaml]\nsections: [{heading: Background, template: body}]\ntables: [{id: take_up}]\n" +
                               report_extra);
        bp::BuildOptions o;
        o.out_dir = s.path("out");
        o.templates_root = templates_root();
        const auto res = bp::run_report(report, o);
        INFO(listing(res.diags));
        REQUIRE_FALSE(res.diags.has_errors());
        std::vector<std::string> written;
        for (const auto& e : fs::directory_iterator(s.path("out"))) written.push_back(e.path().extension().string());
        std::sort(written.begin(), written.end());
        return written;
    };
    // (.json: the figures file, written whatever the edition.)
    CHECK(build_with("", "") == std::vector<std::string>{".html", ".json", ".pdf", ".xlsx"});
    // The edition written a moment ago goes when the style turns it off: no stale copy.
    CHECK(build_with("html: false\n", "") == std::vector<std::string>{".json", ".pdf", ".xlsx"});
    CHECK(build_with("", "html: false\n") == std::vector<std::string>{".json", ".pdf", ".xlsx"});
    CHECK(build_with("html: false\n", "html: true\n") == std::vector<std::string>{".html", ".json", ".pdf", ".xlsx"});
}

TEST_CASE("html must be true or false", "[html][styles]") {
    Scratch s;
    s.write("data.yaml", "tables: []\n");
    const auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "html: sometimes\n")));
    INFO(listing(d));
    CHECK(has(d, "report.yaml", 9, 7, bp::Severity::error, "'html' must be true or false"));
}
