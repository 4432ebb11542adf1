// Building declared tables in C++, as a kind does: the same model an author writes
// in YAML, so the kind's tables are evaluated and written by the one table path.
#pragma once
#include <string>
#include <vector>

#include "core/tvalue.hpp"
#include "model/model.hpp"
#include "model/tables.hpp"

namespace bp::kinds {

TableValue number(const Num& v, int decimals = 0);
// A figure as the data file typed it, keeping where: the figures file (and any message
// about the cell) points at the typed value.
TableValue typed(const Stated& s);
TableValue typed(const Percent& p);
TableValue typed(const Count& c);
TableValue dash();
TableValue blank();
TableValue text(std::string s);

// Named figures for templates: text, an exact raw value, a count with separators.
TValue named_text(const std::string& s);
TValue named_raw(const Num& v, const std::string& unit);
TValue named_count(long long v);
// A figure for prose in the unit it was given in: £m -> "£8.1m", £'000s and £ -> whole
// pounds, % -> "73.9%", anything else a count.
std::string prose_in_unit(const Num& v, int decimals, const std::string& unit);

// A derivation over names ("total", "pilot.x.stages_initial.a0.families").
Derive derive(Derive::Op op, const std::vector<std::string>& names);
Derive sum_all();

class TableBuilder {
public:
    TableBuilder(std::string id, Unit unit, std::string kind);
    TableColumn& column(std::string id, std::string label);
    TableRow& row(std::string id, std::string label, std::vector<TableValue> values);
    TableRow& derived_row(std::string id, std::string label, Derive d);
    void section(std::string label);
    DeclaredTable& table() { return t_; }
    DeclaredTable take() { return std::move(t_); }

private:
    DeclaredTable t_;
};

}  // namespace bp::kinds
