// Declared tables and checks in a data file: any programme's tables, in its authors'
// words. The README's "Declared tables" shows every key.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/text.hpp"
#include "load/loaders.hpp"

namespace bp::load {
namespace {

constexpr size_t kMaxTableRows = 100000, kMaxTableColumns = 200;

const std::vector<std::string> kDerivations = {"sum",   "difference",    "product",         "ratio", "percentage",
                                               "change", "share", "running_total", "carried_forward", "ref",
                                               "since"};

// "2024/25" -> "2024_25", "Cannock Chase" -> "cannock_chase": ids an author can type.
std::string slug(const std::string& label) {
    std::string out;
    for (unsigned char c : label) {
        if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '_') out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

bool valid_id(const std::string& id) {
    if (id.empty()) return false;
    for (unsigned char c : id)
        if (!std::isalnum(c) && c != '_' && c != '-') return false;
    return true;
}

std::optional<std::string> read_id(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    auto t = read_text(ctx, n, what);
    if (!t) return std::nullopt;
    if (!valid_id(t->value)) {
        ctx.error(n, "'" + what + "' must be letters, digits, '_' or '-', got '" + t->value + "'");
        return std::nullopt;
    }
    return t->value;
}

std::optional<Unit> read_unit(const Ctx& ctx, const YAML::Node& n) {
    auto t = read_enum(ctx, n, "unit", {"£", "£'000s", "£m", "count", "%", "number"});
    if (!t) return std::nullopt;
    return Unit::parse(t->value);
}

std::optional<int> read_decimals(const Ctx& ctx, const YAML::Node& n) {
    auto c = read_count(ctx, n, "decimals");
    if (!c) return std::nullopt;
    if (c->value > 6) {
        ctx.error(n, "'decimals' must be 0 to 6");
        return std::nullopt;
    }
    return static_cast<int>(c->value);
}

// A cell as typed: a number (or "73.9%"), a dash ("-" or null), a blank (""), text.
TableValue read_value(const Ctx& ctx, const YAML::Node& n) {
    TableValue v;
    v.pos = ctx.pos(n);
    if (n.IsNull()) return v;
    if (!n.IsScalar()) {
        ctx.error(n, "a table value must be a number, '-', \"\" or text");
        return v;
    }
    const std::string s = n.Scalar();
    const bool quoted = n.Tag() == "!";
    if (auto bad = first_bad_character(s, false)) {
        ctx.error(n, "a table value holds " + bad->description);
        return v;
    }
    if (auto long_text = text_length_problem(s); !long_text.empty()) {
        ctx.error(n, "a table value " + long_text);
        return v;
    }
    if (s == "-") return v;
    if (s.empty()) {
        v.kind = TableValue::Kind::blank;
        return v;
    }
    int decimals = 0;
    std::optional<Num> num;
    if (!quoted) {
        const std::string digits = s.size() > 1 && s.back() == '%' ? s.substr(0, s.size() - 1) : s;
        num = parse_decimal(digits, &decimals);
    }
    if (num) {
        v.kind = TableValue::Kind::number;
        v.value = *num;
        v.decimals = decimals;
        return v;
    }
    const std::string digits = s.size() > 1 && s.back() == '%' ? s.substr(0, s.size() - 1) : s;
    if (!quoted && !number_limit_hint(digits).empty()) {
        ctx.error(n, "'" + s + "' cannot be held exactly" + number_limit_hint(digits));
        return v;
    }
    v.kind = TableValue::Kind::text;
    v.text = s;
    return v;
}

std::optional<TableValue> read_stated_value(const Ctx& ctx, const YAML::Node& n) {
    TableValue v = read_value(ctx, n);
    if (v.kind == TableValue::Kind::number) return v;
    if (v.kind == TableValue::Kind::dash && n.IsNull()) return std::nullopt;  // nothing stated here
    if (v.kind == TableValue::Kind::dash) {
        v.kind = TableValue::Kind::number;  // a printed dash is a stated zero
        v.value = Num(0);
        return v;
    }
    ctx.error(n, "a stated figure must be a number, got '" + (n.IsScalar() ? n.Scalar() : std::string("a list")) + "'");
    return std::nullopt;
}

Operand read_operand(const Ctx& ctx, const YAML::Node& n) {
    Operand o;
    o.pos = ctx.pos(n);
    if (n.IsMap()) {
        Obj c(ctx, n, "constant");
        o.kind = Operand::Kind::constant;
        if (!c.ok()) return o;
        if (auto v = field(c, "value", read_number)) o.constant = v->value;
        o.unit = read_unit(ctx, c.get("unit"));
        return o;
    }
    if (!n.IsScalar()) {
        ctx.error(n, "a derivation names a row, a column or a cell, or gives a number");
        return o;
    }
    int decimals = 0;
    if (n.Tag() != "!") {
        if (auto v = parse_decimal(n.Scalar(), &decimals)) {
            o.kind = Operand::Kind::constant;
            o.constant = *v;
            return o;
        }
        if (!number_limit_hint(n.Scalar()).empty()) {
            ctx.error(n, "'" + n.Scalar() + "' cannot be held exactly" + number_limit_hint(n.Scalar()));
            o.kind = Operand::Kind::constant;
            return o;
        }
    }
    o.kind = Operand::Kind::name;
    o.name = n.Scalar();
    if (o.name.empty()) ctx.error(n, "an empty name");
    return o;
}

bool has_derivation_key(const YAML::Node& map) {
    for (const auto& kv : map)
        if (kv.first.IsScalar() && std::find(kDerivations.begin(), kDerivations.end(), kv.first.Scalar()) != kDerivations.end())
            return true;
    return false;
}

// The one derivation key of a row, column or cell, if it has one.
Derive read_derive(const Ctx& ctx, const YAML::Node& map) {
    Derive d;
    const YAML::Node* found = nullptr;
    std::string key;
    YAML::Node value;
    for (const auto& kv : map) {
        const std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "";
        if (std::find(kDerivations.begin(), kDerivations.end(), k) == kDerivations.end()) continue;
        if (found) {
            ctx.error(kv.first, "'" + k + "' and '" + key + "' both derive this; a figure has one derivation");
            return d;
        }
        found = &kv.first;
        key = k;
        value = kv.second;
        d.pos = ctx.pos(kv.first);
    }
    if (!found) return d;
    auto list = [&](size_t want) {
        if (!value.IsSequence() || value.size() != want) {
            ctx.error(value, "'" + key + "' takes a list of " + std::to_string(want) + " names, e.g. " + key + ": [a, b]");
            return false;
        }
        for (const auto& x : value) d.args.push_back(read_operand(ctx, x));
        return true;
    };
    using Op = Derive::Op;
    if (key == "sum") {
        d.op = Op::sum;
        if (value.IsScalar() && value.Scalar() == "all") d.all = true;
        else if (value.IsMap()) {
            Obj g(ctx, value, "sum_group");
            if (g.ok())
                if (auto t = field(g, "group", read_text)) d.group = t->value;
        } else if (value.IsSequence() && value.size() > 0) {
            for (const auto& x : value) d.args.push_back(read_operand(ctx, x));
        } else {
            ctx.error(value, "'sum' takes 'all', a list of names, or {group: NAME}");
            d.op = Op::none;
        }
    } else if (key == "difference" || key == "product" || key == "ratio" || key == "percentage") {
        d.op = key == "difference" ? Op::difference : key == "product" ? Op::product : key == "ratio" ? Op::ratio : Op::percentage;
        if (!list(2)) d.op = Op::none;
    } else if (key == "change") {
        // change: [from, to] is (to - from) / from: evaluated as to / from - 1.
        d.op = Op::change;
        if (!list(2)) d.op = Op::none;
        else std::swap(d.args[0], d.args[1]);
    } else if (key == "share" || key == "running_total" || key == "ref" || key == "since") {
        d.op = key == "share" ? Op::share : key == "ref" ? Op::reference : key == "since" ? Op::since : Op::running_total;
        if (!value.IsScalar()) {
            ctx.error(value, "'" + key + "' takes one name");
            d.op = Op::none;
        } else {
            d.args.push_back(read_operand(ctx, value));
        }
    } else if (key == "carried_forward") {
        Obj c(ctx, value, "carried_forward");
        if (!c.ok()) return d;
        d.op = Op::carried_forward;
        const bool from = c.has("from"), change = c.has("change");
        if (from == change) {
            ctx.error(value, "'carried_forward' takes either 'from' (the line whose last value it starts from) or 'change' "
                             "(the line added to the previous value)");
            d.op = Op::none;
            return d;
        }
        d.adds_change = change;
        d.args.push_back(read_operand(ctx, c.get(change ? "change" : "from")));
        d.opening = read_value(ctx, c.get("opening"));
        if (d.opening->kind != TableValue::Kind::number) ctx.error(c.get("opening"), "'opening' must be a number");
    }
    return d;
}

// `population: 26` or `population: attached.total.all_years`: a whole number of at
// least 1, or a name resolved when the tables are checked.
Population read_population(const Ctx& ctx, const YAML::Node& n) {
    Population p;
    if (!n.IsDefined()) return p;
    p.pos = ctx.pos(n);
    const std::string s = n.IsScalar() ? n.Scalar() : "";
    if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '.')) {
        auto v = read_number(ctx, n, "population");
        if (!v) return p;
        if (v->value.den() != 1 || v->value < Num(1)) {
            ctx.error(n, "a population is a whole number of at least 1 (families, Stars, people), not " + s);
            return p;
        }
        p.count = v->value;
        return p;
    }
    if (auto t = read_text(ctx, n, "population")) p.ref = t->value;
    return p;
}

SignWords read_words(const Ctx& ctx, const YAML::Node& n) {
    SignWords w;
    if (!n.IsDefined()) return w;
    Obj o(ctx, n, "sign_words");
    if (!o.ok()) return w;
    if (auto t = field(o, "positive", read_text)) w.positive = t->value;
    if (auto t = field(o, "negative", read_text)) w.negative = t->value;
    if (auto t = field(o, "zero", read_text)) w.zero = t->value;
    return w;
}

// What a column is from how it was written: a financial year, a quarter, a date or a
// month keeps its form; anything else is a free label (a district, a borough).
std::string column_label(const std::string& typed) {
    Date d;
    if (typed.size() == 10 && typed[4] == '-' && typed[7] == '-') {
        d.year = std::atoi(typed.substr(0, 4).c_str());
        d.month = std::atoi(typed.substr(5, 2).c_str());
        d.day = std::atoi(typed.substr(8, 2).c_str());
        if (d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31) return d.long_form();
    }
    if (typed.size() == 7 && typed[4] == '-') {
        const int m = std::atoi(typed.substr(5, 2).c_str());
        if (m >= 1 && m <= 12) return std::string(month_name(m)) + " " + typed.substr(0, 4);
    }
    return typed;
}

// "2019/20" -> 2019, else -1.
int year_start(const std::string& label) {
    if (label.size() != 7 || label[4] != '/') return -1;
    for (size_t i : {0, 1, 2, 3, 5, 6})
        if (!std::isdigit(static_cast<unsigned char>(label[i]))) return -1;
    const int start = std::atoi(label.substr(0, 4).c_str());
    return (start + 1) % 100 == std::atoi(label.substr(5, 2).c_str()) ? start : -2;
}

std::map<std::string, TableValue> read_stated_map(const Ctx& ctx, const YAML::Node& n) {
    std::map<std::string, TableValue> out;
    for (const auto& kv : n)
        if (auto v = read_stated_value(ctx, kv.second)) out[kv.first.Scalar()] = *v;
    return out;
}

class TableReader {
public:
    TableReader(const Ctx& ctx, DeclaredTable& t) : ctx_(ctx), t_(t) {}

