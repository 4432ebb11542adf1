// Narrative templates: strict names, structure errors at file:line:col, markup.
#include <catch2/catch.hpp>

#include "compose/compose.hpp"
#include "compose/narrative.hpp"
#include "load/load_programme.hpp"
#include "support.hpp"

using namespace bp::compose;
using bp::Severity;
using bp::TValue;
using namespace bp::test;

namespace {
TValue data() {
    TValue d;
    d.set("mtfs.investment_total", TValue::str("£8.1m"));
    d.set("brfc.closures", TValue::str("2,796"));
    TValue row;
    row.set("source", TValue::str("Rawlett School"));
    d.set("refs", TValue::list({row}));
    d.set("flag", TValue::boolean(true));
    return d;
}
TemplateSource src(const std::string& text) {
    return TemplateSource{"t", text, bp::SourcePos{std::make_shared<const std::string>("t.mustache"), 1, 1}};
}
std::optional<TemplateSource> no_partials(const std::string&) { return std::nullopt; }
}  // namespace

TEST_CASE("a template renders figures from data", "[templates]") {
    bp::Diagnostics d;
    const auto out = render_template(src("Investment of {{mtfs.investment_total}}.{{#refs}} {{source}}{{/refs}}"), data(),
                                     no_partials, d);
    REQUIRE(out);
    CHECK(*out == "Investment of £8.1m. Rawlett School");
    CHECK(d.items().empty());
}

TEST_CASE("an unknown name is an error at its line and column, never an empty string", "[templates]") {
    bp::Diagnostics d;
    const auto out = render_template(src("First line\nThe total is {{mtfs.investment_totl}}."), data(), no_partials, d);
    CHECK_FALSE(out);
    CHECK(has(d, "t.mustache", 2, 14, Severity::error, "unknown name 'mtfs.investment_totl'"));
    bp::Diagnostics d2;
    render_template(src("{{mtfz.investment_total}}"), data(), no_partials, d2);
    CHECK(has(d2, "t.mustache", 1, 1, Severity::error, "did you mean 'mtfs.investment_total'?"));
}

TEST_CASE("an unclosed section is an error at its opening tag", "[templates]") {
    bp::Diagnostics d;
    CHECK_FALSE(render_template(src("a\n  {{#refs}} {{source}}\n"), data(), no_partials, d));
    CHECK(has(d, "t.mustache", 2, 3, Severity::error, "section 'refs' is never closed"));
    bp::Diagnostics d2;
    CHECK_FALSE(render_template(src("{{#refs}}x{{/flag}}"), data(), no_partials, d2));
    CHECK(has(d2, "t.mustache", 1, 11, Severity::error, "'{{/flag}}' closes section 'refs'"));
    bp::Diagnostics d3;
    CHECK_FALSE(render_template(src("text {{brfc.closures"), data(), no_partials, d3));
    CHECK(has(d3, "t.mustache", 1, 6, Severity::error, "unclosed tag"));
}

TEST_CASE("a partial that does not exist is an error; one that does is checked too", "[templates]") {
    bp::Diagnostics d;
    CHECK_FALSE(render_template(src("x {{> nosuch}}"), data(), no_partials, d));
    CHECK(has(d, "t.mustache", 1, 3, Severity::error, "no partial named 'nosuch'"));
    auto finder = [](const std::string& name) -> std::optional<TemplateSource> {
        if (name != "p") return std::nullopt;
        return TemplateSource{"p", "ok {{brfc.closures}}\n{{nope}}", bp::SourcePos{std::make_shared<const std::string>("p.mustache"), 1, 1}};
    };
    bp::Diagnostics d2;
    CHECK_FALSE(render_template(src("{{> p}}"), data(), finder, d2));
    CHECK(has(d2, "p.mustache", 2, 1, Severity::error, "unknown name 'nope'"));
}

TEST_CASE("using a list or flag as text is an error", "[templates]") {
    bp::Diagnostics d;
    CHECK_FALSE(render_template(src("{{refs}}"), data(), no_partials, d));
    CHECK(has(d, "t.mustache", 1, 1, Severity::error, "'refs' is a list, not text"));
}

