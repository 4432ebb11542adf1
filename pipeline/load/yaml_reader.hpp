// Reading YAML with positions. yaml-cpp 0.7 accepts duplicate keys, reads "012" as
// octal and gives no position for a missing key; this layer walks the tree itself so
// that every problem is reported once, as file:line:col, and loading goes on to find
// the next one.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diag.hpp"
#include "model/model.hpp"

namespace bp::load {

struct Ctx {
    std::shared_ptr<const std::string> file;
    Diagnostics* diags;
    SourcePos pos(const YAML::Node& n) const;
    void error(const YAML::Node& n, std::string msg) const { diags->error(pos(n), std::move(msg)); }
    void warning(const YAML::Node& n, std::string msg) const { diags->warning(pos(n), std::move(msg)); }
};

// Parses a file; on a syntax error reports it and returns an undefined node.
YAML::Node parse_file(const std::string& path, Ctx& ctx);

// A mapping checked against its schema (see schema.cpp): reports a non-mapping,
// duplicate keys, unknown keys (with "did you mean") and missing required keys.
class Obj {
public:
    Obj(const Ctx& ctx, const YAML::Node& node, const std::string& schema_name);
    bool ok() const { return ok_; }
    YAML::Node get(const std::string& key) const;  // undefined when absent
    bool has(const std::string& key) const { return get(key).IsDefined(); }
    SourcePos pos() const { return ctx_.pos(node_); }
    const Ctx& ctx() const { return ctx_; }

private:
    const Ctx& ctx_;
    YAML::Node node_;
    bool ok_ = false;
};

// "; did you mean 'x'?" for the closest candidate (core/suggest.hpp), or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// " (at most 12 decimal places)" or " (at most 17 digits ...)" for a number too precise
// or too large to hold exactly; "" for anything else.
std::string number_limit_hint(const std::string& text);

// Typed scalar readers. Each reports a type error at the node and returns nullopt.
std::optional<Text> read_text(const Ctx&, const YAML::Node&, const std::string& what);
std::optional<Stated> read_number(const Ctx&, const YAML::Node&, const std::string& what);
std::optional<Count> read_count(const Ctx&, const YAML::Node&, const std::string& what);
std::optional<Percent> read_percent(const Ctx&, const YAML::Node&, const std::string& what);
std::optional<FinancialYear> read_year(const Ctx&, const YAML::Node&, const std::string& what);
std::optional<Date> read_date(const Ctx&, const YAML::Node&, const std::string& what);
// true or false; absent is false.
bool read_flag(const Ctx&, const YAML::Node&, const std::string& what);
// One of `allowed`; an unknown word gets a "did you mean".
std::optional<Text> read_enum(const Ctx&, const YAML::Node&, const std::string& what,
                              const std::vector<std::string>& allowed);

// Calls `each` for every element of a sequence; reports a non-sequence.
bool read_list(const Ctx&, const YAML::Node&, const std::string& what,
               const std::function<void(const YAML::Node&)>& each);

// Convenience: a required or optional key of an Obj, read with one of the readers.
template <typename R>
auto field(const Obj& o, const std::string& key, R reader) -> decltype(reader(o.ctx(), YAML::Node(), key)) {
    YAML::Node n = o.get(key);
    if (!n.IsDefined()) return std::nullopt;
    return reader(o.ctx(), n, key);
}

}  // namespace bp::load
