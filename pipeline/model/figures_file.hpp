// A report's figures as a figures file (<id>.figures.json) holds them, read back:
// what `boardpack diff` compares and what a later report's `previous:` names. The
// writer is render/figures/, the reader movement/figures_file.cpp; this is the shape
// both agree on, here so that compute and compose can take a previous report's figures
// without depending on either.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"

namespace bp {

// The format version written and read. 2: paragraphs added (the narrative's text, for diff).
constexpr int kFiguresFormatVersion = 2;

// One figure: a declared-table cell (table, row, column) or a named figure (name).
struct Figure {
    std::string table, row, column;  // a cell's identity
    std::string name;                // a named figure's identity ("brfc.families_attached")
    std::string kind;                // "number", "dash", "blank", "text"; "flag" for a named flag
    std::string unit;                // a number's: "£", "£'000s", "£m", "count", "%", "number"
    std::optional<Num> value;        // a number's exact value (a percentage as its fraction)
    std::string shown;               // the text the paper prints ("true"/"false" for a flag)
    // "attached.total.attached", or the named figure's name.
    std::string key() const { return name.empty() ? table + "." + row + "." + column : name; }
    // A number as its paper printed it (a percentage still as its fraction): the value
    // rounded to the places `shown` shows. nullopt unless a number.
    std::optional<Num> printed() const;
};

// The places shown in a figure's printed text: "55.9%" 1, "(2,000)" 0, "4.60" 2.
int shown_decimals(const std::string& shown);

struct Line {
    std::string id, label;
};

struct FiguresTable {
    std::string id, title, unit;
    std::vector<Line> rows, columns;
    std::vector<Figure> cells;
    std::string row_label(const std::string& id) const;
};

struct Paragraph {
    std::string section;
    int place = 0, number = 0;
    std::string text;
};

struct FiguresFile {
    std::string path;  // as named, for messages
    int version = 0;
    std::string id, title, date, generator;
    std::vector<FiguresTable> tables;
    std::vector<Figure> named;
    std::vector<Paragraph> paragraphs;
    const FiguresTable* table(const std::string& id) const;
};

// The report a later report compares itself with (its spec's `previous:`): the file,
// and its cells by "table.row.column".
struct PreviousReport {
    FiguresFile file;
    SourcePos named_at;  // the spec's `previous:`
    std::unordered_map<std::string, const Figure*> cells;
    void index();  // fills `cells` from `file` (call again after moving the file)
    const Figure* cell(const std::string& table, const std::string& row, const std::string& column) const;
};

}  // namespace bp