TEST_CASE("rendered narrative becomes paragraphs, lettered items, headings and placements", "[templates]") {
    const auto blocks = parse_markup("First paragraph\ncontinues here.\n- item one\n- item two\n  wraps\n\n## A heading\n\n@table finance\n\n* bullet\n");
    REQUIRE(blocks.size() == 4);
    CHECK(blocks[0].text == "First paragraph continues here.");
    CHECK(blocks[0].items == std::vector<std::string>{"item one", "item two wraps"});
    CHECK(blocks[1].kind == MarkupBlock::Kind::heading);
    CHECK(blocks[1].level == 2);
    CHECK(blocks[1].text == "A heading");
    CHECK(blocks[2].kind == MarkupBlock::Kind::table);
    CHECK(blocks[2].text == "finance");
    CHECK(blocks[3].bullets == std::vector<std::string>{"bullet"});
}

TEST_CASE("a heading or directive is a line of its own: the lines after it are never lost", "[templates]") {
    const auto blocks = parse_markup("## A heading\nText straight after it.\n@table finance\nMore text.\n@numbering on\n@sections\n");
    REQUIRE(blocks.size() == 6);
    CHECK(blocks[0].kind == MarkupBlock::Kind::heading);
    CHECK(blocks[1].text == "Text straight after it.");
    CHECK(blocks[2].kind == MarkupBlock::Kind::table);
    CHECK(blocks[3].text == "More text.");
    CHECK(blocks[4].text == "numbering on");
    CHECK(blocks[5].kind == MarkupBlock::Kind::directive);
    CHECK(blocks[5].text == "sections");
}

TEST_CASE("a template named in the spec must exist; a programme may override the house style", "[templates][spec]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "sections:\n  - {heading: B, template: nosuch}\n")));
    CHECK(has(d, "report.yaml", 10, 28, Severity::error, "no template named 'nosuch'"));
    // appendix_star is a house template; a programme's own copy replaces it.
    s.write("templates/appendix_star.mustache", "Mine: {{report.nosuch}}\n");
    d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "appendices:\n  - {title: A, template: appendix_star}\n")));
    CHECK(has(d, "appendix_star.mustache", 1, 7, Severity::error, "unknown name 'report.nosuch'"));
}

TEST_CASE("validate warns on a number typed into template prose, by a documented rule", "[templates][lint]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    s.write("templates/body.mustache",
            "In 2019/20 we worked with 75 families, reported on 7 November 2019; see Q2 and the 1st review.\n"
            "{{! literal numbers }}The Star runs from 1 to 10.\n"
            "Between 2016 and 2019 the rate was 12.5 points higher.\n");
    const auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "sections:\n  - {heading: B, template: body}\n")));
    INFO(listing(d));
    CHECK(d.warning_count() == 2);
    CHECK(d.error_count() == 0);
    CHECK(has(d, "body.mustache", 1, 27, Severity::warning, "the number '75' is typed into the template"));
    CHECK(has(d, "body.mustache", 3, 36, Severity::warning, "the number '12.5' is typed into the template"));
}

TEST_CASE("the digit lint covers templates written inline in the report spec", "[templates][lint]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    const auto d = check_report(s.write("report.yaml",
        "boardpack: 1\nstyle: cabinet\ncommittee: Cabinet\nmeeting_date: 2019-11-20\ntitle: T\nreport_of: R\n"
        "recommendations: [That 40 more families be helped.]\ndata: [data.yaml]\n"));
    CHECK(has(d, "report.yaml", 7, 24, Severity::warning, "the number '40' is typed into the template"));
}

TEST_CASE("a programme overrides one partial of its house style without copying the rest", "[templates][spec]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    s.write("templates/contacts.mustache", "## Who to ask\n\n{{#report.contacts}}\n{{name}} ({{role}})\n\n{{/report.contacts}}\n");
    const std::string spec = s.write("report.yaml", report_yaml("[data.yaml]", "contacts:\n  - {role: Author, name: A Person}\n"));
    bp::Diagnostics d;
    const bp::Programme p = bp::load::load_programme(spec, d);
    const auto paper = bp::compose_programme(p, bp::compose::Options{templates_root()}, d);
    INFO(listing(d));
    REQUIRE(paper);
    bool own = false, house = false, rest = false;
    for (const auto& b : paper->blocks) {
        if (auto h = std::get_if<bp::doc::Heading>(&b)) {
            own = own || h->text == "Who to ask";
            house = house || h->text == "Contact Details";
            rest = rest || h->text == "Recommendations";  // still the Cabinet style's own
        }
    }
    CHECK(own);
    CHECK_FALSE(house);
    CHECK(rest);
}

