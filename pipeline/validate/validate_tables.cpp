// Declared tables: every figure a source printed beside a cell (`stated:`), and every
// relation an author declared between figures (`checks:`), by the one stated-figure
// rule of stated.hpp.
#include <cctype>
#include <functional>
#include <sstream>

#include "core/format.hpp"
#include "core/suggest.hpp"
#include "validate/stated.hpp"
#include "validate/validate.hpp"

namespace bp::validate {
namespace {

Num shown(const TableCell& c) { return c.unit.kind == Unit::Kind::percent ? c.value * Num(100) : c.value; }

std::string unit_suffix(const Unit& u) { return u.kind == Unit::Kind::money ? " " + u.label : u.kind == Unit::Kind::percent ? "%" : ""; }

// How far rounding the typed components can move a sum or difference of them.
Num component_rounding(const TableSet& set, const CellExpr& e, int depth = 0) {
    if (depth > 50) return Num(0);
    switch (e.op) {
        case CellExpr::Op::cell: {
            const TableCell& c = set.at(e.at);
            if (c.formula) return component_rounding(set, *c.formula, depth + 1);
            return c.kind == TableCell::Kind::number ? half_unit(c.typed_decimals) : Num(0);
        }
        case CellExpr::Op::range: {
            Num total;
            for (const auto& a : range_cells(e)) total += component_rounding(set, CellExpr{CellExpr::Op::cell, a, {}, {}, {}, {}}, depth + 1);
            return total;
        }
        case CellExpr::Op::sum:
        case CellExpr::Op::sub: {
            Num total;
            for (const auto& a : e.args) total += component_rounding(set, a, depth + 1);
            return total;
        }
        default: return Num(0);  // a ratio's rounding is not a sum of its parts': claim none
    }
}

std::string describe(const DeclaredTable& t, size_t r, size_t c) {
    return "table '" + t.id + "', " + (t.rows[r].label.empty() ? t.rows[r].id : t.rows[r].label) + ", " + t.columns[c].label;
}

void check_one_stated(const TableSet& set, size_t ti, size_t r, size_t c, const TableValue& v, Diagnostics& diags) {
    const TableCell& cell = set.evaluated[ti].cells[r][c];
    const std::string what = describe(set.decls[ti], r, c);
    if (cell.kind != TableCell::Kind::number) {
        diags.error(v.pos, what + ": stated " + to_fixed(v.value, v.decimals) + " but " +
                               (cell.undefined ? "it cannot be computed: it divides by zero" : "the table has no figure there"));
        return;
    }
    const Num rounding = cell.formula ? component_rounding(set, *cell.formula) : Num(0);
    check_stated(diags, Stated{v.value, v.decimals, v.pos}, shown(cell), rounding, what, unit_suffix(cell.unit));
}

// ---------------------------------------------------------------- checks

struct Term {
    std::optional<Num> value;
    ExprUnit unit;
    bool ok = true;
    bool missing = false;  // names a cell with no figure
};

class CheckParser {
public:
    CheckParser(const TableSet& set, const std::vector<Fact>& facts, const TValue& named, const std::string& text,
                const SourcePos& pos, Diagnostics& diags,
                std::function<std::optional<CellAddr>(const TableSet::Named&, const std::string&)> each)
        : set_(set), facts_(facts), named_(named), text_(text), pos_(pos), diags_(diags), each_(std::move(each)) {}

    Term parse() {
        Term t = sum();
        skip();
        if (t.ok && i_ < text_.size()) return fail("unexpected '" + text_.substr(i_, 1) + "' at character " + std::to_string(i_ + 1));
        return t;
    }
    std::vector<std::string> names;  // every name, in order

private:
    const TableSet& set_;
    const std::vector<Fact>& facts_;
    const TValue& named_;  // the named figures templates print; raw.* ones may be checked
    const std::string& text_;
    SourcePos pos_;
    Diagnostics& diags_;
    std::function<std::optional<CellAddr>(const TableSet::Named&, const std::string&)> each_;
    size_t i_ = 0;

