// Pagination: widows and orphans, headings kept with their text, tables that split
// with repeated headers, and a 10,000-row table. Laid out with fixed metrics so the
// expectations do not depend on a font.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "core/text.hpp"
#include "render/pdf/layout.hpp"

using namespace bp;

namespace {

struct FixedMetrics : pdf::Metrics {
    double width(const std::string& s, bool, double size) const override {
        return static_cast<double>(bp::utf32(s).size()) * size * 0.5;
    }
    bool covers(char32_t) const override { return true; }
};

pdf::Layout lay(const doc::Document& d) {
    FixedMetrics m;
    Diagnostics diags;
    return pdf::layout_document(d, m, pdf::PageGeometry{}, diags);
}

// The text ops of a page in drawing order (footers excluded: they are artifacts).
std::vector<std::string> texts(const pdf::Page& p) {
    std::vector<std::string> out;
    for (const auto& o : p.ops)
        if (o.kind == pdf::Op::Kind::text && o.tag >= 0) out.push_back(o.text);
    return out;
}

// Table 1, with a header row of `first` and "Value"; the body is the test's.
doc::Table two_column_table(const std::string& id, const std::string& caption, const std::string& first) {
    doc::Table t;
    t.id = id;
    t.number = 1;
    t.caption = caption;
    t.header_rows = 1;
    doc::Row h;
    h.kind = doc::Row::Kind::header;
    h.cells = {doc::Cell::label(first, true), doc::Cell::label("Value", true)};
    t.rows.push_back(h);
    return t;
}

doc::Paragraph para(int n, int words) {
    std::string t;
    for (int i = 0; i < words; ++i) t += "word" + std::to_string(i) + " ";
    return doc::Paragraph{n, t, {}, {}, false, ""};
}

}  // namespace

TEST_CASE("nothing is drawn outside the page margins", "[layout]") {
    doc::Document d;
    for (int i = 1; i <= 60; ++i) d.blocks.push_back(para(i, 40 + i % 7));
    const auto l = lay(d);
    const pdf::PageGeometry g;
    REQUIRE(l.pages.size() > 3);
    for (const auto& p : l.pages)
        for (const auto& o : p.ops) {
            if (o.kind != pdf::Op::Kind::text || o.tag < 0) continue;
            CHECK(o.y >= g.margin_bottom - 1e-6);
            CHECK(o.y <= g.height - g.margin_top);
            CHECK(o.x >= g.margin_left - 1e-6);
        }
}

TEST_CASE("no paragraph leaves a single line alone at the foot or head of a page", "[layout]") {
    // Vary the paragraph lengths so that breaks fall everywhere.
    for (int shift = 0; shift < 12; ++shift) {
        doc::Document d;
        for (int i = 1; i <= 40; ++i) d.blocks.push_back(para(i, 15 + (i * 7 + shift) % 50));
        const auto l = lay(d);
        // Each text op belongs to one paragraph's node: count its lines per page.
        std::map<int, std::map<size_t, int>> lines;  // node -> page -> lines
        for (size_t p = 0; p < l.pages.size(); ++p)
            for (const auto& o : l.pages[p].ops)
                if (o.kind == pdf::Op::Kind::text && o.tag >= 0 && o.x > 70) ++lines[o.tag][p];
        for (const auto& [node, per_page] : lines) {
            if (per_page.size() < 2) continue;
            int total = 0;
            for (const auto& kv : per_page) total += kv.second;
            if (total < 4) continue;
            INFO("shift " << shift << ", node " << node);
            CHECK(per_page.begin()->second >= 2);   // no orphan at the foot
            CHECK(per_page.rbegin()->second >= 2);  // no widow at the head
        }
    }
}

TEST_CASE("a heading is never the last thing on a page", "[layout]") {
    for (int shift = 0; shift < 20; ++shift) {
        doc::Document d;
        for (int i = 1; i <= 30; ++i) {
            d.blocks.push_back(doc::Heading{2, "Heading " + std::to_string(i), ""});
            d.blocks.push_back(para(i, 10 + (i * 11 + shift * 3) % 60));
        }
        const auto l = lay(d);
        for (const auto& p : l.pages) {
            const auto t = texts(p);
            REQUIRE_FALSE(t.empty());
            CHECK(t.back().rfind("Heading ", 0) != 0);
        }
    }
}

