// House styles as data (style/style.hpp) and images (@image, logos): a council's style
// that only extends a built-in one renders with its own name, logo, colours, font,
// page and footer; every bad setting is an error at its file:line:col.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <regex>

#include "core/image.hpp"
#include "load/load_programme.hpp"
#include "style/style.hpp"
#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {

const std::string kLogo = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/supporting-families-update/northvale/logo.png";

// A programme with one section and one declared table, in the style named `style`.
std::string programme(const Scratch& s, const std::string& style, const std::string& body = "Families were helped.\n") {
    s.write("data.yaml",
            "tables:\n  - id: take_up\n    title: Take-up by area\n    unit: count\n"
            "    columns: [{id: families, label: Families}]\n"
            "    rows:\n      - {id: east, label: East, values: [12]}\n      - {id: west, label: West, values: [30]}\n");
    s.write("templates/body.mustache", body + "\n@table take_up\n\n@figure take_up_chart\n");
    return s.write("report.yaml", "boardpack: 1\nstyle: " + style +
                                      "\ncommittee: Scrutiny Committee\nmeeting_date: \"2025-03-04\"\n"
                                      "title: A styled report\nreport_of: Director for Tests\n"
                                      "recommendations: [That it be noted.]\ndata: [data.yaml]\n"
                                      "sections:\n  - {heading: Background, template: body}\n"
                                      "tables:\n  - {id: take_up}\n"
                                      "figures:\n  - {id: take_up_chart, table: take_up, caption: Families by area, "
                                      "alt: Column chart of families helped in East and West; West has more.}\n");
}

Run build(const std::string& report, const std::string& out) {
    return run_boardpack("build '" + report + "' --out '" + out + "' --templates '" + templates_root() + "'");
}

std::string pdftext(const std::string& pdf) { return capture("pdftotext -layout '" + pdf + "' -"); }

// The PDF with its streams uncompressed, to read content operators and the tag tree.
std::string qdf(const std::string& pdf) {
    return capture("qpdf --qdf --object-streams=disable '" + pdf + "' - 2>/dev/null");
}

// The /Alt of each structure element, decoded from the UTF-16BE hex qpdf writes.
std::vector<std::string> alts(const std::string& qdf_text) {
    std::vector<std::string> out;
    const std::regex alt("/Alt <feff([0-9a-f]*)>");
    for (std::sregex_iterator it(qdf_text.begin(), qdf_text.end(), alt), end; it != end; ++it) {
        const std::string hex = (*it)[1];
        std::string text;
        for (size_t i = 0; i + 4 <= hex.size(); i += 4) {
            const unsigned cp = static_cast<unsigned>(std::stoul(hex.substr(i, 4), nullptr, 16));
            text += cp < 0x80 ? static_cast<char>(cp) : '?';
        }
        out.push_back(text);
    }
    return out;
}

}  // namespace

TEST_CASE("a style that only extends cabinet renders with its name, logo, colours, font and footer", "[style][images]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    fs::copy_file(kLogo, s.path("house/crest.png"));
    s.write("house/style.yaml",
            "extends: cabinet\n"
            "organisation: Westmere Borough Council\n"
            "logo: {file: crest.png, alt: Westmere Borough Council crest, header: true}\n"
            "colours: {accent: \"#7A1F3D\", table_header: \"#F2E3E8\", chart: [\"#7A1F3D\", \"#1F5C7A\"]}\n"
            "font: DejaVu Serif\n"
            "page: {size: letter, margins_mm: {left: 25, right: 25}}\n"
            "footer: {left: \"{{organisation}} | {{title}}\", right: \"{{page}}/{{pages}}\"}\n");
    const std::string report = programme(s, "house");
    const Run r = build(report, s.path("out"));
    INFO(r.out);
    REQUIRE(r.status == 0);
    const std::string pdf = s.path("out/" + fs::path(s.dir()).filename().string() + ".pdf");
    REQUIRE(fs::exists(pdf));
    const std::string text = pdftext(pdf);
    CHECK(text.find("Westmere Borough Council") != std::string::npos);          // the organisation, on the front page
    CHECK(text.find("Westmere Borough Council | A styled report") != std::string::npos);  // the footer's fields
    CHECK(std::regex_search(text, std::regex("\\b1/[0-9]+\\b")));                // page N/M
    CHECK(text.find("Page 1 of") == std::string::npos);                          // not the built-in footer
    CHECK(capture("pdfinfo '" + pdf + "'").find("612 x 792 pts (letter)") != std::string::npos);
    CHECK(capture("pdffonts '" + pdf + "'").find("DejaVuSerif") != std::string::npos);
    const std::string q = qdf(pdf);
    // The accent colours the headings; the table header and the chart use the style's fills.
    CHECK(q.find("0.478 0.122 0.239 rg") != std::string::npos);  // #7A1F3D
    CHECK(q.find("0.949 0.89 0.91 rg") != std::string::npos);    // #F2E3E8
    CHECK(q.find("0.122 0.361 0.478 rg") != std::string::npos);  // #1F5C7A, the chart's second series
    // The logo is a Figure of the tag tree with its alternative text, and an image XObject.
    const auto a = alts(q);
    CHECK(std::find(a.begin(), a.end(), "Westmere Borough Council crest") != a.end());
    CHECK(q.find("/Subtype /Image") != std::string::npos);
    CHECK(capture("pdfimages -list '" + pdf + "'").find("240   240  rgb") != std::string::npos);
    // The workbook does not drop the logo: its Provenance sheet names it, with its alt text.
    const std::string strings = capture("unzip -p '" + s.path("out/" + fs::path(s.dir()).filename().string() + ".xlsx") +
                                        "' xl/sharedStrings.xml");
    CHECK(strings.find("Westmere Borough Council crest") != std::string::npos);
    CHECK(strings.find("house/crest.png") != std::string::npos);
    // Its chart takes the style's colours, as the PDF's does.
    const std::string chart = capture("unzip -p '" + s.path("out/" + fs::path(s.dir()).filename().string() + ".xlsx") +
                                      "' xl/charts/chart1.xml");
    CHECK(chart.find("srgbClr val=\"7A1F3D\"") != std::string::npos);
    CHECK(chart.find("srgbClr val=\"1F5C7A\"") != std::string::npos);
}