    Term fail(const std::string& why) {
        diags_.error(pos_, "in '" + text_ + "': " + why);
        Term t;
        t.ok = false;
        return t;
    }
    void skip() {
        while (i_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[i_]))) ++i_;
    }
    Term combine(const Term& a, const Term& b, char op) {
        if (!a.ok || !b.ok) return Term{std::nullopt, {}, false, false};
        Term t;
        t.missing = a.missing || b.missing;
        using K = ExprUnit::Kind;
        auto same = [](const ExprUnit& x, const ExprUnit& y) { return x.kind == y.kind && x.scale == y.scale; };
        if (op == '+' || op == '-') {
            if (a.unit.kind != K::free && b.unit.kind != K::free && !same(a.unit, b.unit))
                return fail("units do not agree: " + a.unit.describe() + " " + op + " " + b.unit.describe());
            t.unit = a.unit.kind == K::free ? b.unit : a.unit;
        } else if (op == '*') {
            if (a.unit.kind == K::money && b.unit.kind == K::money) return fail("pounds times pounds is not a figure");
            t.unit = a.unit.kind == K::free || (b.unit.kind == K::money) ? b.unit : a.unit;
        } else {
            if (b.unit.kind == K::free) t.unit = a.unit;
            else if (same(a.unit, b.unit)) t.unit = ExprUnit{K::ratio, 0};
            else if (a.unit.kind == K::money && b.unit.kind == K::plain) t.unit = a.unit;
            else return fail("units do not agree: " + a.unit.describe() + " / " + b.unit.describe());
        }
        if (a.value && b.value) {
            if (op == '+') t.value = *a.value + *b.value;
            else if (op == '-') t.value = *a.value - *b.value;
            else if (op == '*') t.value = *a.value * *b.value;
            else if (b.value->is_zero()) return fail("divides by zero");
            else t.value = *a.value / *b.value;
        }
        return t;
    }
    Term sum() {
        Term t = product();
        for (;;) {
            skip();
            if (i_ >= text_.size() || (text_[i_] != '+' && text_[i_] != '-')) return t;
            const char op = text_[i_++];
            t = combine(t, product(), op);
        }
    }
    Term product() {
        Term t = factor();
        for (;;) {
            skip();
            if (i_ >= text_.size() || (text_[i_] != '*' && text_[i_] != '/')) return t;
            const char op = text_[i_++];
            t = combine(t, factor(), op);
        }
    }
    Term factor() {
        skip();
        if (i_ >= text_.size()) return fail("the expression ends too soon");
        const char c = text_[i_];
        if (c == '(') {
            ++i_;
            Term t = sum();
            skip();
            if (i_ >= text_.size() || text_[i_] != ')') return fail("a '(' is not closed");
            ++i_;
            return t;
        }
        if (c == '-') {
            ++i_;
            Term t = factor();
            if (t.value) t.value = -*t.value;
            return t;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            const size_t start = i_;
            while (i_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[i_])) || text_[i_] == '.')) ++i_;
            auto v = parse_decimal(text_.substr(start, i_ - start));
            if (!v) return fail("'" + text_.substr(start, i_ - start) + "' is not a number");
            Term t;
            t.value = *v;
            if (i_ < text_.size() && text_[i_] == '%') {  // 80% is 0.8
                ++i_;
                t.value = *v / Num(100);
            }
            return t;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            const size_t start = i_;
            // Names hold letters, digits, '_', '.', '-' and '/': write "a - b" with spaces.
            while (i_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[i_])) || text_[i_] == '_' ||
                                         text_[i_] == '.' || text_[i_] == '-'))
                ++i_;
            return name(text_.substr(start, i_ - start));
        }
        return fail("unexpected '" + std::string(1, c) + "'");
    }
    // A figure the prose prints, by its exact raw.* value: so that a figure the source's
    // prose printed can be checked against the one boardpack computes.
    Term raw_figure(const std::string& n) {
        const TValue* v = &named_;
        std::istringstream parts(n);
        for (std::string part; v && std::getline(parts, part, '.');) v = v->find(part);
        if (!v || v->kind != TValue::Kind::text || v->unit.empty())
            return fail("no figure named '" + n + "' (the raw.* names are listed in the README, \"Figures in prose\")");
        const auto unit = Unit::parse(v->unit);
        if (!unit) return fail("'" + n + "' is a " + v->unit + ", not a figure");
        const size_t slash = v->text.find('/');
        auto a = parse_decimal(v->text.substr(0, slash));
        auto b = slash == std::string::npos ? std::optional<Num>(Num(1)) : parse_decimal(v->text.substr(slash + 1));
        if (!a || !b || b->is_zero()) return fail("'" + n + "' holds '" + v->text + "', which is not a figure");
        Term t;
        t.value = *a / *b;
        if (unit->kind == Unit::Kind::percent) t.value = *t.value / Num(100);
        t.unit = ExprUnit::of(*unit);
        return t;
    }
    Term name(const std::string& n) {
        names.push_back(n);
        if (n.rfind("raw.", 0) == 0) return raw_figure(n);
        if (n.rfind("fact.", 0) == 0) {
            for (const auto& f : facts_)
                if ("fact." + f.name.value == n) {
                    Term t;
                    t.value = f.value.value;
                    auto u = Unit::parse(f.unit.value);
                    if (u && u->kind == Unit::Kind::percent) t.value = f.value.value / Num(100);
                    t.unit = u ? ExprUnit::of(*u) : ExprUnit{};
                    return t;
                }
            std::vector<std::string> known;
            for (const auto& f : facts_) known.push_back("fact." + f.name.value);
            const std::string near = closest(n, known);
            return fail("no figure named '" + n + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
        }
        std::string why;
        auto split = set_.split_name(n, &why);
        if (!split) return fail(why);
        const DeclaredTable& t = set_.decls[split->table];
        std::optional<CellAddr> at;
        if (split->second.empty()) {
            at = each_(*split, n);
            if (!at) return Term{std::nullopt, {}, false, false};
        } else {
            auto r = set_.row_index(split->table, split->first);
            auto c = set_.col_index(split->table, split->second);
            if (!r || !c) {
                std::vector<std::string> ids;
                if (!r) for (const auto& x : t.rows) ids.push_back(x.id);
                else for (const auto& x : t.columns) ids.push_back(x.id);
                const std::string& miss = !r ? split->first : split->second;
                const std::string near = closest(miss, ids);
                return fail("table '" + t.id + "' has no " + (!r ? "row '" : "column '") + miss + "'" +
                            (near.empty() ? "" : "; did you mean '" + near + "'?"));
            }
            at = CellAddr{split->table, *r, *c};
        }
        const TableCell& cell = set_.at(*at);
        Term out;
        out.unit = ExprUnit::of(cell.unit);
        if (cell.kind == TableCell::Kind::number) out.value = cell.value;
        else out.missing = true;
        return out;
    }
};