TEST_CASE("a 10,000-row table paginates: every row once, headers repeated, caption once", "[layout][table]") {
    doc::Document d;
    doc::Table t = two_column_table("big", "A very long table", "Area");
    for (int i = 0; i < 10000; ++i) {
        doc::Row r;
        r.cells = {doc::Cell::label("Row " + std::to_string(i)), doc::Cell::number(Num(i), 0, doc::NumStyle::count)};
        t.rows.push_back(r);
    }
    d.blocks.push_back(t);
    const auto l = lay(d);
    REQUIRE(l.pages.size() > 100);
    std::vector<int> seen(10000, 0);
    size_t captions = 0, continued = 0;
    for (size_t p = 0; p < l.pages.size(); ++p) {
        bool header_on_page = false;
        for (const auto& o : l.pages[p].ops) {
            if (o.kind != pdf::Op::Kind::text) continue;
            if (o.text.rfind("Table 1: A very long table", 0) == 0) ++captions;
            if (o.text == "Table 1 (continued)") ++continued;
            if (o.text == "Area") header_on_page = true;
            if (o.text.rfind("Row ", 0) == 0) ++seen[static_cast<size_t>(std::stoi(o.text.substr(4)))];
        }
        CHECK(header_on_page);
    }
    CHECK(captions == 1);
    CHECK(continued == l.pages.size() - 1);
    CHECK(std::count(seen.begin(), seen.end(), 1) == 10000);
}

TEST_CASE("a table too wide for portrait gets a landscape page, and the text after it does not", "[layout][table]") {
    doc::Document d;
    d.blocks.push_back(para(1, 30));
    doc::Table t;
    t.id = "wide";
    t.number = 1;
    t.caption = "Twelve financial years";
    t.header_rows = 1;
    doc::Row h;
    h.kind = doc::Row::Kind::header;
    h.cells.push_back(doc::Cell::label("Line", true));
    for (int y = 2019; y < 2031; ++y) h.cells.push_back(doc::Cell::label(std::to_string(y) + "/" + std::to_string((y + 1) % 100), true));
    t.rows.push_back(h);
    for (int i = 0; i < 8; ++i) {
        doc::Row r;
        r.cells.push_back(doc::Cell::label("Investment line " + std::to_string(i)));
        for (int y = 0; y < 12; ++y) r.cells.push_back(doc::Cell::number(Num(-123456), 0, doc::NumStyle::accounting));
        t.rows.push_back(r);
    }
    d.blocks.push_back(t);
    d.blocks.push_back(para(2, 30));
    const auto l = lay(d);
    REQUIRE(l.pages.size() == 3);
    CHECK_FALSE(l.pages[0].landscape);
    CHECK(l.pages[1].landscape);
    CHECK_FALSE(l.pages[2].landscape);
    // Every cell of the table is on the landscape page, inside it.
    const pdf::PageGeometry land = pdf::PageGeometry{}.turned();
    size_t cells = 0;
    for (const auto& o : l.pages[1].ops)
        if (o.kind == pdf::Op::Kind::text && o.text == "(123,456)") {
            ++cells;
            CHECK(o.x + 4.5 * 9 <= land.width - land.margin_right + 1e-6);
        }
    CHECK(cells == 8 * 12);
}

TEST_CASE("a contents list appears only past the length the spec sets", "[layout][contents]") {
    doc::Document d;
    for (int i = 1; i <= 12; ++i) {
        d.blocks.push_back(doc::Heading{2, "Section " + std::to_string(i), ""});
        for (int k = 0; k < 4; ++k) d.blocks.push_back(para(i * 10 + k, 60));
    }
    auto has_contents = [](const pdf::Layout& l) {
        for (const auto& o : l.pages[0].ops)
            if (o.text == "Contents") return true;
        return false;
    };
    d.contents_after_pages = 100;
    CHECK_FALSE(has_contents(lay(d)));
    d.contents_after_pages = 2;
    const auto l = lay(d);
    REQUIRE(has_contents(l));
    // Each entry's number is the page its heading is on.
    for (const auto& b : l.bookmarks) {
        if (b.level != 2 || b.title == "Contents") continue;
        bool found = false;
        for (size_t i = 0; i + 1 < l.pages[0].ops.size() && !found; ++i)
            found = l.pages[0].ops[i].text == b.title && l.pages[0].ops[i + 1].text == std::to_string(b.page + 1);
        INFO(b.title);
        CHECK(found);
    }
}

