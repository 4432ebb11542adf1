#include "load/yaml_reader.hpp"

#include "core/confine.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "core/suggest.hpp"
#include "load/schema.hpp"

namespace bp::load {

SourcePos Ctx::pos(const YAML::Node& n) const {
    SourcePos p;
    p.file = file;
    if (n.IsDefined() && n.Mark().line >= 0) {
        p.line = n.Mark().line + 1;
        p.col = n.Mark().column + 1;
    }
    return p;
}

YAML::Node parse_file(const std::string& path, Ctx& ctx) {
    if (auto problem = readable_file_problem(path); !problem.empty()) {
        ctx.diags->error(SourcePos{ctx.file, 0, 0}, "the file " + problem);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ctx.diags->error(SourcePos{ctx.file, 0, 0}, "cannot read file");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    std::stringstream buf;
    buf << in.rdbuf();
    if (auto bad = first_bad_character(buf.str(), true)) {
        const auto [line, col] = line_col(buf.str(), bad->offset);
        ctx.diags->error(SourcePos{ctx.file, line, col}, "the file holds " + bad->description);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    try {
        YAML::Node root = YAML::Load(buf.str());
        if (!root.IsDefined() || root.IsNull()) {
            ctx.diags->error(SourcePos{ctx.file, 0, 0}, "the file is empty");
            return YAML::Node(YAML::NodeType::Undefined);
        }
        return root;
    } catch (const YAML::ParserException& e) {
        // yaml-cpp says "bad file" for nesting too deep to parse; say what it is.
        const std::string msg = e.msg == "bad file" ? "nesting too deep" : e.msg;
        ctx.diags->error(SourcePos{ctx.file, e.mark.line + 1, e.mark.column + 1},
                         "YAML syntax: " + msg);
        return YAML::Node(YAML::NodeType::Undefined);
    }
}

namespace {

std::string scalar_of(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : std::string(); }

bool is_quoted(const YAML::Node& n) { return n.Tag() == "!"; }

std::string readable(const std::string& schema_name) {
    std::string s = schema_name;
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string c = closest(word, candidates);
    return c.empty() ? std::string() : "; did you mean '" + c + "'?";
}

Obj::Obj(const Ctx& ctx, const YAML::Node& node, const std::string& schema_name)
    : ctx_(ctx), node_(node) {
    const ObjectSchema& s = schema(schema_name);
    if (!node.IsMap()) {
        ctx.error(node, "expected a mapping (" + readable(schema_name) + ")");
        return;
    }
    std::vector<std::string> allowed = s.required;
    allowed.insert(allowed.end(), s.optional.begin(), s.optional.end());
    std::map<std::string, int> seen;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
            ctx.error(kv.first, "a key must be a plain word");
            continue;
        }
        const std::string key = kv.first.Scalar();
        auto [it, fresh] = seen.emplace(key, kv.first.Mark().line + 1);
        if (!fresh) {
            ctx.error(kv.first, "duplicate key '" + key + "' (first given on line " +
                                    std::to_string(it->second) + ")");
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            ctx.error(kv.first, "unknown key '" + key + "' in " + readable(schema_name) +
                                    did_you_mean(key, allowed));
    }
    bool complete = true;
    for (const auto& key : s.required) {
        if (!seen.count(key)) {
            ctx.error(node, "missing required key '" + key + "' in " + readable(schema_name));
            complete = false;
        }
    }
    ok_ = complete;
}

YAML::Node Obj::get(const std::string& key) const {
    if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    // First occurrence wins; later duplicates were reported in the constructor.
    for (const auto& kv : node_)
        if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

bool read_flag(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsDefined()) return false;
    if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
    ctx.error(n, "'" + what + "' must be true or false");
    return false;
}

std::optional<Text> read_text(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
        ctx.error(n, "'" + what + "' must be text");
        return std::nullopt;
    }
    // What an escape such as "\x07" or "\0" decodes to: never raw into a PDF or XML.
    // Line ends are allowed here (a block of narrative), and folded where data meets prose.
    if (auto bad = first_bad_character(n.Scalar(), true)) {
        ctx.error(n, "'" + what + "' holds " + bad->description);
        return std::nullopt;
    }
    if (auto long_text = text_length_problem(n.Scalar()); !long_text.empty()) {
        ctx.error(n, "'" + what + "' " + long_text);
        return std::nullopt;
    }
    return Text{n.Scalar(), ctx.pos(n)};
}

std::string number_limit_hint(const std::string& s) {
    size_t digits = 0, places = 0;
    bool point = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '.' && !point) { point = true; continue; }
        if ((c == '-' || c == '+') && i == 0) continue;
        if (c < '0' || c > '9') return "";
        ++digits;
        if (point) ++places;
    }
    if (places > 12) return " (at most 12 decimal places)";
    if (digits > 17) return " (at most 17 digits: too large for exact arithmetic)";
    return "";
}

