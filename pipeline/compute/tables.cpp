#include "compute/tables.hpp"

#include <pthread.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <stdexcept>

#include "core/suggest.hpp"

namespace bp {

// ---------------------------------------------------------------- units

std::optional<Unit> Unit::parse(const std::string& w) {
    if (w == "£") return Unit{Kind::money, 0, "£"};
    if (w == "£'000s" || w == "£000s" || w == "£k") return Unit{Kind::money, 3, "£'000s"};
    if (w == "£m") return Unit{Kind::money, 6, "£m"};
    if (w == "count") return Unit::count();
    if (w == "%") return Unit::percent();
    if (w == "number") return Unit::number();
    return std::nullopt;
}

bool Unit::same_as(const Unit& o) const {
    if (is_plain() && o.is_plain()) return true;
    return kind == o.kind && scale == o.scale;
}

std::string Unit::word() const {
    switch (kind) {
        case Kind::money: return scale == 6 ? "£m" : scale == 3 ? "£'000s" : "£";
        case Kind::percent: return "%";
        case Kind::count: return "count";
        case Kind::number: return "number";
    }
    return "number";
}

std::string Unit::name() const {
    switch (kind) {
        case Kind::money: return label;
        case Kind::count: return "a count";
        case Kind::percent: return "a percentage";
        case Kind::number: return "a number";
    }
    return "";
}

ExprUnit ExprUnit::of(const Unit& u) {
    switch (u.kind) {
        case Unit::Kind::money: return {Kind::money, u.scale};
        case Unit::Kind::percent: return {Kind::percent, 0};
        default: return {Kind::plain, 0};
    }
}

std::string ExprUnit::describe() const {
    switch (kind) {
        case Kind::money: return scale == 0 ? "£" : scale == 3 ? "£'000s" : "£m";
        case Kind::percent: return "a percentage";
        case Kind::plain: return "a count or number";
        case Kind::ratio: return "a ratio";
        case Kind::free: return "a plain constant";
    }
    return "";
}

const TableRow* DeclaredTable::row(const std::string& rid) const {
    for (const auto& r : rows)
        if (r.id == rid) return &r;
    return nullptr;
}
const TableColumn* DeclaredTable::column(const std::string& cid) const {
    for (const auto& c : columns)
        if (c.id == cid) return &c;
    return nullptr;
}

// ---------------------------------------------------------------- names

std::optional<size_t> TableSet::index_of(const std::string& id) const {
    auto it = by_id.find(id);
    if (it == by_id.end()) return std::nullopt;
    return it->second;
}

std::optional<size_t> TableSet::row_index(size_t t, const std::string& id) const {
    const auto& rows = decls[t].rows;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].id == id && rows[i].kind != TableRow::Kind::section) return i;
    return std::nullopt;
}

std::optional<size_t> TableSet::col_index(size_t t, const std::string& id) const {
    const auto& cols = decls[t].columns;
    for (size_t i = 0; i < cols.size(); ++i)
        if (cols[i].id == id) return i;
    return std::nullopt;
}

std::string TableSet::name_of(const CellAddr& a) const {
    const DeclaredTable& t = decls[a.table];
    return t.id + "." + t.rows[a.row].id + "." + t.columns[a.col].id;
}

std::optional<TableSet::Named> TableSet::split_name(const std::string& name, std::string* why) const {
    // The longest table id followed by a dot.
    std::optional<size_t> best;
    size_t best_len = 0;
    for (const auto& [id, index] : by_id)
        if (name.size() > id.size() + 1 && name.compare(0, id.size(), id) == 0 && name[id.size()] == '.' &&
            id.size() > best_len) {
            best = index;
            best_len = id.size();
        }
    if (!best) {
        const std::string head = name.substr(0, name.find('.'));
        std::vector<std::string> ids;
        for (const auto& [id, index] : by_id) ids.push_back(id);
        const std::string near = closest(head, ids);
        *why = "no table '" + head + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?");
        return std::nullopt;
    }
    Named n;
    n.table = *best;
    const std::string rest = name.substr(best_len + 1);
    const size_t dot = rest.find('.');
    n.first = rest.substr(0, dot);
    if (dot != std::string::npos) n.second = rest.substr(dot + 1);
    return n;
}

namespace {

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string near = closest(word, candidates);
    return near.empty() ? "" : "; did you mean '" + near + "'?";
}


bool units_equal(const ExprUnit& a, const ExprUnit& b) { return a.kind == b.kind && a.scale == b.scale; }

// ---------------------------------------------------------------- the evaluator

constexpr size_t kMaxRows = 100000;
constexpr size_t kMaxDepth = 1000;  // about 2 KB of stack a level: well inside 8 MB

class Evaluator {
public:
    Evaluator(TableSet& set, const PreviousReport* previous, Diagnostics& diags)
        : set_(set), previous_(previous), diags_(diags) {}
    void run();

private:
    TableSet& set_;
    const PreviousReport* previous_;  // what `since` compares with; null: none named
    Diagnostics& diags_;
    enum class State : unsigned char { fresh, visiting, done };
    std::vector<std::vector<std::vector<State>>> state_;
    std::vector<CellAddr> stack_;
    std::set<std::string> reported_;

    // The derivation that gives a cell, and along which axis its names run.
    using Plan = CellSource;
    std::vector<std::vector<std::vector<Plan>>> plans_;

    void index_tables();
    void plan_table(size_t t);
    void settle(const CellAddr& a);
    void evaluate(const CellAddr& a, const Plan& p);

