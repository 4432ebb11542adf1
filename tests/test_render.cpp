// Layout and writers: line breaking, ticks, glyph coverage, formulas.
#include <catch2/catch.hpp>

#include <podofo/podofo.h>

#include <fstream>

#include "core/text.hpp"
#include "doc/doc.hpp"
#include "render/pdf/content_stream.hpp"
#include "render/pdf/layout.hpp"
#include "render/pdf/pdf_writer.hpp"
#include "render/xlsx/xlsx_writer.hpp"
#include "support.hpp"

using namespace bp;

namespace {
// Every character 0.5 em wide; covers everything but U+2011.
struct FixedMetrics : pdf::Metrics {
    double width(const std::string& s, bool, double size) const override {
        return static_cast<double>(bp::utf32(s).size()) * size * 0.5;
    }
    bool covers(char32_t cp) const override { return cp != 0x2011; }
};
}  // namespace

TEST_CASE("line breaking never overflows the measure", "[pdf][layout]") {
    FixedMetrics m;
    const std::string text = "The decrease in the looked after children population from 1,100 to 829 "
                             "provides an additional cashable saving estimated at £13.1m. "
                             "Supercalifragilisticexpialidociousandthensomemore word.";
    for (double width : {40.0, 60.0, 100.0, 250.0}) {
        const auto lines = pdf::break_lines(text, width, false, 10, m);
        std::string joined;
        for (const auto& l : lines) {
            CHECK(m.width(l, false, 10) <= width + 1e-9);
            joined += l;
        }
        // Nothing is lost but the spaces at the breaks.
        std::string squeezed;
        for (char c : text) if (c != ' ') squeezed += c;
        std::string got;
        for (char c : joined) if (c != ' ') got += c;
        CHECK(got == squeezed);
    }
}

TEST_CASE("a word of a megabyte breaks into full lines, measured once a character", "[pdf][layout][hostile]") {
    // Counts the characters measured: breaking a word was quadratic (a 1 MB word took
    // 34 s); now each character is measured about once.
    struct Counting : FixedMetrics {
        mutable size_t measured = 0;
        double width(const std::string& s, bool b, double size) const override {
            measured += bp::utf32(s).size();
            return FixedMetrics::width(s, b, size);
        }
    } m;
    const std::string word(200000, 'x');
    const auto lines = pdf::break_lines("Before " + word + " after", 100, false, 10, m);
    REQUIRE(lines.size() > 2);
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0 && i + 1 < lines.size()) CHECK(lines[i].size() == 20);  // 100 / (10 x 0.5): full lines
        for (char c : lines[i]) if (c != ' ') joined += c;
    }
    CHECK(joined == "Before" + word + "after");  // nothing lost, nothing added
    CHECK(m.measured < 5 * word.size());
}

TEST_CASE("chart ticks fall on round values and cover the data", "[pdf][charts]") {
    auto t = draw::nice_ticks(-32893, 11197, 5);
    CHECK(t.front() <= -32893);
    CHECK(t.back() >= 11197);
    CHECK(t[1] - t[0] == 10000);
    t = draw::nice_ticks(829, 1248, 5);
    CHECK(t.front() <= 829);
    CHECK(t.back() >= 1248);
    CHECK(t[1] - t[0] == 100);
    t = draw::nice_ticks(0, 11, 5);
    CHECK(t[1] - t[0] == Approx(2.5));
}

TEST_CASE("chart ticks end for any values: huge and equal, tiny, one value", "[pdf][charts][hostile]") {
    // Huge equal values looped for ever (1e18 + 0.2 == 1e18 in a double).
    for (double v : {1e18, -1e18, 9.2e18, 0.0, 1e-9, 123456789.0}) {
        INFO(v);
        const auto t = draw::nice_ticks(v, v, 5);
        REQUIRE(t.size() >= 2);
        CHECK(t.size() <= 22);
        CHECK(t.front() <= v);
        CHECK(t.back() >= v);
        CHECK(t.back() > t.front());
    }
    const auto wide = draw::nice_ticks(-1e300, 1e300, 5);
    CHECK(wide.size() >= 2);
    CHECK(wide.size() <= 22);
}

TEST_CASE("content stream numbers: three decimals at most, rounded half away from zero, no trailing zeros", "[pdf]") {
    auto num = [](double v) {
        std::string s;
        pdf::append_number(s, v);
        return s;
    };
    CHECK(num(0) == "0");
    CHECK(num(12) == "12");
    CHECK(num(595.28) == "595.28");
    CHECK(num(-0.125) == "-0.125");
    CHECK(num(0.0005) == "0.001");
    CHECK(num(-0.0004) == "0");
    CHECK(num(1.9996) == "2");
    CHECK(num(841.89) == "841.89");
    CHECK(num(100.05) == "100.05");
    CHECK(num(1234567.5) == "1234567.5");
}

