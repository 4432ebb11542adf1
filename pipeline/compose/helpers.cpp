#include "compose/helpers.hpp"

#include "model/model.hpp"

#include <map>

#include "core/format.hpp"

namespace bp::compose {
namespace {

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// A decimal ("-8.133") or an exact fraction ("1700/23").
std::optional<Num> number(const std::string& text) {
    const std::string t = trim(text);
    const size_t slash = t.find('/');
    if (slash == std::string::npos) return parse_decimal(t);
    auto a = parse_decimal(t.substr(0, slash)), b = parse_decimal(t.substr(slash + 1));
    if (!a || !b || b->is_zero()) return std::nullopt;
    return *a / *b;
}

struct YMD {
    int y, m, d;
};
std::optional<YMD> date(const std::string& text) {
    const std::string t = trim(text);
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    try {
        YMD v{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
        if (v.m < 1 || v.m > 12 || v.d < 1 || v.d > 31) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

using Fn = std::optional<std::string> (*)(const std::string&);

std::optional<std::string> m1(const std::string& s) { if (auto v = number(s)) return fmt_money_m(*v, 1); return std::nullopt; }
std::optional<std::string> m3(const std::string& s) { if (auto v = number(s)) return fmt_money_m(*v, 3); return std::nullopt; }
std::optional<std::string> pounds(const std::string& s) { if (auto v = number(s)) return fmt_pounds(*v); return std::nullopt; }
std::optional<std::string> thousands(const std::string& s) { if (auto v = number(s)) return fmt_accounting(*v, 0); return std::nullopt; }
std::optional<std::string> count(const std::string& s) { if (auto v = number(s)) return fmt_count(*v, 0); return std::nullopt; }
std::optional<std::string> pct(const std::string& s) { if (auto v = number(s)) return fmt_percent(*v, 0); return std::nullopt; }
std::optional<std::string> pct1(const std::string& s) { if (auto v = number(s)) return fmt_percent(*v, 1); return std::nullopt; }
std::optional<std::string> signed_pct(const std::string& s) {
    auto v = number(s);
    if (!v) return std::nullopt;
    const std::string p = fmt_percent(*v, 0);
    return round_half_away(*v, 0) > Num(0) ? "+" + p : p;
}
std::optional<std::string> change(const std::string& s) {
    auto v = number(s);
    if (!v) return std::nullopt;
    return fmt_change_words(*v);
}
std::optional<std::string> fy(const std::string& s) {
    int start = 0;
    if (auto d = date(s)) start = d->m >= 4 ? d->y : d->y - 1;
    else if (auto v = number(s); v && v->den() == 1 && v->num() > 1900 && v->num() < 2200) start = static_cast<int>(v->num());
    else return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d", start, (start + 1) % 100);
    return std::string(buf);
}
std::optional<std::string> long_date(const std::string& s) {
    if (auto d = date(s)) return std::to_string(d->d) + " " + month_name(d->m) + " " + std::to_string(d->y);
    return std::nullopt;
}
std::optional<std::string> month(const std::string& s) {
    if (auto d = date(s)) return std::string(month_name(d->m)) + " " + std::to_string(d->y);
    return std::nullopt;
}
std::optional<std::string> range(const std::string& s) {
    const std::string t = trim(s);
    const size_t sep = t.find_first_of(" \t");
    if (sep == std::string::npos) return std::nullopt;
    auto a = number(t.substr(0, sep)), b = number(t.substr(sep));
    if (!a || !b) return std::nullopt;
    return "between " + fmt_count(*a, 0) + " and " + fmt_count(*b, 0);
}

struct Entry {
    Helper doc;
    Fn fn;
};

const std::vector<Entry>& entries() {
    static const std::vector<Entry> e = {
        {{"m1", "money in millions to one place", "8.133 -> £8.1m", {"£m"}}, m1},
        {{"m3", "money in millions to three places", "3.453 -> £3.453m", {"£m"}}, m3},
        {{"pounds", "whole pounds", "600000 -> £600,000", {"£"}}, pounds},
        {{"thousands", "a £'000s cell: negatives in brackets, zero as a dash", "-7118 -> (7,118)", {"£'000s"}}, thousands},
        {{"count", "a count with thousands separators", "6049 -> 6,049", {"count"}}, count},
        {{"pct", "a percentage to the whole number", "59.74 -> 60%", {"%"}}, pct},
        {{"pct1", "a percentage to one place", "1700/23 -> 73.9%", {"%"}}, pct1},
        {{"signed_pct", "a percentage change with its sign", "128 -> +128%", {"%"}}, signed_pct},
        {{"change", "a percentage change in words", "-17 -> a 17% reduction", {"%"}}, change},
        {{"fy", "the financial year of a date, or starting in a year", "2019-11-20 -> 2019/20", {"date", "year"}}, fy},
        {{"date", "a date in full", "2019-11-07 -> 7 November 2019", {"date"}}, long_date},
        {{"month", "a month and year", "2020-03-31 -> March 2020", {"date"}}, month},
        {{"range", "two counts as a range", "1490 2281 -> between 1,490 and 2,281", {"count"}}, range},
    };
    return e;
}

}  // namespace

const std::vector<Helper>& helpers() {
    static const std::vector<Helper> h = [] {
        std::vector<Helper> out;
        for (const auto& e : entries()) out.push_back(e.doc);
        return out;
    }();
    return h;
}

const Helper* find_helper(const std::string& name) {
    for (const auto& h : helpers())
        if (h.name == name) return &h;
    return nullptr;
}

std::optional<std::string> apply_helper(const std::string& name, const std::string& input) {
    for (const auto& e : entries())
        if (e.doc.name == name) return e.fn(input);
    return std::nullopt;
}


}  // namespace bp::compose