    // Resolution: names to cells, for a derivation of cell `a`.
    std::optional<CellExpr> resolve(const CellAddr& a, const Plan& p);
    std::optional<Operand> normalise(const Operand& o);
    std::optional<CellAddr> line_cell(const CellAddr& a, bool along_rows, const Operand& o);
    std::optional<CellExpr> operand(const CellAddr& a, bool along_rows, const Operand& o);
    std::vector<size_t> body_rows(size_t t) const;
    std::vector<size_t> value_cols(size_t t) const;
    // The body rows and the value columns of each table as runs of neighbours, found
    // once: a share or running total in every row of a long table must not list them again.
    std::vector<std::vector<std::pair<size_t, size_t>>> body_runs_, value_runs_;
    std::vector<CellExpr> line_runs(size_t table, bool along_rows, size_t line, std::optional<size_t> up_to) const;

    std::optional<ExprUnit> unit(const CellExpr& e, const SourcePos& pos, const Derive& d);
    // Sums of ranges, extended cell by cell as longer ranges from the same start are
    // asked for: a share's whole is summed once, a running total in one pass.
    struct Prefix {
        std::vector<std::optional<Num>> sums;  // sums[i]: from the start to start + i
        std::vector<bool> undefined;
        std::optional<ExprUnit> unit;
        bool mixed = false;
    };
    std::map<std::tuple<size_t, size_t, size_t, bool, bool>, Prefix> prefixes_;  // ..., as printed
    Prefix& prefix(const CellExpr& range);
    std::vector<CellExpr> runs(const std::vector<CellAddr>& cells) const;
    std::optional<Num> value(const CellExpr& e, bool& undefined);
    // With printed_ set, value() takes each cell as the page prints it (rounded to its
    // decimals), as a reader working a figure out from the page does.
    bool printed_ = false;
    Num leaf_value(const TableCell& c) const;
    void visible_arithmetic(const CellAddr& a, const Num& exact, const Num& from_printed, const SourcePos& pos);
    void settle_leaves(const CellExpr& e);
    std::string where(const CellAddr& a) const;
};

CellExpr leaf(const CellAddr& a);
CellExpr node(CellExpr::Op op, std::vector<CellExpr> args);

std::string Evaluator::where(const CellAddr& a) const {
    const DeclaredTable& t = set_.decls[a.table];
    return "table '" + t.id + "', row '" + t.rows[a.row].id + "', column '" + t.columns[a.col].id + "'";
}

void Evaluator::index_tables() {
    for (size_t t = 0; t < set_.decls.size(); ++t) {
        DeclaredTable& d = set_.decls[t];
        // A kind's tables are bounded as a data file's are (load_tables.cpp), here.
        if (d.rows.size() > kMaxRows) {
            diags_.error(d.pos, "table '" + d.id + "' has " + std::to_string(d.rows.size()) + " rows; a table may have at most " +
                                    std::to_string(kMaxRows));
            d.rows.clear();
        }
        if (!set_.by_id.emplace(d.id, t).second) {
            diags_.error(d.pos, "two tables have the id '" + d.id + "'");
            continue;
        }
        std::set<std::string> ids;
        for (const auto& c : d.columns)
            if (!ids.insert(c.id).second) diags_.error(c.pos, "table '" + d.id + "' has two columns with the id '" + c.id + "'");
        ids.clear();
        for (const auto& r : d.rows)
            if (!r.id.empty() && !ids.insert(r.id).second)
                diags_.error(r.pos, "table '" + d.id + "' has two rows with the id '" + r.id + "'");
    }
}

std::vector<size_t> Evaluator::body_rows(size_t t) const {
    std::vector<size_t> out;
    const auto& rows = set_.decls[t].rows;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].kind == TableRow::Kind::body && !rows[i].derive.derived()) out.push_back(i);
    return out;
}

std::vector<size_t> Evaluator::value_cols(size_t t) const {
    std::vector<size_t> out;
    const auto& cols = set_.decls[t].columns;
    for (size_t i = 0; i < cols.size(); ++i)
        if (!cols[i].text && !cols[i].derive.derived()) out.push_back(i);
    return out;
}

bool nonlinear(Derive::Op op) {
    switch (op) {
        case Derive::Op::product:
        case Derive::Op::ratio:
        case Derive::Op::percentage:
        case Derive::Op::change:
        case Derive::Op::share: return true;
        default: return false;
    }
}

}  // namespace

CellSource source_of(const DeclaredTable& d, size_t r, size_t c) {
    CellSource p;
    const TableRow& row = d.rows[r];
    const TableColumn& col = d.columns[c];
    if (row.kind == TableRow::Kind::section) return p;
    // k: the cell's place among the table's input (not derived) columns, where its row's
    // typed value is.
    size_t k = 0;
    for (size_t i = 0; i < c; ++i)
        if (!d.columns[i].derive.derived()) ++k;
    const bool input_col = !col.derive.derived();
    const bool derived_row = row.derive.derived();
    const bool col_derived = col.derive.derived() && !col.text;
    if (derived_row && col_derived) {
        // Both derive this cell: a ratio-like row (a rate) beats a summing column;
        // otherwise the column's rule (a Total, a Change) holds in every row. A change
        // since the previous report is the change of the figure beside it, whatever
        // that figure's own rule: a `since` line holds (a column's, if both are).
        const bool since_col = col.derive.op == Derive::Op::since, since_row = row.derive.op == Derive::Op::since;
        const bool row_wins = !since_col && (since_row || (nonlinear(row.derive.op) && !nonlinear(col.derive.op)));
        p.derive = row_wins ? &row.derive : &col.derive;
        p.along_rows = row_wins;
    } else if (col_derived) {
        p.derive = &col.derive;
        p.along_rows = false;
    } else if (derived_row && !col.text) {
        p.derive = &row.derive;
    } else if (input_col && k < row.cell_derive.size() && row.cell_derive[k].derived()) {
        p.derive = &row.cell_derive[k];
    } else if (input_col && k < row.values.size()) {
        p.input = &row.values[k];
    }
    return p;
}

