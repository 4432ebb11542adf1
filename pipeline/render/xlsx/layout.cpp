#include "render/xlsx/layout.hpp"

#include <algorithm>
#include <set>

namespace bp::xlsx {

std::string unit_line(const doc::Table& t) {
    if (t.header_rows < 2 || t.rows.size() < 2) return "";
    std::set<std::string> units;
    for (const auto& c : t.rows[1].cells)
        if (!c.display().empty()) units.insert(c.display());
    std::string unit;
    for (const auto& u : units) unit += (unit.empty() ? "" : ", ") + u;
    return unit.empty() ? "" : "Figures in " + unit;
}

bool grouped(const doc::Table& t) {
    return std::any_of(t.rows.begin(), t.rows.end(), [](const doc::Row& r) { return r.kind == doc::Row::Kind::section; });
}

const char* shorthand(doc::Cell::Missing why) {
    switch (why) {
        case doc::Cell::Missing::not_available: return "[x]";
        case doc::Cell::Missing::not_applicable: return "[z]";
        case doc::Cell::Missing::none: break;
    }
    return "";
}

SheetLayout layout_of(const doc::Table& t, const std::vector<int>& notes) {
    SheetLayout l;
    l.lines.push_back(t.sheet_name + ": " + t.caption);
    std::string about = "This worksheet contains one table.";
    if (!notes.empty()) {
        about += " Notes on it are on the Notes sheet:";
        for (size_t i = 0; i < notes.size(); ++i) about += (i ? ", " : " ") + std::string("[note ") + std::to_string(notes[i]) + "]";
        about += ".";
    }
    l.lines.push_back(about);
    if (const std::string unit = unit_line(t); !unit.empty()) l.lines.push_back(unit);
    if (!t.source_note.empty()) l.lines.push_back(t.source_note);
    l.header_row = l.lines.size();
    l.col_offset = grouped(t) ? 1 : 0;
    size_t next = l.header_row + 1;
    l.row_of.resize(t.rows.size(), l.header_row);
    for (size_t r = t.header_rows; r < t.rows.size(); ++r) {
        l.row_of[r] = next;
        if (t.rows[r].kind != doc::Row::Kind::section) ++next;
    }
    l.last_row = std::max(next - 1, l.header_row + 1);
    size_t cols = 0;
    for (const auto& r : t.rows) cols = std::max(cols, r.cells.size());
    l.figures.assign(cols, false);
    for (size_t r = t.header_rows; r < t.rows.size(); ++r)
        for (size_t c = 0; c < t.rows[r].cells.size(); ++c)
            if (t.rows[r].cells[c].kind == doc::Cell::Kind::number) l.figures[c] = true;
    return l;
}

}  // namespace bp::xlsx
