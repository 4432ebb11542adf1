#include "render/figures/tables_csv.hpp"

#include "compose/tables.hpp"

namespace bp::figures {
namespace {

void field(std::ostream& out, const std::string& s, bool last = false) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        out << s;
    } else {
        out << '"';
        for (char c : s) out << (c == '"' ? "\"\"" : std::string(1, c));
        out << '"';
    }
    out << (last ? "\r\n" : ",");
}

// 1184000, 55.9259259259 (a rational that does not terminate, to 12 places), -0.6.
std::string value_text(const Num& v) {
    const std::string exact = exact_text(v);
    if (exact.find('/') == std::string::npos) return exact;
    std::string r = to_fixed(round_half_away(v, 12), 12);
    while (!r.empty() && r.back() == '0') r.pop_back();
    if (!r.empty() && r.back() == '.') r.pop_back();
    return r;
}

}  // namespace

void write_table_csv(const TableSet& set, size_t t, std::ostream& out) {
    const DeclaredTable& d = set.decls[t];
    const EvaluatedTable& e = set.evaluated[t];
    for (const char* h : {"row_id", "row", "column_id", "column", "unit", "value"}) field(out, h);
    field(out, "shown", true);
    for (size_t r = 0; r < d.rows.size(); ++r) {
        const TableRow& row = d.rows[r];
        if (row.kind == TableRow::Kind::section) continue;
        for (size_t c = 0; c < d.columns.size(); ++c) {
            const TableCell& cell = e.cells[r][c];
            field(out, row.id);
            field(out, row.label);
            field(out, d.columns[c].id);
            field(out, d.columns[c].label);
            const bool number = cell.kind == TableCell::Kind::number;
            // A percentage less a percentage is in percentage points, its value too (5.9).
            field(out, !number ? "" : cell.points ? "percentage points" : cell.unit.word());
            field(out, number ? value_text(cell.unit.kind == Unit::Kind::percent ? cell.value * Num(100) : cell.value) : "");
            field(out, compose::doc_cell(cell).display(), true);
        }
    }
}

}  // namespace bp::figures