    void columns(const YAML::Node& n) {
        int last_year = -1;
        read_list(ctx_, n, "columns", [&](const YAML::Node& item) {
            TableColumn c;
            c.pos = ctx_.pos(item);
            if (item.IsScalar()) {
                if (auto bad = first_bad_character(item.Scalar(), false)) {
                    ctx_.error(item, "a column label holds " + bad->description);
                    return;
                }
                c.label = column_label(item.Scalar());
                c.id = slug(item.Scalar());
                const int y = year_start(item.Scalar());
                if (y == -2) ctx_.error(item, "'" + item.Scalar() + "' is not a financial year: the second part must be the year after the first");
                if (y >= 0 && last_year >= 0 && y != last_year + 1)
                    ctx_.error(item, "financial years are not consecutive: " + item.Scalar() + " follows " +
                                         FinancialYear{last_year, {}}.label());
                if (y >= 0) last_year = y;
            } else {
                Obj o(ctx_, item, "table_column");
                if (!o.ok()) return;
                if (auto t = field(o, "label", read_text)) c.label = column_label(t->value);
                if (o.has("id")) { if (auto id = read_id(ctx_, o.get("id"), "id")) c.id = *id; }
                else c.id = slug(c.label);
                if (o.has("unit")) c.unit = read_unit(ctx_, o.get("unit"));
                if (o.has("decimals")) c.decimals = read_decimals(ctx_, o.get("decimals"));
                c.bold = read_flag(ctx_, o.get("bold"), "bold");
                c.text = read_flag(ctx_, o.get("text"), "text");
                c.words = read_words(ctx_, o.get("words"));
                c.population = read_population(ctx_, o.get("population"));
                c.derive = read_derive(ctx_, item);
                if (c.text && c.derive.derived()) ctx_.error(item, "a text column cannot be derived");
                if (o.has("stated")) stated_columns_.push_back({t_.columns.size(), o.get("stated")});
            }
            if (c.id.empty()) {
                ctx_.error(item, "a column needs an id or a label to make one from");
                return;
            }
            t_.columns.push_back(c);
        });
        for (const auto& c : t_.columns) (c.derive.derived() ? derived_ : inputs_)++;
    }

