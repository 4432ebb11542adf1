#include "kinds/builder.hpp"

#include "core/format.hpp"

namespace bp::kinds {

TableValue number(const Num& v, int decimals) {
    TableValue x;
    x.kind = TableValue::Kind::number;
    x.value = v;
    x.decimals = decimals;
    return x;
}
TableValue typed(const Stated& s) {
    TableValue x = number(s.value, s.decimals);
    x.pos = s.pos;
    return x;
}

TableValue typed(const Percent& p) {
    TableValue x = number(p.value, p.decimals);
    x.pos = p.pos;
    return x;
}

TableValue typed(const Count& c) {
    TableValue x = number(Num(c.value));
    x.pos = c.pos;
    return x;
}

TableValue dash() { return TableValue{}; }
TableValue blank() {
    TableValue x;
    x.kind = TableValue::Kind::blank;
    return x;
}
TableValue text(std::string s) {
    TableValue x;
    x.kind = TableValue::Kind::text;
    x.text = std::move(s);
    return x;
}

TValue named_text(const std::string& s) { return TValue::str(s); }
TValue named_raw(const Num& v, const std::string& unit) { return TValue::raw(raw_text(v), unit); }
TValue named_count(long long v) { return TValue::str(fmt_count(Num(v))); }

std::string prose_in_unit(const Num& v, int decimals, const std::string& unit) {
    if (unit == "£m") return fmt_money_m(v, decimals);
    if (unit == "£'000s") return fmt_pounds(v * Num(1000));
    if (unit == "£") return fmt_pounds(v);
    if (unit == "%") return fmt_percent(v, decimals);
    return fmt_count(v, decimals);
}

Derive derive(Derive::Op op, const std::vector<std::string>& names) {
    Derive d;
    d.op = op;
    for (const auto& n : names) {
        Operand o;
        o.kind = Operand::Kind::name;
        o.name = n;
        d.args.push_back(o);
    }
    return d;
}

Derive sum_all() {
    Derive d;
    d.op = Derive::Op::sum;
    d.all = true;
    return d;
}

TableBuilder::TableBuilder(std::string id, Unit unit, std::string kind) {
    t_.id = std::move(id);
    t_.unit = std::move(unit);
    t_.kind = std::move(kind);
}

TableColumn& TableBuilder::column(std::string id, std::string label) {
    TableColumn c;
    c.id = std::move(id);
    c.label = std::move(label);
    t_.columns.push_back(std::move(c));
    return t_.columns.back();
}

TableRow& TableBuilder::row(std::string id, std::string label, std::vector<TableValue> values) {
    TableRow r;
    r.id = std::move(id);
    r.label = std::move(label);
    r.values = std::move(values);
    r.cell_derive.resize(r.values.size());
    t_.rows.push_back(std::move(r));
    return t_.rows.back();
}

TableRow& TableBuilder::derived_row(std::string id, std::string label, Derive d) {
    TableRow r;
    r.id = std::move(id);
    r.label = std::move(label);
    r.derive = std::move(d);
    t_.rows.push_back(std::move(r));
    return t_.rows.back();
}

void TableBuilder::section(std::string label) {
    TableRow r;
    r.kind = TableRow::Kind::section;
    r.label = std::move(label);
    t_.rows.push_back(std::move(r));
}

}  // namespace bp::kinds