TEST_CASE("templates sharing one context: partials stay, helper errors and shadowed fields do not leak", "[templates]") {
    TValue d = data();
    d.set("pct", TValue::helper("pct"));
    d.set("contacts", TValue::str("the data field"));
    TemplateContext shared(d);
    auto partials = [](const std::string& name) -> std::optional<TemplateSource> {
        if (name == "sign_off") return TemplateSource{name, "Signed, {{brfc.closures}}", bp::SourcePos{}};
        if (name == "contacts") return TemplateSource{name, "the partial", bp::SourcePos{}};
        return std::nullopt;
    };
    bp::Diagnostics d1;
    CHECK_FALSE(render_template(src("{{#pct}}not a number{{/pct}}"), shared, partials, d1));
    CHECK(d1.error_count() == 1);
    bp::Diagnostics d2;
    const auto second = render_template(src("{{#pct}}59.74{{/pct}} {{> sign_off}}"), shared, partials, d2);
    REQUIRE(second);
    CHECK(*second == "60% Signed, 2,796");
    for (const auto& i : d2.items()) INFO(i.message);
    CHECK(d2.error_count() == 0);
    bp::Diagnostics d3;
    const auto third = render_template(src("{{> sign_off}}!"), shared, partials, d3);
    REQUIRE(third);
    CHECK(*third == "Signed, 2,796!");
    // A partial named like a data field is that template's own affair.
    bp::Diagnostics d4;
    const auto shadow = render_template(src("{{> contacts}}"), shared, partials, d4);
    REQUIRE(shadow);
    CHECK(*shadow == "the partial");
    bp::Diagnostics d5;
    const auto field = render_template(src("{{contacts}}"), shared, partials, d5);
    REQUIRE(field);
    CHECK(*field == "the data field");
}

TEST_CASE("a template rendered again, over other data, renders the other data", "[templates]") {
    // Parsed templates are kept by their text; what they render must not be.
    const auto tmpl = src("Closures: {{brfc.closures}}.");
    bp::Diagnostics d1, d2, d3;
    TValue other = data();
    other.set("brfc.closures", TValue::str("3,001"));
    CHECK(render_template(tmpl, data(), no_partials, d1) == std::optional<std::string>("Closures: 2,796."));
    CHECK(render_template(tmpl, other, no_partials, d2) == std::optional<std::string>("Closures: 3,001."));
    // A broken partial fails the render each time it is used, not only the first.
    auto broken = [](const std::string& name) -> std::optional<TemplateSource> {
        if (name == "bad") return TemplateSource{name, "{{#brfc}}open", bp::SourcePos{}};
        return std::nullopt;
    };
    bp::Diagnostics e1, e2;
    CHECK_FALSE(render_template(src("x {{> bad}}"), data(), broken, e1));
    CHECK_FALSE(render_template(src("x {{> bad}}"), data(), broken, e2));
    CHECK(e1.error_count() >= 1);
    CHECK(e2.error_count() == e1.error_count());
    CHECK(render_template(tmpl, data(), no_partials, d3) == std::optional<std::string>("Closures: 2,796."));
}

TEST_CASE("a misplaced or unknown directive is an error at its template's line", "[templates][spec]") {
    struct Case {
        const char* name;
        std::string body;
        int line;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"a house style's directive in a section", "One.\n\n@pagebreak\n", 3, "'@pagebreak' is for a house style's report.mustache"},
        {"an undeclared table", "One.\n\n@table nosuch\n", 3, "the narrative places table 'nosuch', which the report spec does not declare"},
        {"a table placed twice", "@table t\n\nOne.\n\n@table t\n", 5, "'t' is placed twice in the report"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Scratch s;
            s.write("data.yaml", "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [n]\n    rows:\n      - {label: A, values: [1]}\n");
            s.write("templates/body.mustache", c.body);
            const auto d = check_report(s.write("report.yaml", report_yaml("[data.yaml]", "sections: [{heading: S, template: body}]\ntables: [{id: t}]\n")));
            INFO(listing(d));
            CHECK(has(d, "templates/body.mustache", c.line, 1, Severity::error, c.message));
        }
    }
    SECTION("an unknown directive in a house style") {
        Scratch s;
        fs::copy(templates_root(), s.path("styles"), fs::copy_options::recursive);
        std::string skeleton = "@numbering on\n@sections\n@frobnicate now\n";
        s.write("styles/cabinet/report.mustache", skeleton);
        s.write("data.yaml", "cohorts: []\n");
        const std::string report = s.write("report.yaml", report_yaml());
        const auto r = run_boardpack("validate '" + report + "' --templates '" + s.path("styles") + "'");
        INFO(r.out);
        CHECK(r.out.find("styles/cabinet/report.mustache:3:1: error: unknown directive '@frobnicate now'") != std::string::npos);
    }
}