    void rows(const YAML::Node& n, const std::string& group) {
        read_list(ctx_, n, "rows", [&](const YAML::Node& item) {
            if (item.IsMap() && item["group"].IsDefined() && group.empty()) {
                read_group(item);
                return;
            }
            if (item.IsMap() && item["group"].IsDefined()) {
                ctx_.error(item, "groups do not nest: a group's rows are plain rows");
                return;
            }
            if (auto r = read_row(item, group, "table_row")) t_.rows.push_back(*r);
        });
    }

    void stated_of_columns() {
        for (const auto& [index, node] : stated_columns_) {
            TableColumn& c = t_.columns[index];
            for (auto& [row, v] : read_stated_map(ctx_, node)) {
                if (!t_.row(row)) ctx_.error(node, "column '" + c.id + "' states a figure for row '" + row + "', which table '" + t_.id + "' does not have");
                c.stated[row] = v;
            }
        }
    }

private:
    const Ctx& ctx_;
    DeclaredTable& t_;
    size_t inputs_ = 0, derived_ = 0;
    std::vector<std::pair<size_t, YAML::Node>> stated_columns_;

    std::optional<TableRow> read_row(const YAML::Node& item, const std::string& group, const char* schema_name) {
        Obj o(ctx_, item, schema_name);
        if (!o.ok()) return std::nullopt;
        TableRow r;
        r.pos = o.pos();
        r.group = group;
        if (auto t = field(o, "label", read_text)) r.label = t->value;
        if (o.has("id")) { if (auto id = read_id(ctx_, o.get("id"), "id")) r.id = *id; }
        else r.id = slug(r.label);
        if (r.id.empty()) ctx_.error(item, "a row needs an id, or a label to make one from");
        if (o.has("unit")) r.unit = read_unit(ctx_, o.get("unit"));
        if (o.has("decimals")) r.decimals = read_decimals(ctx_, o.get("decimals"));
        r.bold = read_flag(ctx_, o.get("bold"), "bold");
        if (read_flag(ctx_, o.get("total"), "total")) r.kind = TableRow::Kind::total;
        r.words = read_words(ctx_, o.get("words"));
        r.population = read_population(ctx_, o.get("population"));
        r.derive = read_derive(ctx_, item);
        if (o.has("values")) {
            if (r.derive.derived()) ctx_.error(o.get("values"), "row '" + r.id + "' is derived, so it takes no values");
            const YAML::Node vs = o.get("values");
            read_list(ctx_, vs, "values", [&](const YAML::Node& x) {
                if (x.IsMap()) {
                    Obj cell(ctx_, x, "table_cell");
                    Derive d = read_derive(ctx_, x);
                    if (!d.derived() && cell.ok()) ctx_.error(x, "a cell given as a mapping must derive its value, e.g. {ref: table.row.column}");
                    TableValue dash;
                    dash.pos = ctx_.pos(x);
                    r.values.push_back(dash);
                    r.cell_derive.resize(r.values.size());
                    r.cell_derive.back() = d;
                } else {
                    r.values.push_back(read_value(ctx_, x));
                }
            });
            r.cell_derive.resize(r.values.size());
        } else if (!has_derivation_key(item) && std::string(schema_name) == "table_row") {
            ctx_.error(item, "row '" + r.id + "' needs 'values' (one per input column) or a derivation such as 'sum'");
        }
        if (o.has("stated")) read_row_stated(r, o.get("stated"));
        return r;
    }

