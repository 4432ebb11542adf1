// The sheets around the tables, as the Analysis Function asks of a published
// spreadsheet: a Cover for the public reader (what the data are, source, coverage and
// period, publication date, contacts), Contents with links, Notes listing every note
// and shorthand with where it applies, and, last, Provenance (the inputs and their
// SHA-256). Internal to render/xlsx.
#pragma once
#include <string>
#include <vector>

#include "doc/doc.hpp"
#include "render/xlsx/sheet_kit.hpp"

namespace bp::xlsx {

// Every note and shorthand the workbook uses, in the order first met, each with the
// sheets it applies to.
class NoteList {
public:
    struct Note {
        std::string mark;  // "[x]", "[note 1]"
        std::string text;
        std::vector<std::string> sheets;
    };
    // A note's number (the same text is one note, however many sheets it applies to).
    int add(const std::string& text, const std::string& sheet);
    void shorthand(doc::Cell::Missing why, const std::string& sheet);
    std::vector<Note> all() const;  // shorthands first, then numbered notes

private:
    std::vector<Note> shorthands_, notes_;
    static void apply(Note& n, const std::string& sheet);
};

struct ContentsEntry {
    std::string sheet, description;
};

void write_cover(lxw_worksheet* ws, Formats& formats, const doc::Document& d);
void write_contents(lxw_worksheet* ws, Formats& formats, const doc::Document& d, const std::vector<ContentsEntry>& entries);
void write_notes(lxw_worksheet* ws, Formats& formats, const NoteList& notes);
void write_provenance(lxw_worksheet* ws, Formats& formats, const doc::Document& d);

}  // namespace bp::xlsx