TEST_CASE("a style's paper is byte-identical when built twice, logo and images included", "[style][images][golden]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    fs::copy_file(kLogo, s.path("house/logo.png"));
    fs::copy_file(kLogo, s.path("photo.png"));
    s.write("house/style.yaml", "extends: select_committee\nlogo: {file: logo.png, alt: The council's emblem}\n");
    const std::string report = programme(s, "house", "Before.\n\n@image photo.png alt=\"The new family hub\" width=60mm\n\nAfter.\n");
    REQUIRE(build(report, s.path("a")).status == 0);
    REQUIRE(build(report, s.path("b")).status == 0);
    const std::string id = fs::path(s.dir()).filename().string();
    CHECK(slurp(s.path("a/" + id + ".pdf")) == slurp(s.path("b/" + id + ".pdf")));
    CHECK(slurp(s.path("a/" + id + ".xlsx")) == slurp(s.path("b/" + id + ".xlsx")));
    // One XObject for the image however often it is drawn; the photo is its own.
    const auto a = alts(qdf(s.path("a/" + id + ".pdf")));
    CHECK(std::count(a.begin(), a.end(), "The new family hub") == 1);
    CHECK(std::count(a.begin(), a.end(), "The council's emblem") == 1);
}

TEST_CASE("@image places a PNG or JPEG as a tagged Figure between paragraphs", "[images]") {
    Scratch s;
    // A real JPEG, made by poppler from the bundled golden.
    capture("pdftoppm -jpeg -r 20 -f 1 -l 1 -singlefile '" + std::string(BOARDPACK_SOURCE_DIR) +
            "/outputs/supporting-families-update.pdf' '" + s.path("page") + "'");
    REQUIRE(fs::exists(s.path("page.jpg")));
    fs::copy_file(kLogo, s.path("emblem.png"));
    const std::string report = programme(s, "cabinet",
                                         "Before the images.\n\n@image page.jpg alt=\"The front page of last month's paper\"\n\n"
                                         "@image emblem.png alt=\"The emblem\" width=30mm\n\nAfter the images.\n");
    const Run r = build(report, s.path("out"));
    INFO(r.out);
    REQUIRE(r.status == 0);
    const std::string pdf = s.path("out/" + fs::path(s.dir()).filename().string() + ".pdf");
    const std::string list = capture("pdfimages -list '" + pdf + "'");
    CHECK(list.find("jpeg") != std::string::npos);  // embedded as it is (DCTDecode)
    CHECK(list.find("image") != std::string::npos);
    const std::string tree = capture("pdfinfo -struct-text '" + pdf + "'");
    // In reading order: the paragraph, the two figures, the paragraph after.
    const size_t before = tree.find("Before the images."), fig = tree.find("Figure", before), after = tree.find("After the images.");
    CHECK(before != std::string::npos);
    CHECK(fig != std::string::npos);
    CHECK(fig < after);
    const auto a = alts(qdf(pdf));
    CHECK(std::find(a.begin(), a.end(), "The front page of last month's paper") != a.end());
    CHECK(std::find(a.begin(), a.end(), "The emblem") != a.end());
}