std::optional<Stated> read_number(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
        ctx.error(n, "'" + what + "' must be a number");
        return std::nullopt;
    }
    const std::string s = n.Scalar();
    if (is_quoted(n)) {
        ctx.error(n, "'" + what + "' must be a number, not quoted text \"" + s + "\"");
        return std::nullopt;
    }
    int decimals = 0;
    auto v = parse_decimal(s, &decimals);
    if (!v) {
        std::string hint;
        if (s.find(',') != std::string::npos) hint = " (write it without thousands separators)";
        else if (!number_limit_hint(s).empty()) hint = number_limit_hint(s);
        else if (s.size() > 1 && s[0] == '0' && s[1] != '.') hint = " (a leading zero is not allowed)";
        else if (s == "-") hint = " (write 0 for a dash)";
        ctx.error(n, "'" + what + "' must be a decimal number, got '" + s + "'" + hint);
        return std::nullopt;
    }
    return Stated{*v, decimals, ctx.pos(n)};
}

std::optional<Count> read_count(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    auto v = read_number(ctx, n, what);
    if (!v) return std::nullopt;
    if (v->decimals != 0 || v->value.is_negative()) {
        ctx.error(n, "'" + what + "' must be a whole number of at least 0, got '" + n.Scalar() + "'");
        return std::nullopt;
    }
    return Count{v->value.num(), v->pos};
}

std::optional<Percent> read_percent(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    const std::string s = scalar_of(n);
    int decimals = 0;
    std::optional<Num> v;
    if (s.size() > 1 && s.back() == '%') v = parse_decimal(s.substr(0, s.size() - 1), &decimals);
    if (!v) {
        ctx.error(n, "'" + what + "' must be a percentage such as 60% or 73.9%" +
                         (n.IsScalar() ? ", got '" + s + "'" : std::string()));
        return std::nullopt;
    }
    return Percent{*v, decimals, ctx.pos(n)};
}

std::optional<FinancialYear> read_year(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    const std::string s = scalar_of(n);
    const bool shape = s.size() == 7 && s[4] == '/' &&
                       std::all_of(s.begin(), s.begin() + 4, ::isdigit) &&
                       std::all_of(s.begin() + 5, s.end(), ::isdigit);
    if (!shape) {
        ctx.error(n, "'" + what + "' must be a financial year such as 2019/20" +
                         (n.IsScalar() ? ", got '" + s + "'" : std::string()));
        return std::nullopt;
    }
    const int start = std::stoi(s.substr(0, 4)), end = std::stoi(s.substr(5));
    if (end != (start + 1) % 100) {
        char want[8];
        std::snprintf(want, sizeof want, "%02d", (start + 1) % 100);
        ctx.error(n, "'" + s + "' is not a financial year: " + std::to_string(start) +
                         " is followed by /" + want);
        return std::nullopt;
    }
    return FinancialYear{start, ctx.pos(n)};
}

std::optional<Date> read_date(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    const std::string s = scalar_of(n);
    const bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                       std::all_of(s.begin(), s.begin() + 4, ::isdigit) &&
                       std::all_of(s.begin() + 5, s.begin() + 7, ::isdigit) &&
                       std::all_of(s.begin() + 8, s.end(), ::isdigit);
    if (shape) {
        Date d{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)), ctx.pos(n)};
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
        // A committee's dates lie in living memory or the plans ahead of it: year 0 or
        // 9999 is a typing slip, and "29 February 0" a nonsense a paper must not print.
        if (d.year < 1900 || d.year > 2200) {
            ctx.error(n, "'" + what + "': " + s + " is outside the years 1900 to 2200");
            return std::nullopt;
        }
        if (d.month >= 1 && d.month <= 12 && d.day >= 1 &&
            d.day <= days[d.month - 1] + (d.month == 2 && leap ? 1 : 0))
            return d;
        ctx.error(n, "'" + what + "': " + s + " is not a date in the calendar");
        return std::nullopt;
    }
    ctx.error(n, "'" + what + "' must be a date written YYYY-MM-DD" +
                     (n.IsScalar() ? ", got '" + s + "'" : std::string()));
    return std::nullopt;
}

std::optional<Text> read_enum(const Ctx& ctx, const YAML::Node& n, const std::string& what,
                              const std::vector<std::string>& allowed) {
    auto t = read_text(ctx, n, what);
    if (!t) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), t->value) != allowed.end()) return t;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    ctx.error(n, "'" + what + "' must be one of " + list + ", got '" + t->value + "'" +
                     did_you_mean(t->value, allowed));
    return std::nullopt;
}

bool read_list(const Ctx& ctx, const YAML::Node& n, const std::string& what,
               const std::function<void(const YAML::Node&)>& each) {
    if (!n.IsSequence()) {
        ctx.error(n, "'" + what + "' must be a list");
        return false;
    }
    for (const auto& item : n) each(item);
    return true;
}

}  // namespace bp::load
