// The Government Analysis Function's "Releasing statistics in spreadsheets", point by
// point, as machine rules over finished workbooks: every workbook the tests wrote
// (kept once per content, see support.hpp) and the bundled goldens. Run by ctest after
// the suite (tests/CMakeLists.txt); prints each breach as FILE: SHEET: rule, exits 1
// when there is any.
//
// The rules:
//  1. the first sheets are Cover, Contents and Notes, and Provenance is last;
//  2. no merged cells;
//  3. every sheet but the cover holds exactly one table, and every table is named;
//  4. one header row: no headerRowCount other than 1, no totals row, no empty header;
//     and, for the files after --headers (the bundled goldens, whose words boardpack
//     and the examples choose), no generic header ("Column 2", "Row", "Item", "Value")
//     and none repeated with " (2)". A test's own table may be headed "Value".
//  5. no blank row inside a table or directly above it;
//  6. no text in a column of numbers, except a shorthand such as [x], and no row with
//     no figure in any of them (a subheading: its group belongs in a column of its own);
//  7. every shorthand used is explained on the Notes sheet;
//  8. every formula has its value cached, and Excel is not told to recalculate on load.
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "render/xlsx/zip_parts.hpp"

namespace {

// ------------------------------------------------------------------ the sheets

std::string unescape(std::string s) {
    const std::vector<std::pair<std::string, std::string>> entities{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
    return s;
}

struct Cell {
    bool number = false;  // a number, or a formula with a number cached
    bool formula = false, cached = false;
    std::string text;     // a string cell's text
};

// "AB12" -> {11, 27} (0-based row, column).
std::pair<size_t, size_t> position(const std::string& ref) {
    size_t col = 0, i = 0;
    for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) col = col * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    return {std::stoul(ref.substr(i)) - 1, col - 1};
}

struct Sheet {
    std::string name, xml;
    std::map<std::pair<size_t, size_t>, Cell> cells;
    std::vector<std::string> tables;  // the table parts' XML
};

struct Workbook {
    std::vector<Sheet> sheets;
    std::string workbook_xml;
};

Workbook load(const std::string& path) {
    auto parts = bp::xlsx::unzip_all(path);
    Workbook wb;
    wb.workbook_xml = parts["xl/workbook.xml"];
    std::vector<std::string> strings;
    const std::string& sst = parts["xl/sharedStrings.xml"];
    const std::regex si("<si>(.*?)</si>");
    const std::regex t("<t[^>]*>([^<]*)</t>");
    for (std::sregex_iterator it(sst.begin(), sst.end(), si), end; it != end; ++it) {
        const std::string item = (*it)[1];
        std::string text;
        for (std::sregex_iterator jt(item.begin(), item.end(), t); jt != end; ++jt) text += unescape((*jt)[1]);
        strings.push_back(text);
    }
    const std::regex sheet_re("<sheet name=\"([^\"]+)\" sheetId=\"\\d+\" r:id=\"rId(\\d+)\"/>");
    const std::regex cell_re("<c r=\"([A-Z]+\\d+)\"([^>]*?)(/>|>(.*?)</c>)");
    const std::regex part_re("<tablePart r:id=\"(rId\\d+)\"/>");
    size_t n = 0;
    for (std::sregex_iterator it(wb.workbook_xml.begin(), wb.workbook_xml.end(), sheet_re), end; it != end; ++it) {
        Sheet s;
        s.name = unescape((*it)[1]);
        const std::string file = "xl/worksheets/sheet" + std::to_string(++n) + ".xml";
        s.xml = parts[file];
        for (std::sregex_iterator ct(s.xml.begin(), s.xml.end(), cell_re); ct != end; ++ct) {
            const std::string attrs = (*ct)[2], body = (*ct)[4];
            Cell c;
            c.formula = body.find("<f>") != std::string::npos;
            std::smatch v;
            const bool has_v = std::regex_search(body, v, std::regex("<v>([^<]*)</v>"));
            c.cached = has_v;
            if (attrs.find("t=\"s\"") != std::string::npos) {
                if (has_v) c.text = strings.at(std::stoul(v[1]));
            } else if (attrs.find("t=\"str\"") != std::string::npos) {
                c.text = has_v ? unescape(v[1]) : "";
            } else if (has_v) {
                c.number = true;
            }
            if (!c.formula && !c.number && c.text.empty()) continue;  // a formatted empty cell
            s.cells[position((*ct)[1])] = c;
        }
        // The sheet's tables, through its relationships.
        const std::string rels = parts["xl/worksheets/_rels/sheet" + std::to_string(n) + ".xml.rels"];
        for (std::sregex_iterator pt(s.xml.begin(), s.xml.end(), part_re); pt != end; ++pt) {
            std::smatch target;
            if (std::regex_search(rels, target, std::regex("Id=\"" + std::string((*pt)[1]) + "\"[^>]*Target=\"\\.\\./tables/([^\"]+)\"")) ||
                std::regex_search(rels, target, std::regex("Target=\"\\.\\./tables/([^\"]+)\"[^>]*Id=\"" + std::string((*pt)[1]) + "\"")))
                s.tables.push_back(parts["xl/tables/" + std::string(target[1])]);
        }
        wb.sheets.push_back(s);
    }
    return wb;
}

// ------------------------------------------------------------------ the rules

class Checker {
public:
    Checker(std::string file, bool headers) : file_(std::move(file)), headers_(headers) {}
    int breaches = 0;