TEST_CASE("a bad image is an error where @image is written, never a broken box", "[images][hostile]") {
    Scratch s;
    fs::copy_file(kLogo, s.path("ok.png"));
    const std::string logo = slurp(kLogo);
    s.write("cut.png", logo.substr(0, logo.size() / 2));  // cut short in its image data
    s.write("text.png", "this is not an image\n");
    s.write("notes.txt", "x\n");
    s.write("cut.jpg", std::string("\xFF\xD8\xFF\xC0\x00\x11\x08\x00\x10\x00\x10\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 21));
    struct Case {
        std::string line, message;
    };
    const std::vector<Case> cases = {
        {"@image missing.png alt=\"A photo\"", "@image missing.png does not exist"},
        {"@image ok.png", "@image ok.png has no alternative text"},
        {"@image ok.png alt=\"\"", "has no alternative text"},
        {"@image ok.png alt=\"A photo", "the alternative text has no closing quote"},
        {"@image cut.png alt=\"A photo\"", "@image cut.png is a corrupt PNG image"},
        {"@image text.png alt=\"A photo\"", "@image text.png is not a PNG or JPEG image"},
        {"@image cut.jpg alt=\"A photo\"", "@image cut.jpg is a JPEG image cut short"},
        {"@image notes.txt alt=\"A photo\"", "an image must be a PNG or JPEG file"},
        {"@image ../ok.png alt=\"A photo\"", "climbs out of its folder"},
        {"@image /etc/passwd.png alt=\"A photo\"", "is absolute"},
        {"@image ok.png alt=\"A photo\" width=2km", "width=2km is not a width from 5mm to 400mm"},
        {"@image ok.png alt=\"A photo\" scale=2", "'scale=2' is not alt=\"...\" or width=NNmm"},
        {"@image", "@image needs the image file first"},
    };
    for (const auto& c : cases) {
        INFO(c.line);
        const std::string report = programme(s, "cabinet", "First.\n\n" + c.line + "\n\nLast.\n");
        const auto d = check_report(report);
        INFO(listing(d));
        CHECK(has(d, "templates/body.mustache", 3, 1, Severity::error, c.message));
    }
}

TEST_CASE("each bad style setting is an error at its file:line:col", "[style][hostile]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    fs::copy_file(kLogo, s.path("house/logo.png"));
    const std::string logo = slurp(kLogo);
    s.write("house/cut.png", logo.substr(0, 100));
    s.write("house/readme.png", "not an image\n");
    struct Case {
        std::string yaml;
        int line, col;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"extends: cabnet\n", 1, 10, "no style 'cabnet'"},
        {"extends: cabnet\n", 1, 10, "did you mean 'cabinet'?"},
        {"extends: house\n", 1, 10, "extends itself"},
        {"colours: {accent: \"#999999\"}\n", 1, 19, "'accent' #999999 has a contrast of 2.84:1 against the white page"},
        {"colours: {table_header: \"#555555\"}\n", 1, 25, "'table_header' #555555 has a contrast of 2.81:1 against the black text"},
        {"colours: {chart: [\"#12436D\", \"#F0E442\"]}\n", 1, 30, "'chart[1]' #F0E442 has a contrast of 1.32:1"},
        {"colours: {accent: navy}\n", 1, 19, "must be a colour written as #RRGGBB"},
        {"font: No Such Font Sans\n", 1, 7, "the font 'No Such Font Sans' is not installed on this machine"},
        {"logo: {file: gone.png, alt: The crest}\n", 1, 14, "the logo 'gone.png' does not exist"},
        {"logo: {file: cut.png, alt: The crest}\n", 1, 14, "the logo 'cut.png' is a corrupt PNG image"},
        {"logo: {file: readme.png, alt: The crest}\n", 1, 14, "the logo 'readme.png' is not a PNG or JPEG image"},
        {"logo: {file: ../../etc/logo.png, alt: The crest}\n", 1, 14, "climbs out of its folder"},
        {"logo: {file: logo.png}\n", 1, 7, "'alt'"},
        {"footer: {left: \"{{council}}\"}\n", 1, 16, "uses the field '{{council}}'"},
        {"page: {size: A5}\n", 1, 14, "'size'"},
        {"page: {margins_mm: {left: 90}}\n", 1, 27, "the left margin must be 5 to 60 mm"},
        {"numbered_paragraphs: maybe\n", 1, 22, "must be true or false"},
        {"logo_file: logo.png\n", 1, 1, "logo_file"},
    };
    for (const auto& c : cases) {
        INFO(c.yaml);
        s.write("house/style.yaml", c.yaml);
        const auto d = check_report(programme(s, "house"));
        INFO(listing(d));
        CHECK(has(d, "house/style.yaml", c.line, c.col, Severity::error, c.message));
    }
    SECTION("a report naming a style that does not exist hears the built-in ones") {
        const auto d = check_report(programme(s, "westmere"));
        INFO(listing(d));
        CHECK(has(d, "report.yaml", 2, 8, Severity::error, "no style 'westmere'"));
        CHECK(has(d, "report.yaml", 2, 8, Severity::error, "built in: cabinet, select_committee"));
    }
}

TEST_CASE("a style's settings change the paper: numbering off, the committee question, workbook numbers", "[style]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    s.write("house/style.yaml", "extends: select_committee\nnumbered_paragraphs: false\n"
                                "committee_question: \"Why is this before the {{committee}}?\"\n");
    const std::string report = programme(s, "house");
    replace_in(report, "recommendations:", "summary: The programme went well.\nrecommendations:");
    bp::Diagnostics d;
    const bp::Programme p = bp::load::load_programme(report, d);
    const auto paper = bp::compose_programme(p, bp::compose::Options{templates_root()}, d);
    INFO(listing(d));
    REQUIRE(paper);
    bool question = false;
    for (const auto& b : paper->blocks) {
        if (auto para = std::get_if<bp::doc::Paragraph>(&b)) CHECK(para->number == 0);
        if (auto h = std::get_if<bp::doc::Heading>(&b)) question = question || h->text == "Why is this before the Scrutiny Committee?";
    }
    CHECK(question);
    CHECK(paper->workbook_numbers == bp::doc::Document::WorkbookNumbers::plain);
    // The built-in select committee style numbers its paragraphs.
    replace_in(report, "style: house", "style: select_committee");
    bp::Diagnostics d2;
    const auto numbered = bp::compose_programme(bp::load::load_programme(report, d2), bp::compose::Options{templates_root()}, d2);
    REQUIRE(numbered);
    bool any = false;
    for (const auto& b : numbered->blocks)
        if (auto para = std::get_if<bp::doc::Paragraph>(&b)) any = any || para->number > 0;
    CHECK(any);
}

