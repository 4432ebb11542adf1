// MTFS figures: the investment, savings and position tables of a Cabinet paper.
#include "load/loaders.hpp"

namespace bp::load {

std::vector<FinancialYear> read_years(const Ctx& ctx, const YAML::Node& n) {
    std::vector<FinancialYear> years;
    read_list(ctx, n, "years", [&](const YAML::Node& item) {
        auto y = read_year(ctx, item, "years");
        if (!y) return;
        if (!years.empty() && y->start != years.back().start + 1) {
            FinancialYear want{years.back().start + 1, {}};
            ctx.error(item, "financial years are not consecutive: " + y->label() + " follows " +
                                years.back().label() + " (expected " + want.label() + ")");
        }
        years.push_back(*y);
    });
    if (years.empty() && n.IsSequence()) ctx.error(n, "'years' must name at least one financial year");
    return years;
}

std::vector<Stated> read_year_values(const Ctx& ctx, const YAML::Node& n, const std::string& what,
                                     const std::vector<FinancialYear>& years) {
    std::vector<Stated> values;
    bool all_read = true;
    const bool is_list = read_list(ctx, n, what, [&](const YAML::Node& item) {
        auto v = read_number(ctx, item, what);
        if (v) values.push_back(*v); else all_read = false;
    });
    if (is_list && n.size() != years.size() && !years.empty()) {
        ctx.error(n, "'" + what + "' has " + std::to_string(n.size()) + " values but there are " +
                         std::to_string(years.size()) + " financial years (" + years.front().label() +
                         " to " + years.back().label() + ")");
        return {};
    }
    if (!all_read) return {};
    return values;
}

static Nature read_nature(const Ctx& ctx, const YAML::Node& n) {
    if (!n.IsDefined()) return Nature::unstated;
    auto t = read_enum(ctx, n, "nature", {"one_off", "ongoing", "cashable", "non_cashable"});
    if (!t) return Nature::unstated;
    if (t->value == "one_off") return Nature::one_off;
    if (t->value == "ongoing") return Nature::ongoing;
    if (t->value == "cashable") return Nature::cashable;
    return Nature::non_cashable;
}

std::optional<YearLine> read_year_line(const Ctx& ctx, const YAML::Node& n,
                                       const std::vector<FinancialYear>& years) {
    Obj o(ctx, n, "year_line");
    if (!o.ok()) return std::nullopt;
    YearLine line;
    line.pos = o.pos();
    auto label = field(o, "label", read_text);
    if (label) line.label = *label;
    line.nature = read_nature(ctx, o.get("nature"));
    line.values = read_year_values(ctx, o.get("values"), "values", years);
    if (line.values.empty() || !label) return std::nullopt;
    return line;
}

static std::optional<LineGroup> read_group(const Ctx& ctx, const YAML::Node& n,
                                           const std::vector<FinancialYear>& years) {
    Obj o(ctx, n, "line_group");
    if (!o.ok()) return std::nullopt;
    LineGroup g;
    g.pos = o.pos();
    if (auto t = field(o, "name", read_text)) g.name = *t;
    if (auto t = field(o, "total_label", read_text)) g.total_label = *t;
    read_list(ctx, o.get("lines"), "lines", [&](const YAML::Node& item) {
        if (auto l = read_year_line(ctx, item, years)) g.lines.push_back(*l);
    });
    if (o.has("stated_total")) g.stated_total = read_year_values(ctx, o.get("stated_total"), "stated_total", years);
    return g;
}

std::optional<Mtfs> load_mtfs(const Ctx& ctx, const YAML::Node& n) {
    Obj o(ctx, n, "mtfs");
    if (!o.ok()) return std::nullopt;
    Mtfs m;
    m.pos = o.pos();
    if (auto t = field(o, "unit", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
            return read_enum(c, x, w, {"£'000s", "£m"});
        }))
        m.unit = *t;
    m.years = read_years(ctx, o.get("years"));