    void read_row_stated(TableRow& r, const YAML::Node& n) {
        if (n.IsMap()) {
            for (auto& [col, v] : read_stated_map(ctx_, n)) {
                if (!t_.column(col)) {
                    std::vector<std::string> ids;
                    for (const auto& c : t_.columns) ids.push_back(c.id);
                    ctx_.error(n, "row '" + r.id + "' states a figure for column '" + col + "', which table '" + t_.id +
                                      "' does not have" + did_you_mean(col, ids));
                }
                r.stated[col] = v;
            }
            return;
        }
        if (!n.IsSequence()) {
            ctx_.error(n, "'stated' is a list with one figure per column (null where none is printed), or {column: figure}");
            return;
        }
        if (n.size() != t_.columns.size()) {
            ctx_.error(n, "'stated' has " + std::to_string(n.size()) + " figures but the table has " +
                              std::to_string(t_.columns.size()) + " columns");
            return;
        }
        for (size_t i = 0; i < n.size(); ++i)
            if (auto v = read_stated_value(ctx_, n[i])) r.stated[t_.columns[i].id] = *v;
    }

    void read_group(const YAML::Node& item) {
        Obj o(ctx_, item, "table_group");
        if (!o.ok()) return;
        auto id = read_id(ctx_, o.get("group"), "group");
        if (!id) return;
        TableRow heading;
        heading.kind = TableRow::Kind::section;
        heading.pos = o.pos();
        heading.id = "";
        if (auto t = field(o, "label", read_text)) heading.label = t->value;
        t_.rows.push_back(heading);
        rows(o.get("rows"), *id);
        if (o.has("subtotal")) {
            if (auto r = read_row(o.get("subtotal"), "", "table_subtotal")) {
                r->kind = TableRow::Kind::total;
                r->derive.op = Derive::Op::sum;
                r->derive.group = *id;
                r->derive.pos = r->pos;
                t_.rows.push_back(*r);
            }
        }
    }
};

}  // namespace