void run_check(const TableSet& set, const std::vector<Fact>& facts, const TValue& named, const TableCheck& check,
               Diagnostics& diags) {
    // With `each`, short names ("table.row") range over the first named table's columns.
    std::optional<size_t> over;
    std::vector<std::string> positions{""};
    if (!check.each.empty()) {
        std::string why;
        const std::string first = check.left.text.substr(0, check.left.text.find_first_of(" +*/()"));
        auto split = set.split_name(first, &why);
        if (!split) {
            diags.error(check.left.pos, "'each: " + check.each + "' needs the left side to start with a name such as table.row; " + why);
            return;
        }
        over = split->table;
        positions.clear();
        const DeclaredTable& t = set.decls[*over];
        if (check.each == "column") {
            for (const auto& c : t.columns)
                if (!c.text) positions.push_back(c.id);
        } else {
            for (const auto& r : t.rows)
                if (r.kind != TableRow::Kind::section) positions.push_back(r.id);
        }
    }
    for (const auto& position : positions) {
        auto each = [&](const TableSet::Named& n, const std::string& text) -> std::optional<CellAddr> {
            if (check.each.empty()) {
                diags.error(check.pos, "'" + text + "' names a whole " + "row or column; name a cell (table.row.column), or add 'each: column'");
                return std::nullopt;
            }
            const bool columns = check.each == "column";
            auto line = columns ? set.row_index(n.table, n.first) : set.col_index(n.table, n.first);
            auto at = columns ? set.col_index(n.table, position) : set.row_index(n.table, position);
            if (!line || !at) {
                diags.error(check.pos, "'" + text + "': table '" + set.decls[n.table].id + "' has no " +
                                           (!line ? (columns ? "row '" : "column '") + n.first
                                                  : (columns ? "column '" : "row '") + position) + "'");
                return std::nullopt;
            }
            return columns ? CellAddr{n.table, *line, *at} : CellAddr{n.table, *at, *line};
        };
        CheckParser left(set, facts, named, check.left.text, check.left.pos, diags, each);
        CheckParser right(set, facts, named, check.right.text, check.right.pos, diags, each);
        const Term l = left.parse();
        const Term r = right.parse();
        if (!l.ok || !r.ok) return;
        using K = ExprUnit::Kind;
        const bool comparable = l.unit.kind == K::free || r.unit.kind == K::free ||
                                (l.unit.kind == r.unit.kind && l.unit.scale == r.unit.scale) ||
                                ((l.unit.kind == K::ratio || r.unit.kind == K::ratio) &&
                                 (l.unit.kind == K::percent || r.unit.kind == K::percent || l.unit.kind == K::plain || r.unit.kind == K::plain));
        if (!comparable) {
            diags.error(check.pos, "the two sides of this check are in different units: " + l.unit.describe() + " and " +
                                       r.unit.describe());
            return;
        }
        const std::string where = position.empty() ? "" : " (" + check.each + " '" + position + "')";
        const std::string what = "check '" + check.left.text + " = " + check.right.text + "'" + where +
                                 (check.message.empty() ? "" : ", " + check.message);
        if (!l.value || !r.value) {
            if (position.empty()) diags.error(check.pos, what + ": a figure it names is not in the table");
            continue;  // across columns, a dash is a column with nothing to check
        }
        const bool percent = l.unit.kind == K::percent || r.unit.kind == K::percent;
        const Num lv = percent ? *l.value * Num(100) : *l.value;
        const Num rv = percent ? *r.value * Num(100) : *r.value;
        int decimals = check.decimals.value_or(-1);
        if (decimals < 0)
            for (decimals = 0; decimals < 12 && round_half_away(lv, decimals) != lv; ++decimals) {}
        check_stated(diags, Stated{lv, decimals, check.pos}, rv, Num(0), what,
                     l.unit.kind == K::money ? " " + l.unit.describe() : percent ? "%" : "");
    }
}

}  // namespace

