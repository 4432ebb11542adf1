// Declared tables: the one table model every programme's figures pass through. A data
// file may declare tables in YAML (load/load_tables.cpp); a built-in programme kind
// (kinds/) declares its tables the same way from what it loaded and computed. From
// here on, evaluation (compute/tables.cpp), checking (validate/validate_tables.cpp),
// compose and both writers know declared tables only.
//
// Names, not indices: a derivation names the rows, columns and tables it uses, so an
// author can write it, and a misspelt name can be reported with "did you mean".
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"

namespace bp {

// What a figure counts or measures. Money carries its scale (£, £'000s, £m), so adding
// £m to £'000s is an error rather than a silent factor of a thousand.
struct Unit {
    enum class Kind { money, count, percent, number } kind = Kind::number;
    int scale = 0;      // money: 0 for £, 3 for £'000s, 6 for £m
    std::string label;  // as printed: "£'000s", "%", "" for plain numbers and counts

    // "£", "£'000s", "£m", "count", "%", "number"; nullopt for anything else.
    static std::optional<Unit> parse(const std::string& word);
    static Unit count() { return Unit{Kind::count, 0, ""}; }
    static Unit number() { return Unit{Kind::number, 0, ""}; }
    static Unit percent() { return Unit{Kind::percent, 0, "%"}; }
    bool is_plain() const { return kind == Kind::count || kind == Kind::number; }
    bool same_as(const Unit& o) const;  // counts and plain numbers agree with each other
    std::string name() const;           // for messages: "£'000s", "a count", "%", "a number"
    std::string word() const;           // what parse() reads back: "£", "£'000s", "£m", "count", "%", "number"
};

// A value as typed in a table: a number (with the decimals it was written with), a
// dash (no figure: "-"), a blank, or text.
struct TableValue {
    enum class Kind { number, dash, blank, text } kind = Kind::dash;
    Num value;  // for a percentage: the percentage as typed (73.9), not the fraction
    int decimals = 0;
    std::string text;
    SourcePos pos;
};

// One thing a derivation uses: a row (in a row's derivation) or a column (in a
// column's), of this table or another; one cell anywhere; or a constant.
struct Operand {
    // name: as an author wrote it ("total", "funding.total", "funding.total.2024_25"),
    // resolved when every table is known.
    enum class Kind { line, cell, constant, fact, name } kind = Kind::line;
    std::string name;
    std::string table;      // empty: this table
    std::string line;       // a row id or column id (kind line)
    std::string row, col;   // kind cell
    Num constant;           // kind constant
    std::optional<Unit> unit;  // a constant's unit ("£4,000 a family"); none: a plain number
    SourcePos pos;
};

// How a row's, a column's or one cell's values follow from others.
struct Derive {
    enum class Op {
        none,
        sum,              // args; or every body row/value column (all); or a group
        difference,       // a - b
        product,          // a x b
        ratio,            // a / b, a plain number (or a percentage when the unit is %)
        percentage,       // a / b, shown as a percentage
        change,           // a / b - 1, a percentage change from b to a
        share,            // a / the sum of a over the body (a share of a column's total)
        running_total,    // the sum of a up to and including this column
        carried_forward,  // previous column's value of `from`, or previous + this column's `change`
        reference,        // the same cell, or a named cell, of another table
        since,            // a line's change since the previous report (spec `previous:`)
    } op = Op::none;
    std::vector<Operand> args;
    bool all = false;             // sum: every body row (or value column)
    std::string group;            // sum: the rows of a group
    bool adds_change = false;     // carried_forward: previous + args[0] (else previous args[0])
    std::optional<TableValue> opening;  // carried_forward: the first column's value
    SourcePos pos;
    bool derived() const { return op != Op::none; }
};

// Words for a figure whose sign a sentence must say: {positive: deficit, negative: surplus}.
struct SignWords {
    std::string positive, negative, zero;
    bool empty() const { return positive.empty() && negative.empty(); }
};

// How many whole-number observations (families, Stars) the figures of a row, a column
// or a table are drawn from: a count, or the name of a cell that holds it
// ("attached.total.all_years"). A percentage of n must be k/n, a mean of n whole
// scores a multiple of 1/n, a count at most n; a table's rows of counts cover it.
struct Population {
    std::optional<Num> count;
    std::string ref;
    SourcePos pos;
    bool given() const { return count.has_value() || !ref.empty(); }
};

struct TableColumn {
    std::string id;
    std::string label;
    bool text = false;                 // a column of text (periods, notes), not figures
    std::string workbook_label;        // the workbook's header where `label` is empty or repeats
                                       // another column's ("Period before"); "" : `label`
    std::optional<Unit> unit;
    std::optional<int> decimals;
    bool bold = false;
    Derive derive;
    std::map<std::string, TableValue> stated;  // by row id: what the source printed
    SignWords words;
    Population population;
    SourcePos pos;
};

struct TableRow {
    enum class Kind { body, total, section } kind = Kind::body;  // total: bold with a rule
    std::string id;
    std::string label;
    std::string group;                 // the group a body row belongs to
    std::vector<TableValue> values;    // one per input (not derived) column
    std::vector<Derive> cell_derive;   // per input column: a derivation of that one cell
    std::optional<Unit> unit;
    std::optional<int> decimals;
    bool bold = false;
    Derive derive;
    std::map<std::string, TableValue> stated;  // by column id
    SignWords words;
    Population population;
    SourcePos pos;
};

struct DeclaredTable {
    std::string id;
    std::string title;
    Unit unit;
    std::optional<int> decimals;   // default: as typed (money, numbers), 0 (counts), 1 (%)
    std::string rows_heading;      // the head of the label column ("Measure", "Star area")
    std::string rows_workbook_label;  // the workbook's head of it where `rows_heading` is empty
    bool unit_row = false;         // a second header row with the unit under each column
    std::vector<TableColumn> columns;
    std::vector<TableRow> rows;
    std::string note;              // printed under the table
    std::string data_source;       // "Data source: ..." under the table
    std::string kind;              // "" for a table declared in YAML; else the kind that made it
    // How derived cells meet rounding. exact: from exact values (a warning where the
    // printed figures will not visibly give the printed result); displayed: from the
    // figures as printed, so the page adds up (a warning where that moves a figure from
    // its exact rounding). Set by the table, the report spec's entry, or the spec.
    enum class Rounding { exact, displayed } rounding = Rounding::exact;
    bool rounding_given = false;
    Population population;  // its body rows of counts add up to it
    SourcePos pos;