TEST_CASE("contents numbers are right when the list moves sections, within a digit count and across one", "[layout][contents]") {
    // The list is laid out with guessed numbers; numbers as wide as the guess are put
    // right in place, others take another pass. Both must end with every number right.
    for (int sections : {12, 45}) {  // 45: the list runs over a page and pushes 9 to 10
        doc::Document d;
        for (int i = 1; i <= sections; ++i) {
            d.blocks.push_back(doc::Heading{2, "Section " + std::to_string(i), ""});
            for (int k = 0; k < 2; ++k) d.blocks.push_back(para(i * 10 + k, 70));
        }
        d.contents_after_pages = 2;
        const auto l = lay(d);
        std::vector<std::string> all;
        for (const auto& p : l.pages)
            for (const auto& t : texts(p)) all.push_back(t);
        size_t checked = 0;
        for (const auto& b : l.bookmarks) {
            if (b.level != 2 || b.title == "Contents") continue;
            bool found = false;
            for (size_t i = 0; i + 1 < all.size() && !found; ++i)
                found = all[i] == b.title && all[i + 1] == std::to_string(b.page + 1);
            INFO(sections << " sections: " << b.title << " is on page " << b.page + 1);
            CHECK(found);
            ++checked;
        }
        CHECK(checked == static_cast<size_t>(sections));
        if (sections == 45) CHECK(l.pages.size() > 10);
    }
}

TEST_CASE("a table's source note stays on the page of its last row", "[layout][table]") {
    // Whatever comes before moves the table's end down the page; at some offset the
    // last row lands at the foot, where the note alone would go over.
    size_t split_tables = 0;
    for (int words = 0; words <= 900; words += 15) {
        doc::Document d;
        d.blocks.push_back(para(1, words));
        doc::Table t = two_column_table("noted", "A table with a source", "Area");
        t.source_note = "Data source: Outcomes Star Online Reports (12/10/17)";
        for (int i = 0; i < 80; ++i) {
            doc::Row r;
            r.cells = {doc::Cell::label("Row " + std::to_string(i)), doc::Cell::label(std::to_string(i))};
            t.rows.push_back(r);
        }
        d.blocks.push_back(t);
        const auto l = lay(d);
        auto page_of = [&](const std::string& text) {
            for (size_t p = 0; p < l.pages.size(); ++p)
                for (const auto& s : texts(l.pages[p]))
                    if (s == text) return p;
            return l.pages.size();
        };
        INFO(words << " words before the table");
        REQUIRE(page_of(t.source_note) < l.pages.size());
        CHECK(page_of(t.source_note) == page_of("Row 79"));
        if (page_of("Row 0") != page_of("Row 79")) ++split_tables;
    }
    CHECK(split_tables > 0);  // the tables did run over pages
}

TEST_CASE("a row taller than a page is split between its lines, and only then", "[layout][table]") {
    doc::Document d;
    doc::Table t = two_column_table("tall", "One very tall row", "Note");
    std::string text;
    for (int i = 0; i < 4000; ++i) text += "w" + std::to_string(i) + " ";
    doc::Row r;
    r.cells = {doc::Cell::label(text), doc::Cell::number(Num(1), 0, doc::NumStyle::count)};
    t.rows.push_back(r);
    doc::Row small;
    small.cells = {doc::Cell::label("after"), doc::Cell::number(Num(2), 0, doc::NumStyle::count)};
    t.rows.push_back(small);
    d.blocks.push_back(t);
    const auto l = lay(d);
    REQUIRE(l.pages.size() >= 2);
    const pdf::PageGeometry g;
    std::vector<int> seen(4000, 0);
    for (const auto& p : l.pages)
        for (const auto& o : p.ops) {
            if (o.kind != pdf::Op::Kind::text) continue;
            CHECK(o.y >= g.margin_bottom - 30);  // footers sit below the margin; nothing lower
            std::istringstream words(o.text);
            for (std::string w; words >> w;)
                if (w.size() > 1 && w[0] == 'w' && isdigit(static_cast<unsigned char>(w[1]))) ++seen[static_cast<size_t>(std::stoi(w.substr(1)))];
        }
    CHECK(std::count(seen.begin(), seen.end(), 1) == 4000);
}
