// Reading a figures file (<id>.figures.json, written by render/figures/) back: what
// `boardpack diff` compares and what a report's `previous:` names. A file that is not
// one, of a format version this boardpack does not read, or damaged, is an error at
// its file:line:col, never a crash or a silent empty comparison.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"

namespace bp::movement {

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
};

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

// The format version this boardpack writes and reads.
int figures_format_version();

// Parses `text`, read from `path`; errors go to diags at their file:line:col.
std::optional<FiguresFile> parse_figures_file(const std::string& text, const std::string& path, Diagnostics& diags);

// Reads and parses the file at `path` (at most kMaxFiguresBytes).
std::optional<FiguresFile> read_figures_file(const std::string& path, Diagnostics& diags);

// A figures file of a 100,000-row report is about 135 MB.
constexpr std::uintmax_t kMaxFiguresBytes = 512u << 20;

// "1234.5", "-0.0125" or "2/3" (as the writer writes exact values); nullopt otherwise.
std::optional<Num> parse_exact(const std::string& text);

}  // namespace bp::movement
