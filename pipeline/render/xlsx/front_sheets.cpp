#include "render/xlsx/front_sheets.hpp"

#include <algorithm>

#include "render/xlsx/layout.hpp"

namespace bp::xlsx {

void NoteList::apply(Note& n, const std::string& sheet) {
    if (std::find(n.sheets.begin(), n.sheets.end(), sheet) == n.sheets.end()) n.sheets.push_back(sheet);
}

int NoteList::add(const std::string& text, const std::string& sheet) {
    for (size_t i = 0; i < notes_.size(); ++i)
        if (notes_[i].text == text) {
            apply(notes_[i], sheet);
            return static_cast<int>(i + 1);
        }
    notes_.push_back(Note{"[note " + std::to_string(notes_.size() + 1) + "]", text, {sheet}});
    return static_cast<int>(notes_.size());
}

void NoteList::shorthand(doc::Cell::Missing why, const std::string& sheet) {
    const std::string mark = xlsx::shorthand(why);
    for (auto& s : shorthands_)
        if (s.mark == mark) return apply(s, sheet);
    shorthands_.push_back(Note{mark,
                               why == doc::Cell::Missing::not_available
                                   ? "Not available: the source gives no figure here (the PDF prints a dash)."
                                   : "Not applicable: no figure belongs here, such as a rate over nothing or a mean over no families "
                                     "(the PDF prints a dash or leaves the cell empty).",
                               {sheet}});
    std::sort(shorthands_.begin(), shorthands_.end(), [](const Note& a, const Note& b) { return a.mark < b.mark; });
}

std::vector<NoteList::Note> NoteList::all() const {
    std::vector<Note> out = shorthands_;
    out.insert(out.end(), notes_.begin(), notes_.end());
    return out;
}

namespace {

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
}

}  // namespace

void write_cover(lxw_worksheet* ws, Formats& formats, const doc::Document& d) {
    const size_t tables = d.tables().size(), figures = d.figures().size();
    auto count = [](size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    std::vector<std::pair<std::string, std::string>> parts;  // heading, text
    parts.push_back({"About these figures",
                     !d.cover.description.empty()
                         ? d.cover.description
                         : "The " + count(tables, "table", "tables") + " and " + count(figures, "chart", "charts") +
                               " of the report \"" + d.title + "\", with the figures behind them."});
    std::vector<std::string> sources;
    for (const doc::Table* t : d.tables())
        if (!t->data_source.empty() && std::find(sources.begin(), sources.end(), t->data_source) == sources.end())
            sources.push_back(t->data_source);
    std::string source;
    for (const auto& s : sources) source += s + (s.empty() || s.back() == '.' ? " " : ". ");
    parts.push_back({"Source", source + "The data files the report was made from are listed on the Provenance sheet."});
    if (!d.cover.coverage.empty()) parts.push_back({"Coverage", d.cover.coverage});
    if (!d.cover.period.empty()) parts.push_back({"Period", d.cover.period});
    parts.push_back({"Publication date", d.cover.published + ", for " + d.meeting + "."});
    for (size_t i = 0; i < d.cover.contacts.size(); ++i) parts.push_back({i == 0 ? "Contact details" : "", d.cover.contacts[i]});
    parts.push_back({"Notes and shorthands",
                     "Each table's notes, and the shorthands [x] (not available) and [z] (not applicable) where cells have no "
                     "figure, are explained on the Notes sheet."});
    parts.push_back({"How the tables are made",
                     std::string("Totals, differences and percentages are formulas over the cells they come from. ") +
                         (d.workbook_numbers == doc::Document::WorkbookNumbers::plain
                              ? "Negative figures have a minus sign and zeros show as 0."
                              : "Negative figures are in brackets and zeros show as a dash, as in the report.")});
    check(worksheet_write_string(ws, 0, 0, d.title.c_str(), formats.title()), "title");
    check(worksheet_write_string(ws, 1, 0, ("The appendix of figures to the report to " + d.meeting + ".").c_str(), nullptr), "title");
    constexpr double kWidth = 85;  // one A4 page wide
    lxw_row_t row = 2;
    for (const auto& [heading, text] : parts) {
        if (!heading.empty()) check(worksheet_write_string(ws, row++, 0, heading.c_str(), formats.get("", true)), "heading");
        fit_row(ws, row, text, kWidth);
        check(worksheet_write_string(ws, row++, 0, text.c_str(), formats.get("", false, true, false, false, true)), "text");
    }
    worksheet_set_column(ws, 0, 0, kWidth, nullptr);
    print_setup(ws, 1, 0);
}

void write_contents(lxw_worksheet* ws, Formats& formats, const doc::Document& d, const std::vector<ContentsEntry>& entries) {
    const lxw_row_t header = write_lines(ws, formats, {"Contents", d.title + " – " + d.meeting,
                                                       "This worksheet contains one table: every sheet after it, each a link."});
    SimpleTable toc;
    toc.headers = {"Sheet", "Contents"};
    for (const auto& e : entries) {
        toc.rows.push_back({e.sheet, e.description});
        toc.links.push_back("internal:" + quoted_sheet(e.sheet) + "!A1");
    }
    write_simple_table(ws, formats, toc, "tbl_contents", header, {14, 100});
    print_setup(ws, 2, header);
}

void write_notes(lxw_worksheet* ws, Formats& formats, const NoteList& notes) {
    const lxw_row_t header = write_lines(ws, formats, {"Notes", "This worksheet contains one table: every note and shorthand the "
                                                                "workbook uses, and the sheets it applies to."});
    SimpleTable t;
    t.headers = {"Note or shorthand", "Meaning", "Applies to"};
    for (const auto& n : notes.all()) t.rows.push_back({n.mark, n.text, joined(n.sheets)});
    if (t.rows.empty()) t.rows.push_back({"None", "No table in this workbook has a note, and every cell of figures has one.", ""});
    write_simple_table(ws, formats, t, "tbl_notes", header, {18, 80, 40});
    print_setup(ws, 3, header);
}

void write_provenance(lxw_worksheet* ws, Formats& formats, const doc::Document& d) {
    const lxw_row_t header = write_lines(
        ws, formats, {"Provenance", "This worksheet contains one table: what the workbook was made from, by " + d.generator +
                                        ", each input with its SHA-256, so that a copy can be checked against its sources."});
    SimpleTable t;
    t.headers = {"Input", "SHA-256", "Note"};
    for (const auto& s : d.sources) t.rows.push_back({s.name, s.sha256, s.note});
    if (t.rows.empty()) t.rows.push_back({"No input files were recorded", "", ""});
    write_simple_table(ws, formats, t, "tbl_provenance", header, {60, 70, 60});
    print_setup(ws, 2, header);
}

}  // namespace bp::xlsx
