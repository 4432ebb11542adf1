#include "movement/diff.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "core/format.hpp"
#include "render/figures/figures_json.hpp"

namespace bp::movement {

using json = nlohmann::ordered_json;

size_t Movement::count(What w) const {
    size_t n = 0;
    for (const TableMove& t : tables)
        for (const FigureMove& f : t.figures) n += f.what == w;
    return n;
}

size_t Movement::paragraph_count(What w) const {
    return static_cast<size_t>(std::count_if(paragraphs.begin(), paragraphs.end(), [&](const ParagraphMove& p) { return p.what == w; }));
}

namespace {

std::string signed_text(const Num& v, int decimals, const std::string& suffix) {
    const Num r = round_half_away(v.abs(), decimals);
    const std::string sign = v.is_zero() ? "" : v.is_negative() ? "-" : "+";
    return sign + group_thousands(to_fixed(r, decimals)) + suffix;
}

bool same(const Figure& a, const Figure& b) {
    return a.kind == b.kind && a.unit == b.unit && a.shown == b.shown && a.value == b.value;
}

// Pairs figures by identity: those of `after` in its order (changed or added), then
// those only in `before` (removed), in its order.
std::vector<FigureMove> pair_figures(const std::vector<Figure>& before, const std::vector<Figure>& after) {
    std::map<std::string, const Figure*> old;
    for (const Figure& f : before) old.emplace(f.key(), &f);
    std::vector<FigureMove> out;
    std::map<std::string, bool> seen;
    for (const Figure& f : after) {
        const std::string key = f.key();
        seen[key] = true;
        const auto it = old.find(key);
        if (it == old.end()) out.push_back({What::added, nullptr, &f});
        else if (!same(*it->second, f)) out.push_back({What::changed, it->second, &f});
    }
    for (const Figure& f : before)
        if (!seen.count(f.key())) out.push_back({What::removed, &f, nullptr});
    return out;
}

// Display width: UTF-8 characters, not bytes ("£" and "→" are one each).
size_t width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad(const std::string& s, size_t w, bool right = false) {
    const size_t have = width(s);
    const std::string fill(have < w ? w - have : 0, ' ');
    return right ? fill + s : s + fill;
}

std::string cell_name(const Figure& f) { return f.name.empty() ? f.row + "." + f.column : f.name; }

const char* word(What w) { return w == What::changed ? "changed" : w == What::added ? "added" : "removed"; }

std::string ordinal(int n) {
    const int t = n % 100;
    const char* suffix = (t >= 11 && t <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

std::string paragraph_name(const Paragraph& p) {
    std::string s = p.number > 0 ? "paragraph " + std::to_string(p.number) : "an unnumbered paragraph";
    s += " (" + (p.section.empty() ? std::string("before the first section") : p.section) + ", its " + ordinal(p.place) + ")";
    return s;
}

// The text of a paragraph indented under its heading, its own lines kept.
std::string indented(const std::string& label, const std::string& text) {
    std::string out = "      " + label + " ";
    for (char c : text) {
        out += c;
        if (c == '\n') out += "           ";
    }
    return out + "\n";
}

json side(const FiguresFile& f) {
    return json{{"id", f.id}, {"title", f.title}, {"date", f.date}, {"file", f.path}};
}

json figure_json(const Figure& f) {
    json j{{"kind", f.kind}};
    if (!f.unit.empty()) j["unit"] = f.unit;
    if (f.value) j["value"] = exact_text(*f.value);
    j["shown"] = f.shown;
    return j;
}

}  // namespace

FigureChange figure_change(const Figure& before, const Figure& after) {
    FigureChange c;
    if (!before.value || !after.value || before.unit != after.unit) return c;
    c.comparable = true;
    c.delta = *after.value - *before.value;
    // The difference of the figures as printed, so that the column agrees with the two
    // figures beside it (58.7% → 56.1% is -2.6 pts, though the exact values differ by
    // 2.53); the relative change from the exact values, and none across zero, where a
    // percentage change means nothing.
    const int d = std::max(shown_decimals(after.shown), shown_decimals(before.shown));
    const Num scale = after.unit == "%" ? Num(100) : Num(1);
    const Num printed = round_half_away(*after.value * scale, d) - round_half_away(*before.value * scale, d);
    if (after.unit == "%") {
        c.difference = signed_text(printed, d, " pts");
    } else {
        c.difference = signed_text(printed, d, "");
        const bool across_zero = before.value->is_negative() != after.value->is_negative() && !after.value->is_zero();
        if (!before.value->is_zero() && !across_zero) c.relative = signed_text(c.delta / before.value->abs() * Num(100), 1, "%");
    }
    return c;
}

Movement compare(const FiguresFile& before, const FiguresFile& after) {
    Movement m;
    m.before = &before;
    m.after = &after;
    for (const FiguresTable& t : after.tables) {
        const FiguresTable* old = before.table(t.id);
        static const std::vector<Figure> none;
        TableMove tm{t.id, t.title, t.unit, old ? What::changed : What::added, pair_figures(old ? old->cells : none, t.cells)};
        if (!tm.figures.empty()) m.tables.push_back(std::move(tm));
    }
    for (const FiguresTable& t : before.tables)
        if (!after.table(t.id)) m.tables.push_back({t.id, t.title, t.unit, What::removed, pair_figures(t.cells, {})});
    TableMove named{"", "named figures", "", What::changed, pair_figures(before.named, after.named)};
    if (!named.figures.empty()) m.tables.push_back(std::move(named));

    std::map<std::pair<std::string, int>, const Paragraph*> old;
    for (const Paragraph& p : before.paragraphs) old.emplace(std::make_pair(p.section, p.place), &p);
    std::map<std::pair<std::string, int>, bool> seen;
    for (const Paragraph& p : after.paragraphs) {
        const auto key = std::make_pair(p.section, p.place);
        seen[key] = true;
        const auto it = old.find(key);
        if (it == old.end()) m.paragraphs.push_back({What::added, nullptr, &p});
        else if (it->second->text != p.text) m.paragraphs.push_back({What::changed, it->second, &p});
    }
    for (const Paragraph& p : before.paragraphs)
        if (!seen.count({p.section, p.place})) m.paragraphs.push_back({What::removed, &p, nullptr});
    return m;
}

std::string movement_text(const Movement& m) {
    const FiguresFile& b = *m.before;
    const FiguresFile& a = *m.after;
    std::string out;
    const std::string between = b.id + " (" + b.date + ") and " + a.id + " (" + a.date + ")";
    if (!m.moved()) return "Nothing moved between " + between + ".\n";
    out += "What moved between " + between + ":\n";
    for (const TableMove& t : m.tables) {
        out += "\n";
        if (t.id.empty()) out += "Named figures\n";
        else
            out += "Table " + t.id + ": " + t.title + " (" + t.unit + ")" +
                   (t.what == What::added ? ", new" : t.what == What::removed ? ", gone" : "") + "\n";
        size_t name_w = 0, before_w = 0, after_w = 0, diff_w = 0;
        std::vector<FigureChange> changes;
        for (const FigureMove& f : t.figures) {
            name_w = std::max(name_w, width(cell_name(f.after ? *f.after : *f.before)));
            if (f.before) before_w = std::max(before_w, width(f.before->shown));
            if (f.after) after_w = std::max(after_w, width(f.after->shown));
            changes.push_back(f.before && f.after ? figure_change(*f.before, *f.after) : FigureChange{});
            diff_w = std::max(diff_w, width(changes.back().difference));
        }
        for (size_t i = 0; i < t.figures.size(); ++i) {
            const FigureMove& f = t.figures[i];
            const FigureChange& c = changes[i];
            std::string line = "  " + pad(word(f.what), 8) + pad(cell_name(f.after ? *f.after : *f.before), name_w) + "  ";
            line += pad(f.before ? f.before->shown : "", before_w, true);
            line += f.what == What::changed ? " → " : "   ";
            line += pad(f.after ? f.after->shown : "", after_w, true);
            if (f.what == What::changed) {
                if (c.comparable) {
                    line += "  " + pad(c.difference, diff_w, true);
                    if (!c.relative.empty()) line += "  " + pad(c.relative, 7, true);
                    if (f.before->shown == f.after->shown) line += "  (exact value moved; printed the same)";
                } else if (f.before->unit != f.after->unit && !f.before->unit.empty() && !f.after->unit.empty()) {
                    line += "  (unit " + f.before->unit + " → " + f.after->unit + ")";
                }
            }
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out += line + "\n";
        }
    }
    if (!m.paragraphs.empty()) {
        out += "\nParagraphs\n";
        for (const ParagraphMove& p : m.paragraphs) {
            out += "  " + pad(word(p.what), 8) + paragraph_name(p.after ? *p.after : *p.before) + "\n";
            if (p.before) out += indented("was:", p.before->text);
            if (p.after) out += indented("now:", p.after->text);
        }
    }
    auto plural = [](size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    out += "\n" + plural(m.count(What::changed) + m.count(What::added) + m.count(What::removed), "figure", "figures") +
           " moved (" + std::to_string(m.count(What::changed)) + " changed, " + std::to_string(m.count(What::added)) +
           " added, " + std::to_string(m.count(What::removed)) + " removed); " +
           plural(m.paragraphs.size(), "paragraph", "paragraphs") + " (" + std::to_string(m.paragraph_count(What::changed)) +
           " changed, " + std::to_string(m.paragraph_count(What::added)) + " added, " +
           std::to_string(m.paragraph_count(What::removed)) + " removed)\n";
    return out;
}

std::string movement_json(const Movement& m) {
    json out{{"format", "boardpack-diff"}, {"version", 1}, {"before", side(*m.before)}, {"after", side(*m.after)}, {"moved", m.moved()}};
    json tables = json::array(), named = json::array();
    for (const TableMove& t : m.tables) {
        json figures = json::array();
        for (const FigureMove& f : t.figures) {
            const Figure& any = f.after ? *f.after : *f.before;
            json x{{"change", word(f.what)}};
            if (any.name.empty()) x["row"] = any.row, x["column"] = any.column;
            else x["name"] = any.name;
            x["before"] = f.before ? figure_json(*f.before) : json(nullptr);
            x["after"] = f.after ? figure_json(*f.after) : json(nullptr);
            if (f.before && f.after) {
                const FigureChange c = figure_change(*f.before, *f.after);
                if (c.comparable) {
                    // Exact: the difference of the exact values, and the relative change
                    // as a fraction of the earlier value's size (null from zero).
                    x["difference"] = exact_text(c.delta);
                    x["relative"] = f.before->value->is_zero() ? json(nullptr) : json(exact_text(c.delta / f.before->value->abs()));
                }
            }
            figures.push_back(std::move(x));
        }
        if (t.id.empty()) {
            named = std::move(figures);
            continue;
        }
        tables.push_back(json{{"id", t.id}, {"title", t.title}, {"unit", t.unit}, {"change", word(t.what)}, {"figures", std::move(figures)}});
    }
    out["tables"] = std::move(tables);
    out["named"] = std::move(named);
    json paragraphs = json::array();
    for (const ParagraphMove& p : m.paragraphs) {
        const Paragraph& any = p.after ? *p.after : *p.before;
        json x{{"change", word(p.what)}, {"section", any.section}, {"place", any.place}};
        x["before"] = p.before ? json{{"number", p.before->number}, {"text", p.before->text}} : json(nullptr);
        x["after"] = p.after ? json{{"number", p.after->number}, {"text", p.after->text}} : json(nullptr);
        paragraphs.push_back(std::move(x));
    }
    out["paragraphs"] = std::move(paragraphs);
    out["summary"] = json{{"figures", {{"changed", m.count(What::changed)}, {"added", m.count(What::added)}, {"removed", m.count(What::removed)}}},
                          {"paragraphs", {{"changed", m.paragraph_count(What::changed)}, {"added", m.paragraph_count(What::added)},
                                          {"removed", m.paragraph_count(What::removed)}}}};
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace bp::movement