std::vector<DeclaredTable> load_tables(const Ctx& ctx, const YAML::Node& n) {
    std::vector<DeclaredTable> out;
    read_list(ctx, n, "tables", [&](const YAML::Node& item) {
        Obj o(ctx, item, "declared_table");
        if (!o.ok()) return;
        DeclaredTable t;
        t.pos = o.pos();
        if (auto id = read_id(ctx, o.get("id"), "id")) t.id = *id;
        else return;
        if (auto x = field(o, "title", read_text)) t.title = x->value;
        if (auto u = read_unit(ctx, o.get("unit"))) t.unit = *u;
        if (o.has("decimals")) t.decimals = read_decimals(ctx, o.get("decimals"));
        if (auto x = field(o, "rows_heading", read_text)) t.rows_heading = x->value;
        t.unit_row = o.has("unit_row") ? read_flag(ctx, o.get("unit_row"), "unit_row") : t.unit.kind == Unit::Kind::money;
        if (auto x = field(o, "note", read_text)) t.note = x->value;
        if (auto x = field(o, "source", read_text)) t.data_source = x->value;
        t.population = read_population(ctx, o.get("population"));
        if (o.has("rounding"))
            if (auto r = read_enum(ctx, o.get("rounding"), "rounding", {"exact", "displayed"})) {
                t.rounding = r->value == "displayed" ? DeclaredTable::Rounding::displayed : DeclaredTable::Rounding::exact;
                t.rounding_given = true;
            }
        TableReader reader(ctx, t);
        reader.columns(o.get("columns"));
        reader.rows(o.get("rows"), "");
        // A bound far above any committee table, below what would take minutes to lay out.
        if (t.rows.size() > kMaxTableRows || t.columns.size() > kMaxTableColumns) {
            ctx.error(t.rows.size() > kMaxTableRows ? o.get("rows") : o.get("columns"),
                      "table '" + t.id + "' has " + std::to_string(t.rows.size()) + " rows and " + std::to_string(t.columns.size()) +
                          " columns; a table may have at most " + std::to_string(kMaxTableRows) + " rows and " +
                          std::to_string(kMaxTableColumns) + " columns");
            return;
        }
        reader.stated_of_columns();
        out.push_back(t);
    });
    return out;
}