TEST_CASE("a content stream states font, colour and line width only when they change", "[pdf]") {
    // FontSet needs a document to load into; the content stream needs only the FontSet.
    PoDoFo::PdfMemDocument doc;
    pdf::FontSet fonts(doc, pdf::FontPaths::defaults().regular, pdf::FontPaths::defaults().bold);
    pdf::ContentStream cs(fonts);
    const pdf::Color black{0, 0, 0}, grey{0.4, 0.4, 0.4};
    cs.paint(pdf::Op::text_at(62, 700, "Cabinet", 10, false, black));
    cs.paint(pdf::Op::text_at(62, 688, "paper", 10, false, black));
    cs.paint(pdf::Op::text_at(62, 676, "Total", 10, true, grey));
    cs.paint(pdf::Op::line_between(62, 670, 300, 670, 0.5, grey));
    cs.paint(pdf::Op::line_between(62, 660, 300, 660, 0.5, grey));
    const std::string& s = cs.str();
    auto count = [&](const std::string& needle) {
        size_t n = 0;
        for (size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
        return n;
    };
    CHECK(count(" Tf\n") == 2);  // regular, then bold
    CHECK(count("/F1 10 Tf") == 1);
    CHECK(count("/F2 10 Tf") == 1);
    CHECK(count(" rg\n") == 2);  // black, then grey
    CHECK(count(" RG\n") == 1);
    CHECK(count(" w\n") == 1);
    CHECK(count("BT\n") == 3);
    CHECK(s.find("62 700 Td") != std::string::npos);
    CHECK(cs.used_font(false));
    CHECK(cs.used_font(true));
    // "Cabinet": seven glyph IDs, four hex digits each.
    const size_t open = s.find('<'), close = s.find('>');
    CHECK(close - open - 1 == 7 * 4);
}

TEST_CASE("a character the font cannot show is an error that names it", "[pdf][fonts]") {
    doc::Document d;
    d.title = "t";
    d.date_iso = "2019-11-20";
    d.blocks.push_back(doc::Paragraph{1, "Stoke\u2011on\u2011Trent City Council", {}, {}, false, ""});
    Diagnostics diags;
    const auto pdf_bytes = pdf::render_pdf(d, pdf::FontPaths::defaults(), diags);
    CHECK_FALSE(pdf_bytes);
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].message.find("U+2011") != std::string::npos);
    CHECK(diags.items()[0].message.find("Stoke") != std::string::npos);
}

TEST_CASE("the real font measures with its own metrics", "[pdf][fonts]") {
    doc::Document d;
    d.title = "t";
    d.date_iso = "2019-11-20";
    d.blocks.push_back(doc::Paragraph{1, "£8.1m – “quoted” ’ é ŵ ŷ", {}, {}, false, ""});
    Diagnostics diags;
    CHECK(pdf::render_pdf(d, pdf::FontPaths::defaults(), diags));
    CHECK(diags.items().empty());
}

namespace {
doc::Formula cell(const std::string& t, size_t r, size_t c) { return doc::Formula::of_cell({t, r, c}); }
doc::Formula constant(Num v) {
    doc::Formula f;
    f.op = doc::Formula::Op::constant;
    f.constant = v;
    return f;
}
doc::Table numbers_table(const std::string& id, const std::string& sheet) {
    doc::Table t;
    t.id = id;
    t.sheet_name = sheet;
    t.header_rows = 1;
    for (int r = 0; r < 25; ++r) {
        doc::Row row;
        for (int c = 0; c < 6; ++c) row.cells.push_back(doc::Cell::number(Num(r * 10 + c), 0, doc::NumStyle::count));
        t.rows.push_back(row);
    }
    return t;
}
}  // namespace

TEST_CASE("workbook formulas point at the cells they come from", "[xlsx]") {
    using Op = doc::Formula::Op;
    doc::Document d;
    doc::Table t1 = numbers_table("t1", "Table 1");
    doc::Table t2 = numbers_table("t2", "Table 2");
    // A dash in t1 row 9 column B: text, which "+" would turn into #VALUE!.
    t1.rows[9].cells[1] = doc::Cell::none("-");
    d.blocks = {t1, t2};
    // Table rows sit below the title, the line saying what the sheet holds and the header
    // (see render/xlsx/layout.cpp): row r is r + 3.
    auto sum = doc::Formula::of(Op::sum, {cell("t1", 2, 1), cell("t1", 3, 1), cell("t1", 4, 1)});
    CHECK(xlsx::formula_of(sum, d, "Table 1") == "=SUM(B5:B7)");
    sum = doc::Formula::of(Op::sum, {cell("t1", 2, 1), cell("t1", 8, 1)});
    CHECK(xlsx::formula_of(sum, d, "Table 1") == "=B5+B11");
    sum = doc::Formula::of(Op::sum, {cell("t1", 2, 1), cell("t1", 9, 1)});
    CHECK(xlsx::formula_of(sum, d, "Table 1") == "=SUM(B5,B12)");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::sum, {cell("t1", 20, 3)}), d, "Table 2") == "='Table 1'!D23");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::div, {cell("t2", 1, 1), cell("t2", 4, 1)}), d, "Table 2") == "=B4/B7");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::change, {cell("t2", 1, 4), cell("t2", 1, 2)}), d, "Table 2") == "=E4/C4-1");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::sub, {cell("t2", 1, 4), cell("t2", 1, 2)}), d, "Table 2") == "=E4-C4");
    // Brackets only where precedence needs them.
    auto diff = doc::Formula::of(Op::sub, {cell("t2", 1, 4), cell("t2", 1, 2)});
    CHECK(xlsx::formula_of(doc::Formula::of(Op::mul, {diff, constant(Num(4000))}), d, "Table 2") == "=(E4-C4)*4000");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::div, {cell("t2", 1, 1), doc::Formula::of(Op::mul, {cell("t2", 2, 1), constant(Num::ratio(5, 6))})}), d,
                           "Table 2") == "=B4/(B5*(5/6))");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::mul, {cell("t2", 1, 1), constant(Num::ratio(4, 5))}), d, "Table 2") == "=B4*0.8");
    // A running total along a row and a carried-forward balance.
    CHECK(xlsx::formula_of(doc::Formula::of(Op::sum, {cell("t2", 3, 1), cell("t2", 3, 2), cell("t2", 3, 3)}), d, "Table 2") == "=SUM(B6:D6)");
    CHECK(xlsx::formula_of(doc::Formula::of(Op::sum, {cell("t2", 4, 1), cell("t2", 3, 2)}), d, "Table 2") == "=B7+C6");
}