    const TableRow* row(const std::string& id) const;
    const TableColumn* column(const std::string& id) const;
};

// An expression of a check: numbers, cells ("funding.fees.2024_25"), a fact
// ("fact.grant"), + - * / and brackets. Parsed by compute/tables.cpp.
struct CheckExpr {
    std::string text;
    SourcePos pos;
};

// A relation between figures that is not a derivation: "eligible families are 5/6 of
// the target, rounded", "fees are 80% of the grant". `left` is treated as the figure
// printed, `right` as the one computed exactly, by the stated-figure rule.
struct TableCheck {
    CheckExpr left, right;
    std::optional<int> decimals;  // the places `left` was rounded to; default: as exact as it is
    std::string each;             // "column" or "row": "table.row" names range over the columns
                                  // of the first table named (or "table.column" over its rows)
    std::string message;          // the author's words for the relation
    SourcePos pos;
};

// A claim the source's prose makes about a table, recorded as data and checked.
// A superlative: "the greatest number of families (10) was in Education and Learning"
// is {largest: stars.families, is: education, stated: 10}; `line` is a column (its rows
// are compared) or a row (its columns are compared). A rate: "a conversion rate of 60%"
// is {rate: 60%, of: closures, over: attached}, and `over` may list the bases the prose
// leaves open, [attached, target]: the claim must hold over each, or say which.
struct TableClaim {
    enum class Kind { largest, smallest, rate } kind = Kind::largest;
    std::string line;
    SourcePos line_pos;
    std::string is;
    SourcePos is_pos;
    std::optional<TableValue> stated;  // the figure the prose prints beside a superlative
    std::optional<TableValue> rate;    // a rate: the percentage printed
    CheckExpr of;
    std::vector<CheckExpr> over;
    std::string message;  // the prose it records
    SourcePos pos;
};

// A chart of a declared table: which rows (or columns) are the series, which the
// categories.
struct ChartDecl {
    std::string id;     // a kind's figure source ("mtfs.position"); empty for a spec's own
    std::string table;
    std::string kind;   // column, stacked_column, bar, line, radar
    bool series_are_columns = false;
    std::vector<std::string> series;      // row (or column) ids; empty: every body row (value column)
    std::vector<std::string> series_names;  // parallel to series; empty entries: the row's label
    std::vector<std::string> categories;  // column (or row) ids; empty: every value column (body row)
    std::string axis_title;   // empty: the table's unit
    std::optional<int> decimals;
    SourcePos pos;
};

}  // namespace bp