TEST_CASE("a style's workbook numbers are its reports' default; a report may still choose", "[style][xlsx]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    s.write("house/style.yaml", "extends: cabinet\nworkbook: {numbers: accounting}\n");
    const std::string report = programme(s, "house");
    bp::Diagnostics d;
    auto paper = bp::compose_programme(bp::load::load_programme(report, d), bp::compose::Options{templates_root()}, d);
    REQUIRE(paper);
    CHECK(paper->workbook_numbers == bp::doc::Document::WorkbookNumbers::accounting);
    replace_in(report, "data: [data.yaml]", "data: [data.yaml]\nworkbook: {numbers: plain}");
    bp::Diagnostics d2;
    paper = bp::compose_programme(bp::load::load_programme(report, d2), bp::compose::Options{templates_root()}, d2);
    REQUIRE(paper);
    CHECK(paper->workbook_numbers == bp::doc::Document::WorkbookNumbers::plain);
}

TEST_CASE("a PNG's transparent parts are laid on white, not black", "[images]") {
    const bp::ImageRead r = bp::read_image(kLogo);
    REQUIRE(r.image);
    CHECK(r.image->width == 240);
    CHECK(r.image->components == 3);
    // The emblem's corner is transparent in the file.
    CHECK(r.image->pixels.substr(0, 3) == std::string("\xFF\xFF\xFF", 3));
}

TEST_CASE("the contrast ratio is WCAG 2's", "[style]") {
    CHECK(bp::style::contrast({0, 0, 0}, {1, 1, 1}) == Approx(21.0));
    CHECK(bp::style::contrast(*bp::style::parse_hex("#767676"), {1, 1, 1}) == Approx(4.54).epsilon(0.01));
    for (const auto& c : bp::style::default_palette()) CHECK(bp::style::contrast(c, {1, 1, 1}) >= 3.0);
    CHECK_FALSE(bp::style::parse_hex("#12345"));
    CHECK_FALSE(bp::style::parse_hex("navy"));
}

TEST_CASE("a changed logo makes a batch build the report again", "[style][batch]") {
    Scratch s;
    fs::create_directories(s.path("house"));
    fs::copy_file(kLogo, s.path("house/logo.png"));
    s.write("house/style.yaml", "extends: cabinet\nlogo: {file: logo.png, alt: The crest}\n");
    const std::string report = programme(s, "house");
    REQUIRE(build(report, s.path("out")).status == 0);
    CHECK(build(report, s.path("out")).out.find("1 unchanged") != std::string::npos);
    // The same emblem, re-encoded: other bytes, so other inputs.
    std::string png = slurp(kLogo);
    const std::string text = std::string("tEXtComment\0", 12) + "re-encoded";  // a tEXt chunk before IEND
    const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size()));
    auto be32 = [](unsigned long v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    png.insert(png.size() - 12, be32(text.size() - 4) + text + be32(crc));
    std::ofstream(s.path("house/logo.png"), std::ios::binary) << png;
    const Run again = build(report, s.path("out"));
    INFO(again.out);
    CHECK(again.out.find("1 built") != std::string::npos);
}