std::vector<TableCheck> load_checks(const Ctx& ctx, const YAML::Node& n) {
    std::vector<TableCheck> out;
    read_list(ctx, n, "checks", [&](const YAML::Node& item) {
        Obj o(ctx, item, "table_check");
        if (!o.ok()) return;
        TableCheck c;
        c.pos = o.pos();
        auto expr = [&](const std::string& key) {
            const YAML::Node x = o.get(key);
            CheckExpr e;
            e.pos = ctx.pos(x);
            if (x.IsScalar()) e.text = x.Scalar();
            else ctx.error(x, "'" + key + "' must be an expression such as 'funding.total.2024_25' or '0.8 * funding.grant.total'");
            return e;
        };
        c.left = expr("left");
        c.right = expr("right");
        if (o.has("decimals")) c.decimals = read_decimals(ctx, o.get("decimals"));
        if (auto e = field(o, "each", [](const Ctx& x, const YAML::Node& y, const std::string& w) {
                return read_enum(x, y, w, {"column", "row"});
            }))
            c.each = e->value;
        if (auto s = field(o, "says", read_text)) c.message = s->value;
        if (!c.left.text.empty() && !c.right.text.empty()) out.push_back(c);
    });
    return out;
}

std::vector<TableClaim> load_claims(const Ctx& ctx, const YAML::Node& n) {
    std::vector<TableClaim> out;
    read_list(ctx, n, "claims", [&](const YAML::Node& item) {
        Obj o(ctx, item, "table_claim");
        if (!o.ok()) return;
        TableClaim c;
        c.pos = o.pos();
        if (auto s = field(o, "says", read_text)) c.message = s->value;
        auto expr = [&](const YAML::Node& x) {
            CheckExpr e;
            e.pos = ctx.pos(x);
            if (x.IsScalar() && !x.Scalar().empty()) e.text = x.Scalar();
            else ctx.error(x, "a base or part of a rate is an expression such as 'families.total.attached' or '478'");
            return e;
        };
        const int kinds = int(o.has("largest")) + int(o.has("smallest")) + int(o.has("rate"));
        if (kinds != 1) {
            ctx.error(item, "a claim names one of 'largest' or 'smallest' (the column or row whose figures it compares) "
                            "or 'rate' (a percentage of one figure over another)");
            return;
        }
        if (o.has("rate")) {
            c.kind = TableClaim::Kind::rate;
            for (const char* k : {"is", "stated", "largest", "smallest"})
                if (o.has(k)) ctx.error(o.get(k), std::string("a rate claim has 'of' and 'over', not '") + k + "'");
            const YAML::Node rate = o.get("rate");
            if (!rate.IsScalar() || rate.Scalar().empty() || rate.Scalar().back() != '%') {
                ctx.error(rate, "a rate is written as the percentage printed, such as 60% or 73.9%");
                return;
            }
            c.rate = read_stated_value(ctx, rate);
            if (!o.has("of") || !o.has("over")) {
                ctx.error(item, "a rate claim names the figure it is a rate 'of' and the base it is 'over' (or a list of "
                                "the bases the prose leaves open)");
                return;
            }
            c.of = expr(o.get("of"));
            const YAML::Node over = o.get("over");
            if (over.IsSequence()) {
                if (over.size() == 0) ctx.error(over, "'over' lists at least one base");
                for (const auto& x : over) c.over.push_back(expr(x));
            } else {
                c.over.push_back(expr(over));
            }
            for (const auto& e : c.over)
                if (e.text.empty()) return;
            if (c.rate && !c.of.text.empty()) out.push_back(c);
            return;
        }
        c.kind = o.has("largest") ? TableClaim::Kind::largest : TableClaim::Kind::smallest;
        for (const char* k : {"of", "over"})
            if (o.has(k)) ctx.error(o.get(k), std::string("'") + k + "' belongs to a rate claim, not to a largest or smallest one");
        const auto line = field(o, c.kind == TableClaim::Kind::largest ? "largest" : "smallest", read_text);
        if (!o.has("is")) {
            ctx.error(item, "a largest or smallest claim names the row (or column) it says 'is' the largest or smallest");
            return;
        }
        const auto is = field(o, "is", read_text);
        if (!line || !is) return;
        c.line = line->value;
        c.line_pos = line->pos;
        c.is = is->value;
        c.is_pos = is->pos;
        if (o.has("stated")) {
            c.stated = read_stated_value(ctx, o.get("stated"));
            if (!c.stated) return;
        }
        out.push_back(c);
    });
    return out;
}

}  // namespace bp::load