    void run(const Workbook& wb) {
        order(wb);
        if (wb.workbook_xml.find("fullCalcOnLoad") != std::string::npos) fail("workbook", "Excel is told to recalculate on load");
        std::set<std::string> shorthands;
        for (const auto& s : wb.sheets) sheet(s, shorthands);
        notes(wb, shorthands);
    }

private:
    std::string file_;
    bool headers_;
    void fail(const std::string& sheet, const std::string& why) {
        std::cout << file_ << ": " << sheet << ": " << why << "\n";
        ++breaches;
    }

    void order(const Workbook& wb) {
        const std::vector<std::string> first{"Cover", "Contents", "Notes"};
        for (size_t i = 0; i < first.size(); ++i)
            if (i >= wb.sheets.size() || wb.sheets[i].name != first[i])
                fail("workbook", "sheet " + std::to_string(i + 1) + " is not " + first[i]);
        if (wb.sheets.empty() || wb.sheets.back().name != "Provenance") fail("workbook", "the last sheet is not Provenance");
    }

    static bool shorthand(const std::string& text) { return std::regex_match(text, std::regex("\\[[a-z]+\\]")); }

    void sheet(const Sheet& s, std::set<std::string>& shorthands) {
        if (s.xml.find("<mergeCell") != std::string::npos) fail(s.name, "merged cells");
        for (const auto& [at, c] : s.cells)
            if (c.formula && !c.cached) fail(s.name, "a formula without its value cached");
        if (s.name == "Cover") {
            if (!s.tables.empty()) fail(s.name, "the cover holds a table");
            return;
        }
        if (s.tables.size() != 1) fail(s.name, std::to_string(s.tables.size()) + " tables, not one");
        for (const auto& t : s.tables) table(s, t, shorthands);
    }

    void table(const Sheet& s, const std::string& xml, std::set<std::string>& shorthands) {
        std::smatch m;
        if (!std::regex_search(xml, m, std::regex("<table [^>]*name=\"([^\"]*)\" displayName=\"([^\"]*)\" ref=\"([A-Z]+\\d+):([A-Z]+\\d+)\"")) ||
            std::string(m[1]).empty()) {
            fail(s.name, "a table without a name");
            return;
        }
        if (xml.find("headerRowCount") != std::string::npos || xml.find("totalsRowCount") != std::string::npos)
            fail(s.name, "the table has other than one header row");
        const auto [r1, c1] = position(m[3]);
        const auto [r2, c2] = position(m[4]);
        const std::regex generic("Column \\d+|Row|Item|Value|.* \\(\\d+\\)");
        for (size_t c = c1; c <= c2; ++c) {
            auto it = s.cells.find({r1, c});
            const std::string h = it == s.cells.end() ? "" : it->second.text;
            if (h.empty() || (headers_ && std::regex_match(h, generic))) fail(s.name, "a generic or empty header: '" + h + "'");
        }
        auto blank = [&](size_t r) {
            for (size_t c = c1; c <= c2; ++c)
                if (s.cells.count({r, c})) return false;
            // Above the table, a line of text may start in column A whatever the table's columns.
            return !s.cells.count({r, 0});
        };
        if (r1 > 0 && blank(r1 - 1)) fail(s.name, "a blank row directly above the table");
        for (size_t r = r1 + 1; r <= r2; ++r)
            if (blank(r)) fail(s.name, "a blank row inside the table (row " + std::to_string(r + 1) + ")");
        std::vector<size_t> figure_columns;
        for (size_t c = c1; c <= c2; ++c) {
            bool numbers = false;
            for (size_t r = r1 + 1; r <= r2; ++r) {
                auto it = s.cells.find({r, c});
                numbers = numbers || (it != s.cells.end() && it->second.number);
            }
            if (numbers) figure_columns.push_back(c);
            for (size_t r = r1 + 1; r <= r2; ++r) {
                auto it = s.cells.find({r, c});
                if (it == s.cells.end() || it->second.number) continue;
                if (shorthand(it->second.text)) shorthands.insert(it->second.text);
                else if (numbers) fail(s.name, "text '" + it->second.text + "' in a column of numbers (row " + std::to_string(r + 1) + ")");
            }
        }
        for (size_t r = r1 + 1; r <= r2 && !figure_columns.empty(); ++r) {
            bool any = false;
            for (size_t c : figure_columns) any = any || s.cells.count({r, c});
            if (!any) fail(s.name, "a row with no figure in any column of numbers, a subheading (row " + std::to_string(r + 1) + ")");
        }
    }

    void notes(const Workbook& wb, const std::set<std::string>& used) {
        std::set<std::string> explained;
        for (const auto& s : wb.sheets)
            if (s.name == "Notes")
                for (const auto& [at, c] : s.cells)
                    if (at.second == 0) explained.insert(c.text);
        for (const auto& u : used)
            if (!explained.count(u)) fail("Notes", "the shorthand " + u + " is used but not explained");
    }
};

}  // namespace

int main(int argc, char** argv) {
    int breaches = 0, workbooks = 0;
    bool headers = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--headers") {
            headers = true;
            continue;
        }
        if (!std::ifstream(argv[i])) continue;  // a pattern that matched no file
        Checker check(argv[i], headers);
        check.run(load(argv[i]));
        breaches += check.breaches;
        ++workbooks;
    }
    std::cout << "workbook_guidance: " << workbooks << " workbooks, " << breaches << " breaches\n";
    return breaches == 0 && workbooks > 0 ? 0 : 1;
}