TEST_CASE("a label that looks like a formula stays text in the workbook", "[xlsx]") {
    test::Scratch s;
    doc::Document d;
    d.title = "t";
    d.date_iso = "2019-11-20";
    doc::Table t;
    t.id = "t";
    t.sheet_name = "Table 1";
    t.caption = "c";
    doc::Row r;
    r.cells = {doc::Cell::label("=SUM(A1:A9)"), doc::Cell::number(Num(5), 0, doc::NumStyle::count)};
    t.rows = {r};
    d.blocks = {t};
    const std::string path = s.path("x.xlsx");
    xlsx::render_xlsx(d, path);
    const std::string cmd = "unzip -p '" + path + "' xl/worksheets/sheet3.xml xl/sharedStrings.xml";
    const std::string xml = test::capture(cmd);
    CHECK(xml.find("<f>SUM(A1:A9)</f>") == std::string::npos);
    CHECK(xml.find("=SUM(A1:A9)") != std::string::npos);  // in the shared strings, as text
}

TEST_CASE("an unshowable character is an error where it was typed, and validate finds it too", "[pdf][fonts]") {
    struct Case {
        const char* name;
        const char* file;
        int line, col;
    };
    // U+2011 (a non-breaking hyphen, which Liberation Sans lacks) typed in each place text comes from.
    for (const auto& c : {Case{"a template", "templates/intro.mustache", 2, 21}, Case{"the spec's title", "report.yaml", 5, 21},
                          Case{"a declared table's row label", "data.yaml", 7, 22}}) {
        SECTION(c.name) {
            test::Scratch s;
            const std::string hyphen = "\u2011";
            const bool in_template = std::string(c.file).find("mustache") != std::string::npos;
            const bool in_title = std::string(c.file) == "report.yaml";
            const bool in_table = std::string(c.file) == "data.yaml";
            s.write("data.yaml", std::string("tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [n]\n    rows:\n") +
                                     "      - {label: " + (in_table ? "Stoke" + hyphen + "on" : std::string("Stoke")) + ", values: [1]}\n");
            s.write("templates/intro.mustache", "First line.\nThe council of Stoke" + (in_template ? hyphen : std::string("-")) + "on-Trent.\n\n@table t\n");
            std::string spec = test::report_yaml("[data.yaml]", "sections:\n  - {heading: Intro, template: intro}\ntables:\n  - {id: t, caption: T}\n");
            if (in_title) spec.replace(spec.find("title: A test report"), 20, "title: A test report" + hyphen + "x");
            const std::string report = s.write("report.yaml", spec);
            BuildOptions o;
            o.out_dir = s.path("out");
            o.templates_root = test::templates_root();
            const auto built = run_report(report, o);
            INFO(test::listing(built.diags));
            CHECK(test::has(built.diags, c.file, c.line, c.col, Severity::error, "cannot show the character U+2011"));
            CHECK(built.outputs.empty());
            o.render = false;
            const auto validated = run_report(report, o);
            INFO(test::listing(validated.diags));
            CHECK(test::has(validated.diags, c.file, c.line, c.col, Severity::error, "cannot show the character U+2011"));
        }
    }
}

TEST_CASE("council Unicode survives to the extracted text", "[pdf][fonts]") {
    test::Scratch s;
    doc::Document d;
    d.title = "t";
    d.date_iso = "2019-11-20";
    const std::string text = "£8.1m – “quoted” ’ é Gŵyl ŷ";
    d.blocks.push_back(doc::Paragraph{1, text, {}, {}, false, ""});
    Diagnostics diags;
    const auto bytes = pdf::render_pdf(d, pdf::FontPaths::defaults(), diags);
    REQUIRE(bytes);
    std::ofstream(s.path("u.pdf"), std::ios::binary) << *bytes;
    std::string out;
    if (FILE* p = ::popen(("pdftotext '" + s.path("u.pdf") + "' -").c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    CHECK(out.find(text) != std::string::npos);
}