namespace {

void Evaluator::plan_table(size_t t) {
    DeclaredTable& d = set_.decls[t];
    EvaluatedTable& e = set_.evaluated[t];
    const size_t ncols = d.columns.size();
    std::vector<size_t> inputs;
    for (size_t c = 0; c < ncols; ++c)
        if (!d.columns[c].derive.derived()) inputs.push_back(c);
    // Default decimals: as typed for money and plain numbers, none for counts, one for percentages.
    int typed = 0;
    for (const auto& r : d.rows)
        for (const auto& v : r.values)
            if (v.kind == TableValue::Kind::number) typed = std::max(typed, v.decimals);
    e.cells.assign(d.rows.size(), std::vector<TableCell>(ncols));
    plans_[t].assign(d.rows.size(), std::vector<Plan>(ncols));
    for (size_t r = 0; r < d.rows.size(); ++r) {
        const TableRow& row = d.rows[r];
        if (row.kind == TableRow::Kind::section) continue;
        const bool derived_row = row.derive.derived();
        if (!derived_row && row.values.size() != inputs.size()) {
            diags_.error(row.pos, "row '" + row.id + "' of table '" + d.id + "' has " + std::to_string(row.values.size()) +
                                      (row.values.size() == 1 ? " value" : " values") + " but the table has " +
                                      std::to_string(inputs.size()) + " input column" + (inputs.size() == 1 ? "" : "s") +
                                      (inputs.size() == ncols ? "" : " (derived columns take no value)"));
        }
        for (size_t c = 0; c < ncols; ++c) {
            const TableColumn& col = d.columns[c];
            TableCell& cell = e.cells[r][c];
            cell.unit = row.unit ? *row.unit : col.unit ? *col.unit : d.unit;
            const int fallback = cell.unit.kind == Unit::Kind::percent ? 1 : cell.unit.kind == Unit::Kind::count ? 0 : typed;
            cell.decimals = row.decimals ? *row.decimals : col.decimals ? *col.decimals : d.decimals ? *d.decimals : fallback;
            cell.bold = row.kind == TableRow::Kind::total || row.bold || col.bold;
            plans_[t][r][c] = source_of(d, r, c);
        }
    }
}

std::vector<std::pair<size_t, size_t>> as_runs(const std::vector<size_t>& xs) {
    std::vector<std::pair<size_t, size_t>> out;
    for (size_t x : xs) {
        if (!out.empty() && out.back().second + 1 == x) out.back().second = x;
        else out.push_back({x, x});
    }
    return out;
}

std::vector<CellExpr> Evaluator::line_runs(size_t table, bool along_rows, size_t line, std::optional<size_t> up_to) const {
    std::vector<CellExpr> out;
    for (auto [from, to] : along_rows ? value_runs_[table] : body_runs_[table]) {
        if (up_to && from > *up_to) break;
        if (up_to) to = std::min(to, *up_to);
        const CellAddr a = along_rows ? CellAddr{table, line, from} : CellAddr{table, from, line};
        const CellAddr b = along_rows ? CellAddr{table, line, to} : CellAddr{table, to, line};
        if (from == to) {
            out.push_back(leaf(a));
        } else {
            CellExpr r;
            r.op = CellExpr::Op::range;
            r.at = a;
            r.to = b;
            out.push_back(r);
        }
    }
    return out;
}

void Evaluator::run() {
    index_tables();
    set_.evaluated.resize(set_.decls.size());
    plans_.resize(set_.decls.size());
    state_.resize(set_.decls.size());
    for (size_t t = 0; t < set_.decls.size(); ++t) {
        body_runs_.push_back(as_runs(body_rows(t)));
        value_runs_.push_back(as_runs(value_cols(t)));
        plan_table(t);
        state_[t].assign(set_.decls[t].rows.size(), std::vector<State>(set_.decls[t].columns.size(), State::fresh));
    }
    for (size_t t = 0; t < set_.decls.size(); ++t)
        for (size_t r = 0; r < set_.decls[t].rows.size(); ++r)
            for (size_t c = 0; c < set_.decls[t].columns.size(); ++c) settle(CellAddr{t, r, c});
}

void Evaluator::settle(const CellAddr& a) {
    State& s = state_[a.table][a.row][a.col];
    if (s == State::done) return;
    if (s == State::visiting) {
        // A cycle: name every cell on it, once.
        auto from = std::find(stack_.begin(), stack_.end(), a);
        std::string path;
        for (auto it = from; it != stack_.end(); ++it) path += set_.name_of(*it) + " -> ";
        path += set_.name_of(a);
        std::vector<std::string> names;
        for (auto it = from; it != stack_.end(); ++it) names.push_back(set_.name_of(*it));
        std::sort(names.begin(), names.end());
        std::string key;
        for (const auto& n : names) key += n + "|";
        if (reported_.insert(key).second) {
            const Plan& p = plans_[from->table][from->row][from->col];
            diags_.error(p.derive ? p.derive->pos : set_.decls[a.table].pos, "derivations go round in a cycle: " + path);
        }
        return;
    }
    // Cells are settled in reading order, so a derivation's inputs are usually settled
    // already; only a chain written backwards grows this deep. It is bounded so that
    // hostile input gets an error, not a stack overflow.
    if (stack_.size() >= kMaxDepth) {
        if (reported_.insert("depth").second)
            diags_.error(plans_[a.table][a.row][a.col].derive ? plans_[a.table][a.row][a.col].derive->pos : set_.decls[a.table].pos,
                         "derivations depend on one another more than " + std::to_string(kMaxDepth) +
                             " deep (from " + set_.name_of(stack_.front()) + " to " + set_.name_of(a) +
                             "); write long chains from the top down");
        return;
    }
    s = State::visiting;
    stack_.push_back(a);
    evaluate(a, plans_[a.table][a.row][a.col]);
    stack_.pop_back();
    state_[a.table][a.row][a.col] = State::done;
}

void Evaluator::evaluate(const CellAddr& a, const Plan& p) {
    TableCell& cell = set_.evaluated[a.table].cells[a.row][a.col];
    const TableColumn& col = set_.decls[a.table].columns[a.col];
    const TableRow& row = set_.decls[a.table].rows[a.row];
    if (row.kind == TableRow::Kind::section) return;
    if (p.input) {
        const TableValue& v = *p.input;
        switch (v.kind) {
            case TableValue::Kind::number:
                cell.kind = TableCell::Kind::number;
                cell.value = cell.unit.kind == Unit::Kind::percent ? v.value / Num(100) : v.value;
                cell.typed_decimals = v.decimals;
                if (col.text) {
                    cell.kind = TableCell::Kind::text;
                    cell.text = to_fixed(v.value, v.decimals);
                }
                break;
            case TableValue::Kind::text:
                cell.kind = TableCell::Kind::text;
                cell.text = v.text;
                if (!col.text) diags_.error(v.pos, "'" + v.text + "' is not a number (column '" + col.id + "' holds figures)");
                break;
            case TableValue::Kind::dash: cell.kind = TableCell::Kind::dash; break;
            case TableValue::Kind::blank: cell.kind = TableCell::Kind::blank; break;
        }
        return;
    }
    if (!p.derive) {
        cell.kind = col.text ? TableCell::Kind::blank : TableCell::Kind::dash;
        return;
    }
    cell.kind = TableCell::Kind::dash;
    std::optional<CellExpr> e = resolve(a, p);
    if (!e) return;
    settle_leaves(*e);
    auto u = unit(*e, p.derive->pos, *p.derive);
    if (!u) return;
    // The derivation's unit against the cell's own.
    const ExprUnit want = ExprUnit::of(cell.unit);
    bool fits = u->kind == ExprUnit::Kind::free || units_equal(*u, want) ||
                (u->kind == ExprUnit::Kind::ratio &&
                 (want.kind == ExprUnit::Kind::percent || want.kind == ExprUnit::Kind::plain));
    if (!fits) {
        diags_.error(p.derive->pos, "units do not agree: the derivation of " + where(a) + " gives " + u->describe() +
                                        " but the cell is " + cell.unit.name());
        return;
    }
    // A carried-forward line's opening is a figure, not a formula.
    if (e->op != CellExpr::Op::constant) cell.formula = *e;
    // 58.7% less 56.1% is 2.6 percentage points, not 2.6% (a relative change).
    cell.points = cell.unit.kind == Unit::Kind::percent &&
                  (p.derive->op == Derive::Op::difference || p.derive->op == Derive::Op::since);
    bool undefined = false;
    try {
        auto v = value(*e, undefined);
        // The same derivation from the figures as printed: what a reader gets with a
        // pencil. Not for a plain reference to one cell, which is a copy, not arithmetic.
        if (v && e->op != CellExpr::Op::constant && e->op != CellExpr::Op::cell) {
            bool ignored = false;
            printed_ = true;
            const auto from_printed = value(*e, ignored);
            printed_ = false;
            if (from_printed) {
                visible_arithmetic(a, *v, *from_printed, p.derive->pos.known() ? p.derive->pos : set_.decls[a.table].pos);
                if (set_.decls[a.table].rounding == DeclaredTable::Rounding::displayed) v = from_printed;
            }
        }
        if (v) {
            cell.kind = TableCell::Kind::number;
            cell.value = *v;
        }
        cell.undefined = undefined;
    } catch (const std::overflow_error&) {
        diags_.error(p.derive->pos, "the figure of " + where(a) + " is too large for exact arithmetic");
    }
}

Evaluator::Prefix& Evaluator::prefix(const CellExpr& e) {
    const bool along_row = e.at.row == e.to.row;
    const size_t fixed = along_row ? e.at.row : e.at.col, start = along_row ? e.at.col : e.at.row;
    const size_t end = along_row ? e.to.col : e.to.row;
    Prefix& p = prefixes_[{e.at.table, fixed, start, along_row, printed_}];
    while (p.sums.size() <= end - start) {
        const size_t i = start + p.sums.size();
        const CellAddr a = along_row ? CellAddr{e.at.table, fixed, i} : CellAddr{e.at.table, i, fixed};
        settle(a);
        const TableCell& c = set_.at(a);
        const ExprUnit u = ExprUnit::of(c.unit);
        if (p.unit && !units_equal(*p.unit, u)) p.mixed = true;
        if (!p.unit) p.unit = u;
        std::optional<Num> sum = p.sums.empty() ? std::nullopt : p.sums.back();
        if (c.kind == TableCell::Kind::number) sum = sum ? *sum + leaf_value(c) : leaf_value(c);
        p.sums.push_back(sum);
        p.undefined.push_back((p.undefined.empty() ? false : p.undefined.back()) || c.undefined);
    }
    return p;
}

// Cells as ranges: each run of neighbours one node.
std::vector<CellExpr> Evaluator::runs(const std::vector<CellAddr>& cells) const {
    std::vector<CellExpr> out;
    for (size_t i = 0; i < cells.size();) {
        size_t j = i;
        while (j + 1 < cells.size() && cells[j + 1].table == cells[i].table &&
               ((cells[j + 1].row == cells[i].row && cells[j + 1].col == cells[j].col + 1) ||
                (cells[j + 1].col == cells[i].col && cells[j + 1].row == cells[j].row + 1)))
            ++j;
        if (j == i) {
            out.push_back(leaf(cells[i]));
        } else {
            CellExpr r;
            r.op = CellExpr::Op::range;
            r.at = cells[i];
            r.to = cells[j];
            out.push_back(r);
        }
        i = j + 1;
    }
    return out;
}

void Evaluator::settle_leaves(const CellExpr& e) {
    if (e.op == CellExpr::Op::cell) settle(e.at);
    if (e.op == CellExpr::Op::range) prefix(e);
    for (const auto& x : e.args) settle_leaves(x);
}

// A name as an author wrote it, as a line ("total", "funding.total") or a cell
// ("funding.total.2024_25", or "total.2024_25" in this table).
std::optional<Operand> Evaluator::normalise(const Operand& o) {
    if (o.kind != Operand::Kind::name) return o;
    Operand named = o;
    const std::string& n = o.name;
    const size_t dots = static_cast<size_t>(std::count(n.begin(), n.end(), '.'));
    std::string why;
    if (dots == 0) {
        named.kind = Operand::Kind::line;
        named.line = n;
    } else if (auto split = set_.split_name(n, &why)) {
        named.table = set_.decls[split->table].id;
        if (split->second.empty()) {
            named.kind = Operand::Kind::line;
            named.line = split->first;
        } else {
            named.kind = Operand::Kind::cell;
            named.row = split->first;
            named.col = split->second;
        }
    } else if (dots == 1) {  // row.column of this table
        named.kind = Operand::Kind::cell;
        named.row = n.substr(0, n.find('.'));
        named.col = n.substr(n.find('.') + 1);
    } else {
        diags_.error(o.pos, why);
        return std::nullopt;
    }
    return named;
}

// The cell a line operand names, at the place of `a` along the other axis.
std::optional<CellAddr> Evaluator::line_cell(const CellAddr& a, bool along_rows, const Operand& given) {
    auto named = normalise(given);
    if (!named) return std::nullopt;
    const Operand& o = *named;
    if (o.kind != Operand::Kind::line) {
        diags_.error(o.pos, "'" + given.name + "' names one cell; this derivation takes a " + (along_rows ? "row" : "column"));
        return std::nullopt;
    }
    size_t t = a.table;
    std::string line = o.line, here_other;
    const DeclaredTable& self = set_.decls[a.table];
    if (!o.table.empty()) {
        auto ti = set_.index_of(o.table);
        if (!ti) {
            std::vector<std::string> ids;
            for (const auto& [id, i] : set_.by_id) ids.push_back(id);
            diags_.error(o.pos, "no table '" + o.table + "'" + did_you_mean(o.table, ids));
            return std::nullopt;
        }
        t = *ti;
    }
    const DeclaredTable& target = set_.decls[t];
    if (along_rows) {
        auto r = set_.row_index(t, line);
        if (!r) {
            std::vector<std::string> ids;
            for (const auto& x : target.rows)
                if (x.kind != TableRow::Kind::section) ids.push_back(x.id);
            diags_.error(o.pos, "table '" + target.id + "' has no row '" + line + "'" + did_you_mean(line, ids));
            return std::nullopt;
        }
        if (t == a.table) return CellAddr{t, *r, a.col};
        auto c = set_.col_index(t, self.columns[a.col].id);
        if (!c) {
            diags_.error(o.pos, "table '" + target.id + "' has no column '" + self.columns[a.col].id +
                                    "' to match column '" + self.columns[a.col].id + "' of table '" + self.id + "'");
            return std::nullopt;
        }
        return CellAddr{t, *r, *c};
    }
    auto c = set_.col_index(t, line);
    if (!c) {
        std::vector<std::string> ids;
        for (const auto& x : target.columns) ids.push_back(x.id);
        diags_.error(o.pos, "table '" + target.id + "' has no column '" + line + "'" + did_you_mean(line, ids));
        return std::nullopt;
    }
    if (t == a.table) return CellAddr{t, a.row, *c};
    auto r = set_.row_index(t, self.rows[a.row].id);
    if (!r) {
        diags_.error(o.pos, "table '" + target.id + "' has no row '" + self.rows[a.row].id + "' to match row '" +
                                self.rows[a.row].id + "' of table '" + self.id + "'");
        return std::nullopt;
    }
    return CellAddr{t, *r, *c};
}

CellExpr leaf(const CellAddr& a) {
    CellExpr e;
    e.op = CellExpr::Op::cell;
    e.at = a;
    return e;
}

CellExpr node(CellExpr::Op op, std::vector<CellExpr> args) {
    CellExpr e;
    e.op = op;
    e.args = std::move(args);
    return e;
}

std::optional<CellExpr> Evaluator::operand(const CellAddr& a, bool along_rows, const Operand& o) {
    switch (o.kind) {
        case Operand::Kind::constant: {
            CellExpr e;
            e.op = CellExpr::Op::constant;
            e.constant = o.unit && o.unit->kind == Unit::Kind::percent ? o.constant / Num(100) : o.constant;
            e.unit = o.unit;
            return e;
        }
        case Operand::Kind::cell: {
            std::string why;
            const std::string full = (o.table.empty() ? set_.decls[a.table].id : o.table) + "." + o.row + "." + o.col;
            auto n = set_.split_name(full, &why);
            if (!n) {
                diags_.error(o.pos, why);
                return std::nullopt;
            }
            auto r = set_.row_index(n->table, n->first);
            auto c = set_.col_index(n->table, n->second);
            if (!r || !c) {
                const DeclaredTable& t = set_.decls[n->table];
                std::vector<std::string> ids;
                if (!r) for (const auto& x : t.rows) ids.push_back(x.id);
                else for (const auto& x : t.columns) ids.push_back(x.id);
                const std::string& miss = !r ? n->first : n->second;
                diags_.error(o.pos, "table '" + t.id + "' has no " + (!r ? "row '" : "column '") + miss + "'" + did_you_mean(miss, ids));
                return std::nullopt;
            }
            return leaf(CellAddr{n->table, *r, *c});
        }
        case Operand::Kind::line: {
            auto c = line_cell(a, along_rows, o);
            if (!c) return std::nullopt;
            return leaf(*c);
        }
        case Operand::Kind::name: {
            auto named = normalise(o);
            if (!named) return std::nullopt;
            return operand(a, along_rows, *named);
        }
        case Operand::Kind::fact: break;
    }
    diags_.error(o.pos, "a derivation cannot name a fact; use a check");
    return std::nullopt;
}

std::optional<CellExpr> Evaluator::resolve(const CellAddr& a, const Plan& p) {
    const Derive& d = *p.derive;
    const bool rows = p.along_rows;
    auto need = [&](size_t n) {
        if (d.args.size() == n) return true;
        diags_.error(d.pos, "this derivation takes " + std::to_string(n) + (n == 1 ? " name" : " names") + ", not " +
                                std::to_string(d.args.size()));
        return false;
    };
    std::vector<CellExpr> args;
    auto take_all = [&]() {
        for (const auto& o : d.args) {
            auto e = operand(a, rows, o);
            if (!e) return false;
            args.push_back(*e);
        }
        return true;
    };
    using Op = Derive::Op;
    switch (d.op) {
        case Op::none: return std::nullopt;
        case Op::sum: {
            if (d.all || !d.group.empty()) {
                const DeclaredTable& t = set_.decls[a.table];
                std::vector<CellAddr> cells;
                if (rows && d.group.empty()) {
                    // Every body row: the cached runs (a derived row is never a body row of its own sum).
                    args = line_runs(a.table, false, a.col, std::nullopt);
                } else if (rows) {
                    for (size_t r : body_rows(a.table))
                        if (r != a.row && (d.group.empty() || t.rows[r].group == d.group)) cells.push_back(CellAddr{a.table, r, a.col});
                } else {
                    for (size_t c : value_cols(a.table))
                        if (c != a.col) cells.push_back(CellAddr{a.table, a.row, c});
                }
                if (!cells.empty()) args = runs(cells);
                if (args.empty()) {
                    diags_.error(d.pos, d.group.empty() ? "there is nothing to sum: the table has no body " + std::string(rows ? "rows" : "columns")
                                                        : "no rows are in the group '" + d.group + "'");
                    return std::nullopt;
                }
                return node(CellExpr::Op::sum, args);
            }
            if (d.args.empty()) {
                diags_.error(d.pos, "a sum needs the rows or columns it adds, or 'all'");
                return std::nullopt;
            }
            if (!take_all()) return std::nullopt;
            return node(CellExpr::Op::sum, args);
        }
        case Op::difference:
            if (!need(2) || !take_all()) return std::nullopt;
            return node(CellExpr::Op::sub, args);
        case Op::product:
            if (!need(2) || !take_all()) return std::nullopt;
            return node(CellExpr::Op::mul, args);
        case Op::ratio:
        case Op::percentage:
            if (!need(2) || !take_all()) return std::nullopt;
            return node(CellExpr::Op::div, args);
        case Op::change:
            if (!need(2) || !take_all()) return std::nullopt;
            return node(CellExpr::Op::change, args);
        case Op::share: {
            if (!need(1)) return std::nullopt;
            auto part = line_cell(a, rows, d.args[0]);
            if (!part) return std::nullopt;
            const auto whole = line_runs(part->table, rows, rows ? part->row : part->col, std::nullopt);
            return node(CellExpr::Op::div, {leaf(*part), node(CellExpr::Op::sum, whole)});
        }
        case Op::running_total: {
            if (!need(1)) return std::nullopt;
            auto part = line_cell(a, rows, d.args[0]);
            if (!part) return std::nullopt;
            auto upto = line_runs(part->table, rows, rows ? part->row : part->col, rows ? part->col : part->row);
            if (upto.empty()) upto.push_back(leaf(*part));
            return node(CellExpr::Op::sum, upto);
        }
        case Op::carried_forward: {
            if (!need(1)) return std::nullopt;
            // The previous position along the axis the row (or column) runs.
            std::optional<CellAddr> prev;
            const DeclaredTable& t = set_.decls[a.table];
            if (rows) {
                for (size_t c = a.col; c-- > 0;)
                    if (!t.columns[c].text) { prev = CellAddr{a.table, a.row, c}; break; }
            } else {
                for (size_t r = a.row; r-- > 0;)
                    if (t.rows[r].kind != TableRow::Kind::section) { prev = CellAddr{a.table, r, a.col}; break; }
            }
            if (!prev) {
                if (!d.opening || d.opening->kind != TableValue::Kind::number) {
                    diags_.error(d.pos, "a carried-forward line needs an 'opening' figure for its first " +
                                            std::string(rows ? "column" : "row"));
                    return std::nullopt;
                }
                CellExpr e;
                e.op = CellExpr::Op::constant;
                const Unit& u = set_.evaluated[a.table].cells[a.row][a.col].unit;
                e.constant = u.kind == Unit::Kind::percent ? d.opening->value / Num(100) : d.opening->value;
                return e;
            }
            if (d.adds_change) {
                auto change = line_cell(a, rows, d.args[0]);
                if (!change) return std::nullopt;
                return node(CellExpr::Op::sum, {leaf(*prev), leaf(*change)});
            }
            auto from = line_cell(*prev, rows, d.args[0]);
            if (!from) return std::nullopt;
            return node(CellExpr::Op::sum, {leaf(*from)});
        }
        case Op::reference: {
            if (!need(1)) return std::nullopt;
            auto e = operand(a, rows, d.args[0]);
            if (!e) return std::nullopt;
            return node(CellExpr::Op::sum, {*e});
        }
        case Op::since: {
            // This report's figure less the previous report's, as that report printed it
            // (the figure a reader has beside last quarter's paper): the workbook's
            // formula is the cell less that constant.
            if (!need(1)) return std::nullopt;
            auto now = line_cell(a, rows, d.args[0]);
            if (!now) return std::nullopt;
            set_.evaluated[a.table].cells[a.row][a.col].signed_change = true;
            if (!previous_) {
                if (reported_.insert("since:" + d.pos.str()).second)
                    diags_.error(d.pos, "'since' is the change since the previous report, and this report names none: "
                                        "add previous: FILE (the last report's <id>.figures.json) to the report spec");
                return std::nullopt;
            }
            const DeclaredTable& t = set_.decls[now->table];
            const Figure* was = previous_->cell(t.id, t.rows[now->row].id, t.columns[now->col].id);
            const auto printed = was ? was->printed() : std::nullopt;
            if (!printed) {
                // New since the previous report (or no figure then): no change to show.
                set_.evaluated[a.table].cells[a.row][a.col].undefined = true;
                return std::nullopt;
            }
            CellExpr before;
            before.op = CellExpr::Op::constant;
            before.constant = *printed;
            return node(CellExpr::Op::sub, {leaf(*now), before});
        }
    }
    return std::nullopt;
}

std::optional<ExprUnit> Evaluator::unit(const CellExpr& e, const SourcePos& pos, const Derive& d) {
    using K = ExprUnit::Kind;
    switch (e.op) {
        case CellExpr::Op::cell: return ExprUnit::of(set_.at(e.at).unit);
        case CellExpr::Op::constant: return e.unit ? ExprUnit::of(*e.unit) : ExprUnit{K::free, 0};
        case CellExpr::Op::range: {
            Prefix& p = prefix(e);
            if (p.mixed) {
                diags_.error(pos, "units do not agree: the cells this derivation adds are not all in one unit");
                return std::nullopt;
            }
            return p.unit;
        }
        default: break;
    }
    std::vector<ExprUnit> us;
    for (const auto& x : e.args) {
        auto u = unit(x, pos, d);
        if (!u) return std::nullopt;
        us.push_back(*u);
    }
    auto disagree = [&](const ExprUnit& a, const ExprUnit& b) {
        diags_.error(pos, "units do not agree: this derivation combines " + a.describe() + " with " + b.describe());
        return std::nullopt;
    };
    switch (e.op) {
        case CellExpr::Op::sum:
        case CellExpr::Op::sub: {
            ExprUnit out{K::free, 0};
            for (const auto& u : us) {
                if (u.kind == K::free) continue;
                if (out.kind == K::free) out = u;
                else if (!units_equal(out, u)) return disagree(out, u);
            }
            return out;
        }
        case CellExpr::Op::mul: {
            const ExprUnit& a = us[0];
            const ExprUnit& b = us[1];
            if (a.kind == K::money && b.kind == K::money) return disagree(a, b);
            for (K k : {K::money, K::plain, K::ratio, K::percent})
                for (const auto& u : us)
                    if (u.kind == k) return u;
            return ExprUnit{K::free, 0};
        }
        case CellExpr::Op::div:
        case CellExpr::Op::change: {
            const ExprUnit& a = us[0];
            const ExprUnit& b = us[1];
            const bool as_percent = d.op == Derive::Op::percentage || d.op == Derive::Op::change || d.op == Derive::Op::share;
            if (b.kind == K::free) return as_percent ? ExprUnit{K::ratio, 0} : a;
            if (units_equal(a, b) || a.kind == K::free) return ExprUnit{as_percent ? K::percent : K::ratio, 0};
            if (!as_percent && a.kind == K::money && (b.kind == K::plain)) return a;  // pounds per family
            return disagree(a, b);
        }
        default: break;
    }
    return std::nullopt;
}

Num Evaluator::leaf_value(const TableCell& c) const {
    if (!printed_) return c.value;
    if (c.unit.kind == Unit::Kind::percent) return round_half_away(c.value * Num(100), c.decimals) / Num(100);
    return round_half_away(c.value, c.decimals);
}

// Where the page will not add up for a reader (policy exact), or where adding it up
// moved a figure from its exact rounding (policy displayed): a warning either way.
void Evaluator::visible_arithmetic(const CellAddr& a, const Num& exact, const Num& from_printed, const SourcePos& pos) {
    const TableCell& cell = set_.at(a);
    const bool percent = cell.unit.kind == Unit::Kind::percent;
    auto shown = [&](const Num& v) { return round_half_away(percent ? v * Num(100) : v, cell.decimals); };
    const Num x = shown(exact), y = shown(from_printed);
    if (x == y) return;
    auto text = [&](const Num& v) {
        return to_fixed(v, cell.decimals) + (percent ? "%" : cell.unit.kind == Unit::Kind::money ? " " + cell.unit.label : "");
    };
    const DeclaredTable& t = set_.decls[a.table];
    if (t.rounding == DeclaredTable::Rounding::exact)
        diags_.warning(pos, "the page will not add up: " + where(a) + " prints " + text(x) +
                                " (from exact values), but the figures it is derived from, as printed, give " + text(y) +
                                "; 'rounding: displayed' on the table derives it from the printed figures");
    else
        diags_.warning(pos, where(a) + " is derived from the printed figures (rounding: displayed) and prints " + text(y) +
                                ", where its exact value rounds to " + text(x));
}

std::optional<Num> Evaluator::value(const CellExpr& e, bool& undefined) {
    switch (e.op) {
        case CellExpr::Op::constant: return e.constant;
        case CellExpr::Op::cell: {
            const TableCell& c = set_.at(e.at);
            if (c.kind != TableCell::Kind::number) {
                if (c.undefined) undefined = true;
                return std::nullopt;
            }
            return leaf_value(c);
        }
        case CellExpr::Op::range: {
            Prefix& p = prefix(e);
            const size_t n = e.at.row == e.to.row ? e.to.col - e.at.col : e.to.row - e.at.row;
            if (p.undefined[n] && !p.sums[n]) undefined = true;
            return p.sums[n];
        }
        case CellExpr::Op::sum: {
            std::optional<Num> total;
            for (const auto& x : e.args)
                if (auto v = value(x, undefined)) total = total ? *total + *v : *v;
            return total;
        }
        default: break;
    }
    auto a = value(e.args[0], undefined);
    auto b = value(e.args[1], undefined);
    if (!a || !b) return std::nullopt;
    switch (e.op) {
        case CellExpr::Op::sub: return *a - *b;
        case CellExpr::Op::mul: return *a * *b;
        case CellExpr::Op::div:
        case CellExpr::Op::change:
            if (b->is_zero()) {
                undefined = true;
                return std::nullopt;
            }
            return e.op == CellExpr::Op::div ? *a / *b : *a / *b - Num(1);
        default: break;
    }
    return std::nullopt;
}

}  // namespace

