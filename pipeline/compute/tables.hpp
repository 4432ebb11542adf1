// Evaluating declared tables: every name resolved to a cell, every derivation
// evaluated exactly and once, in dependency order. A cycle is found before a value is
// trusted and named in full; units are checked as derivations combine them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"
#include "model/model.hpp"
#include "model/tables.hpp"

namespace bp {

struct CellAddr {
    size_t table = 0, row = 0, col = 0;  // col: index into the table's columns
    bool operator==(const CellAddr& o) const { return table == o.table && row == o.row && col == o.col; }
};

// A derivation with every name resolved: an expression over cells and constants.
struct CellExpr {
    // range: the cells from `at` to `to` along one row or one column, added (a run of a
    // `sum: all`, a share's whole, a running total): one node, not one per cell, so a
    // 10,000-row table's shares stay linear in time and memory.
    enum class Op { cell, constant, sum, sub, mul, div, change, range } op = Op::constant;
    CellAddr at, to;
    Num constant;
    std::optional<Unit> unit;  // a constant's, when it has one (£4,000 a family)
    std::vector<CellExpr> args;
};

// The cells of a range node, in order.
std::vector<CellAddr> range_cells(const CellExpr& range);

struct TableCell {
    enum class Kind { number, dash, blank, text } kind = Kind::blank;
    Num value;         // exact; a percentage as its fraction (73.9% is 0.739)
    int typed_decimals = 0;  // an input's decimals as typed
    std::string text;
    Unit unit;
    int decimals = 0;  // shown to
    bool bold = false;
    bool signed_change = false;       // a change (since:): printed with its sign, "+16"
    bool points = false;              // a percentage less a percentage: in percentage points
    std::optional<CellExpr> formula;  // how a derived cell follows from others
    bool undefined = false;           // derived over a zero base: shown as a dash
};

struct EvaluatedTable {
    std::vector<std::vector<TableCell>> cells;  // [row][column]; a section row's are blank
};

// Where cell (r, c) of a declared table gets its value: the derivation that makes it
// (along_rows: its names are row ids, a row's or one cell's derivation), or the value
// typed for it, or neither (a section row, a value missing).
struct CellSource {
    const Derive* derive = nullptr;
    bool along_rows = true;
    const TableValue* input = nullptr;
};
CellSource source_of(const DeclaredTable& d, size_t r, size_t c);

// Every declared table of a report, evaluated, with the charts declared on them.
class TableSet {
public:
    std::vector<DeclaredTable> decls;
    std::vector<EvaluatedTable> evaluated;  // parallel to decls
    std::vector<ChartDecl> charts;          // the kinds' named charts

    std::optional<size_t> index_of(const std::string& id) const;
    const TableCell& at(const CellAddr& a) const { return evaluated[a.table].cells[a.row][a.col]; }
    // "funding.fees.2024_25": for messages.
    std::string name_of(const CellAddr& a) const;
    // A name as a check or derivation writes it: "table.row.col" (the longest table id
    // that fits is taken, so kinds' dotted ids work); nullopt with `why` when unknown.
    struct Named {
        size_t table = 0;
        std::string first, second;  // row and column ids, or one line id (second empty)
    };
    std::optional<Named> split_name(const std::string& name, std::string* why) const;
    std::optional<size_t> row_index(size_t table, const std::string& id) const;
    std::optional<size_t> col_index(size_t table, const std::string& id) const;

    std::map<std::string, size_t> by_id;
};

// Evaluates `decls` (a data file's own tables and the kinds' tables). Reports unknown
// names, cycles, units that do not agree, value counts that do not match the columns
// and duplicate ids; a cell it cannot evaluate is left as a dash.
// `previous`: the previous report's figures, for `since` derivations (none: null).
TableSet evaluate_tables(std::vector<DeclaredTable> decls, std::vector<ChartDecl> charts, Diagnostics& diags,
                         const PreviousReport* previous = nullptr);

// Rewords rows and columns of a declared table: a kind's labels are defaults an author
// may change. An id the table does not have is an error at the author's word.
void relabel(DeclaredTable& t, const std::vector<std::pair<Text, Text>>& rows,
             const std::vector<std::pair<Text, Text>>& columns, Diagnostics& diags);

// What a resolved expression's unit is, for checks that compare two of them.
struct ExprUnit {
    enum class Kind { money, percent, plain, ratio, free } kind = Kind::free;
    int scale = 0;
    static ExprUnit of(const Unit& u);  // a cell's unit as a term of an expression
    std::string describe() const;
};

}  // namespace bp
