#include "model/figures_file.hpp"

#include <cctype>

namespace bp {

int shown_decimals(const std::string& shown) {
    const size_t dot = shown.rfind('.');
    if (dot == std::string::npos) return 0;
    int n = 0;
    for (size_t i = dot + 1; i < shown.size() && std::isdigit(static_cast<unsigned char>(shown[i])); ++i) ++n;
    return n;
}

std::optional<Num> Figure::printed() const {
    if (kind != "number" || !value) return std::nullopt;
    const int d = shown_decimals(shown);
    if (unit == "%") return round_half_away(*value * Num(100), d) / Num(100);
    return round_half_away(*value, d);
}

std::string FiguresTable::row_label(const std::string& row_id) const {
    for (const Line& r : rows)
        if (r.id == row_id) return r.label;
    return row_id;
}

const FiguresTable* FiguresFile::table(const std::string& table_id) const {
    for (const FiguresTable& t : tables)
        if (t.id == table_id) return &t;
    return nullptr;
}

void PreviousReport::index() {
    cells.clear();
    for (const FiguresTable& t : file.tables)
        for (const Figure& f : t.cells) cells.emplace(f.key(), &f);
}

const Figure* PreviousReport::cell(const std::string& table, const std::string& row, const std::string& column) const {
    const auto it = cells.find(table + "." + row + "." + column);
    return it == cells.end() ? nullptr : it->second;
}

}  // namespace bp