ExprValue evaluate_expression(const TableSet& set, const std::vector<Fact>& facts, const TValue& named, const CheckExpr& expr,
                              Diagnostics& diags) {
    auto whole_line = [&](const TableSet::Named&, const std::string& text) -> std::optional<CellAddr> {
        diags.error(expr.pos, "'" + text + "' names a whole row or column; name a cell (table.row.column)");
        return std::nullopt;
    };
    CheckParser parser(set, facts, named, expr.text, expr.pos, diags, whole_line);
    const Term t = parser.parse();
    return ExprValue{t.ok, t.value, t.unit};
}

void check_tables(const TableSet& set, const std::vector<TableCheck>& checks, const std::vector<Fact>& facts,
                  const TValue& named, Diagnostics& diags) {
    for (size_t t = 0; t < set.decls.size(); ++t) {
        const DeclaredTable& d = set.decls[t];
        if (t >= set.evaluated.size()) break;
        for (size_t r = 0; r < d.rows.size(); ++r)
            for (const auto& [col, v] : d.rows[r].stated)
                if (auto c = set.col_index(t, col)) check_one_stated(set, t, r, *c, v, diags);
        for (size_t c = 0; c < d.columns.size(); ++c)
            for (const auto& [row, v] : d.columns[c].stated)
                if (auto r = set.row_index(t, row)) check_one_stated(set, t, *r, c, v, diags);
    }
    for (const auto& c : checks) run_check(set, facts, named, c, diags);
    check_populations(set, diags);
}

}  // namespace bp::validate