    Obj inv(ctx, o.get("investment"), "mtfs_investment");
    if (inv.ok()) {
        if (auto t = field(inv, "label", read_text)) m.investment_label = *t;
        read_list(ctx, inv.get("groups"), "groups", [&](const YAML::Node& item) {
            if (auto g = read_group(ctx, item, m.years)) m.investment.push_back(*g);
        });
        if (inv.has("stated_total"))
            m.investment_stated_total = read_year_values(ctx, inv.get("stated_total"), "stated_total", m.years);
    }
    if (auto g = read_group(ctx, o.get("savings"), m.years)) m.savings = *g;

    Obj roi(ctx, o.get("return_on_investment"), "mtfs_roi");
    if (roi.ok()) {
        if (auto t = field(roi, "label", read_text)) m.roi_label = *t;
        if (roi.has("stated")) m.roi_stated = read_year_values(ctx, roi.get("stated"), "stated", m.years);
    }
    if (o.has("position")) {
        Obj pos(ctx, o.get("position"), "mtfs_position");
        if (pos.ok()) {
            if (auto t = field(pos, "label", read_text)) m.position_label = *t;
            read_list(ctx, pos.get("lines"), "lines", [&](const YAML::Node& item) {
                if (auto l = read_year_line(ctx, item, m.years)) m.position_lines.push_back(*l);
            });
            if (pos.has("stated")) m.position_stated = read_year_values(ctx, pos.get("stated"), "stated", m.years);
            m.break_even_stated = field(pos, "break_even", read_year);
        }
    }
    return m;
}

std::optional<OutstandingSavings> load_outstanding_savings(const Ctx& ctx, const YAML::Node& n) {
    Obj o(ctx, n, "outstanding_savings");
    if (!o.ok()) return std::nullopt;
    OutstandingSavings s;
    s.pos = o.pos();
    if (auto t = field(o, "title", read_text)) s.title = *t;
    if (auto t = field(o, "unit", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
            return read_enum(c, x, w, {"£'000s", "£m"});
        }))
        s.unit = *t;
    s.years = read_years(ctx, o.get("years"));
    read_list(ctx, o.get("lines"), "lines", [&](const YAML::Node& item) {
        if (auto l = read_year_line(ctx, item, s.years)) s.lines.push_back(*l);
    });
    if (o.has("stated_total")) s.stated_total = read_year_values(ctx, o.get("stated_total"), "stated_total", s.years);
    // The table prints every value to the precision the source used for its lines.
    for (const auto& l : s.lines)
        for (const auto& v : l.values) s.decimals = std::max(s.decimals, v.decimals);
    return s;
}

static const std::vector<std::string> kFactUnits = {"£m", "£'000s", "£", "count", "%"};

std::vector<Fact> load_facts(const Ctx& ctx, const YAML::Node& n) {
    std::vector<Fact> facts;
    read_list(ctx, n, "figures", [&](const YAML::Node& item) {
        Obj o(ctx, item, "fact");
        if (!o.ok()) return;
        Fact f;
        f.pos = o.pos();
        auto name = field(o, "name", read_text);
        auto value = field(o, "value", read_number);
        auto unit = field(o, "unit", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
            return read_enum(c, x, w, kFactUnits);
        });
        if (!name || !value || !unit) return;
        f.name = *name;
        f.value = *value;
        f.unit = *unit;
        if (auto t = field(o, "note", read_text)) f.note = *t;
        facts.push_back(f);
    });
    return facts;
}

std::vector<Difference> load_differences(const Ctx& ctx, const YAML::Node& n) {
    std::vector<Difference> out;
    read_list(ctx, n, "differences", [&](const YAML::Node& item) {
        Obj o(ctx, item, "difference");
        if (!o.ok()) return;
        Difference d;
        d.pos = o.pos();
        auto name = field(o, "name", read_text);
        auto unit = field(o, "unit", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
            return read_enum(c, x, w, kFactUnits);
        });
        auto a = field(o, "value", read_number);
        auto b = field(o, "less", read_number);
        if (!name || !unit || !a || !b) return;
        d.name = *name;
        d.unit = *unit;
        d.minuend = *a;
        d.subtrahend = *b;
        d.stated = field(o, "stated", read_number);
        out.push_back(d);
    });
    return out;
}

}  // namespace bp::load
