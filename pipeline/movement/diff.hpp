// What moved between two figures files: every figure changed, added or removed,
// grouped by table, and every paragraph whose text changed; as text for a reader and
// as JSON for a program. `boardpack diff` prints it; templates' "since" names use the
// same comparison of one figure (figure_change()).
#pragma once
#include <string>
#include <vector>

#include "movement/figures_file.hpp"

namespace bp::movement {

enum class What { changed, added, removed };

struct FigureMove {
    What what = What::changed;
    const Figure* before = nullptr;  // null when added
    const Figure* after = nullptr;   // null when removed
};

struct TableMove {
    std::string id, title, unit;
    What what = What::changed;  // added or removed: the whole table
    std::vector<FigureMove> figures;
};

struct ParagraphMove {
    What what = What::changed;
    const Paragraph* before = nullptr;
    const Paragraph* after = nullptr;
};

struct Movement {
    const FiguresFile* before = nullptr;
    const FiguresFile* after = nullptr;
    std::vector<TableMove> tables;  // only tables with something moved; named figures last, id ""
    std::vector<ParagraphMove> paragraphs;
    bool moved() const { return !tables.empty() || !paragraphs.empty(); }
    size_t count(What w) const;            // figures
    size_t paragraph_count(What w) const;  // paragraphs
};

// Compares two files (they are borrowed: keep them alive while the result is used).
Movement compare(const FiguresFile& before, const FiguresFile& after);

// The change of one figure in words a column can hold: "+14", "-2,000", "+1.2 pts"
// (a percentage's change, in percentage points), the difference of the two figures as
// printed; and "+4.5%", the relative change of the exact values ("" for a percentage,
// from zero or across it). Both "" unless both are numbers of one unit.
struct FigureChange {
    std::string difference, relative;
    bool comparable = false;  // both numbers of the same unit
    Num delta;                // after - before, when comparable
};
FigureChange figure_change(const Figure& before, const Figure& after);

using bp::shown_decimals;  // model/figures_file.hpp

std::string movement_text(const Movement& m);
std::string movement_json(const Movement& m);

}  // namespace bp::movement