void relabel(DeclaredTable& t, const std::vector<std::pair<Text, Text>>& rows,
             const std::vector<std::pair<Text, Text>>& columns, Diagnostics& diags) {
    for (const auto& [id, label] : rows) {
        auto it = std::find_if(t.rows.begin(), t.rows.end(), [&](const TableRow& r) { return r.id == id.value && !r.id.empty(); });
        if (it == t.rows.end()) {
            std::vector<std::string> ids;
            for (const auto& r : t.rows)
                if (!r.id.empty()) ids.push_back(r.id);
            diags.error(id.pos, "table '" + t.id + "' has no row '" + id.value + "'" + did_you_mean(id.value, ids) +
                                    " (its rows: " + [&] { std::string l; for (const auto& x : ids) l += (l.empty() ? "" : ", ") + x; return l; }() + ")");
            continue;
        }
        it->label = label.value;
    }
    for (const auto& [id, label] : columns) {
        auto it = std::find_if(t.columns.begin(), t.columns.end(), [&](const TableColumn& c) { return c.id == id.value; });
        if (it == t.columns.end()) {
            std::vector<std::string> ids;
            for (const auto& c : t.columns) ids.push_back(c.id);
            diags.error(id.pos, "table '" + t.id + "' has no column '" + id.value + "'" + did_you_mean(id.value, ids));
            continue;
        }
        it->label = label.value;
    }
}

