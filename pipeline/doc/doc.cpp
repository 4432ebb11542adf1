#include "doc/doc.hpp"

#include "core/format.hpp"

namespace bp::doc {

Formula Formula::of_cell(CellRef r) {
    Formula f;
    f.op = Op::cell;
    f.ref = std::move(r);
    return f;
}

Formula Formula::of(Op op, std::vector<Formula> args) {
    Formula f;
    f.op = op;
    f.args = std::move(args);
    return f;
}

Cell Cell::label(std::string t, bool bold) {
    Cell c;
    c.kind = Kind::text;
    c.text = std::move(t);
    c.bold = bold;
    return c;
}

Cell Cell::number(Num v, int decimals, NumStyle style, bool bold) {
    Cell c;
    c.kind = Kind::number;
    c.value = v;
    c.decimals = decimals;
    c.style = style;
    c.bold = bold;
    return c;
}

Cell Cell::none(std::string shown, Missing why) {
    Cell c;
    c.text = std::move(shown);
    c.missing = why;
    return c;
}

std::string Cell::display() const {
    if (kind != Kind::number) return text;
    if (show_plus && !round_half_away(value, decimals).is_zero() && !value.is_negative()) {
        Cell unsigned_cell = *this;
        unsigned_cell.show_plus = false;
        return "+" + unsigned_cell.display();
    }
    switch (style) {
        case NumStyle::count: return fmt_count(value, decimals);
        case NumStyle::accounting: return fmt_accounting(value, decimals);
        case NumStyle::percent: return fmt_percent(value, decimals);
        case NumStyle::fixed: return fmt_fixed(value, decimals);
        case NumStyle::points: return fmt_fixed(value, decimals) + " pts";
    }
    return text;
}

const Table* Document::table(const std::string& id) const {
    for (const auto& b : blocks)
        if (auto t = std::get_if<Table>(&b); t && t->id == id) return t;
    return nullptr;
}

std::vector<const Table*> Document::tables() const {
    std::vector<const Table*> out;
    for (const auto& b : blocks)
        if (auto t = std::get_if<Table>(&b)) out.push_back(t);
    return out;
}

std::vector<const Figure*> Document::figures() const {
    std::vector<const Figure*> out;
    for (const auto& b : blocks)
        if (auto f = std::get_if<Figure>(&b)) out.push_back(f);
    return out;
}

std::vector<const Picture*> Document::pictures() const {
    std::vector<const Picture*> out;
    if (look.logo) out.push_back(&*look.logo);
    for (const auto& b : blocks)
        if (auto p = std::get_if<Picture>(&b)) out.push_back(p);
    return out;
}

}  // namespace bp::doc