// A range's cells in order: along a row when its ends share one.
std::vector<CellAddr> range_cells(const CellExpr& e) {
    std::vector<CellAddr> out;
    if (e.at.row == e.to.row)
        for (size_t c = e.at.col; c <= e.to.col; ++c) out.push_back(CellAddr{e.at.table, e.at.row, c});
    else
        for (size_t r = e.at.row; r <= e.to.row; ++r) out.push_back(CellAddr{e.at.table, r, e.at.col});
    return out;
}

TableSet evaluate_tables(std::vector<DeclaredTable> decls, std::vector<ChartDecl> charts, Diagnostics& diags,
                         const PreviousReport* previous) {
    TableSet set;
    set.decls = std::move(decls);
    set.charts = std::move(charts);
    // Evaluation follows dependencies depth first, up to kMaxDepth deep: on a thread
    // with a stack of its own, sized for that depth in any build (a sanitizer's frames
    // are several times a release build's), not on whatever the caller has left.
    struct Job {
        TableSet* set;
        const PreviousReport* previous;
        Diagnostics* diags;
        std::exception_ptr error;
    } job{&set, previous, &diags, nullptr};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256u << 20);
    pthread_t thread;
    auto body = [](void* p) -> void* {
        auto* j = static_cast<Job*>(p);
        try {
            Evaluator(*j->set, j->previous, *j->diags).run();
        } catch (...) {
            j->error = std::current_exception();
        }
        return nullptr;
    };
    const bool started = pthread_create(&thread, &attr, body, &job) == 0;
    pthread_attr_destroy(&attr);
    if (started) pthread_join(thread, nullptr);
    else Evaluator(set, previous, diags).run();  // no thread to be had: the caller's stack
    if (job.error) std::rethrow_exception(job.error);
    return set;
}

}  // namespace bp
