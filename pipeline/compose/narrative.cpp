#include "compose/narrative.hpp"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <sstream>
#include <unordered_map>

#include "compose/helpers.hpp"
#include "core/suggest.hpp"
#include "core/text.hpp"

namespace bp::compose {

constexpr size_t kMaxSectionDepth = 16;

namespace {

namespace mu = kainjow::mustache;

SourcePos at(const TemplateSource& src, size_t offset) {
    SourcePos p = src.origin;
    if (!p.known() || p.line == 0) return p;
    for (size_t i = 0; i < offset && i < src.text.size(); ++i) {
        if (src.text[i] == '\n') { ++p.line; p.col = 1; }
        else if ((static_cast<unsigned char>(src.text[i]) & 0xC0) != 0x80) ++p.col;  // count characters, not bytes
    }
    return p;
}

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

void visible_names(const std::vector<const TValue*>& stack, std::vector<std::string>& out) {
    for (const TValue* t : stack)
        if (t && t->kind == TValue::Kind::object)
            for (const auto& kv : t->fields) out.push_back(kv.first);
}

// "; did you mean 'report.committee'?" for "report.commitee": the first
// segment that does not resolve is matched against the names available there.
std::string suggest(const std::string& name, const std::vector<const TValue*>& stack) {
    std::vector<std::string> parts;
    std::stringstream ss(name);
    for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
    std::vector<std::string> candidates;
    visible_names(stack, candidates);
    const TValue* at = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !at; ++it)
        if (*it) at = (*it)->find(parts[0]);
    size_t i = 0;
    if (at) {
        for (i = 1; i < parts.size(); ++i) {
            const TValue* next = at->find(parts[i]);
            if (!next) break;
            at = next;
        }
        candidates.clear();
        if (i < parts.size() && at->kind == TValue::Kind::object)
            for (const auto& kv : at->fields) candidates.push_back(kv.first);
    }
    if (i >= parts.size()) return "";
    const std::string best = closest(parts[i], candidates);
    if (best.empty()) return "";
    parts[i] = best;
    std::string fixed;
    for (const auto& p : parts) fixed += (fixed.empty() ? "" : ".") + p;
    return "; did you mean '" + fixed + "'?";
}

// Resolves a (dotted) name against the context stack as Mustache does. `unknown`
// becomes true when the context is not known here (inside an empty list).
const TValue* resolve(const std::string& name, const std::vector<const TValue*>& stack, bool& unknown) {
    unknown = false;
    if (name == ".") return stack.back();
    std::vector<std::string> parts;
    std::stringstream ss(name);
    for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
    const TValue* v = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        if (!*it) { unknown = true; return nullptr; }
        if ((v = (*it)->find(parts[0]))) break;
    }
    for (size_t i = 1; v && i < parts.size(); ++i) v = v->find(parts[i]);
    return v;
}

// The digit lint. A figure in a paper should come from data, so a number typed into a
// template's prose is a warning. Not counted as figures: years (1900-2099), financial
// years (2019/20), a day of the month before a month name (7 November), digits joined
// to letters (Q2, 1st, 12A), and any line that carries the comment {{! literal numbers }}
// (a scale or a statute, say).
void lint_digits(const TemplateSource& src, const std::vector<std::pair<size_t, size_t>>& literal, Diagnostics& diags,
                 std::set<std::string>& reported) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    const std::string& t = src.text;
    auto is_alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (const auto& [from, to] : literal) {
        size_t i = from;
        while (i < to) {
            if (!std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; continue; }
            size_t j = i;
            while (j < to && (std::isdigit(static_cast<unsigned char>(t[j])) ||
                              ((t[j] == ',' || t[j] == '.') && j + 1 < to && std::isdigit(static_cast<unsigned char>(t[j + 1])))))
                ++j;
            const std::string num = t.substr(i, j - i);
            const size_t line_start = t.rfind('\n', i) == std::string::npos ? 0 : t.rfind('\n', i) + 1;
            const size_t line_end = std::min(t.find('\n', i), t.size());
            const std::string line = t.substr(line_start, line_end - line_start);
            bool exempt = line.find("{{! literal numbers }}") != std::string::npos;
            exempt = exempt || (i > 0 && is_alpha(t[i - 1])) || (j < t.size() && is_alpha(t[j]));
            const bool year = num.size() == 4 && (num.rfind("19", 0) == 0 || num.rfind("20", 0) == 0);
            exempt = exempt || year;
            // 2019/20: the two digits after a year's slash
            exempt = exempt || (num.size() == 2 && i >= 5 && t[i - 1] == '/' && std::isdigit(static_cast<unsigned char>(t[i - 2])));
            if (!exempt && num.size() <= 2 && j + 1 < t.size() && t[j] == ' ')
                for (const char* m : months) exempt = exempt || t.compare(j + 1, std::strlen(m), m) == 0;
            if (!exempt && (line_start == i || t[line_start] == '@')) exempt = t[line_start] == '@';  // directives
            if (!exempt) {
                const SourcePos p = at(src, i);
                if (reported.insert(p.str()).second)
                    diags.warning(p, "the number '" + num + "' is typed into the template; a figure should come from "
                                                           "the data (see README, \"Narrative templates\")");
            }
            i = j;
        }
    }
}

// Whether a section's body renders for this data (Mustache's truthiness).
bool section_renders(const TValue& v, bool inverted) {
    bool truthy = true;
    switch (v.kind) {
        case TValue::Kind::flag: truthy = v.flag; break;
        case TValue::Kind::list: truthy = !v.items.empty(); break;
        case TValue::Kind::text: truthy = !v.text.empty(); break;
        case TValue::Kind::object:
        case TValue::Kind::helper: truthy = true; break;
    }
    return inverted ? !truthy : truthy;
}

// "m1 or m3" for a unit: the helpers that print it faithfully.
std::string helpers_for(const std::string& unit) {
    std::string out;
    for (const auto& h : helpers())
        if (std::find(h.units.begin(), h.units.end(), unit) != h.units.end()) out += (out.empty() ? "" : " or ") + h.name;
    return out;
}

struct Checker {
    const PartialFinder& partials;
    Diagnostics& diags;
    std::map<std::string, std::string> used_partials;
    int depth = 0;
    std::set<std::string> linted;  // positions already warned about
    // Per open section, across partials: whether its body renders for this data (a
    // refused value is an error only where it would print), and the innermost helper
    // section it is in (nullptr: none).
    std::vector<bool> live{true};
    std::vector<const Helper*> helper_open{nullptr};

    // A value printed inside a helper must be a raw figure in a unit the helper prints
    // faithfully: given £m, `pounds` would print a different number.
    bool check_helper_input(const std::string& name, const TValue& v, const SourcePos& where) {
        const Helper* h = helper_open.back();
        if (v.unit.empty()) {
            diags.error(where, "helper '" + h->name + "' is given '" + name + "', which is formatted text; give it a raw figure (raw....)");
            return false;
        }
        if (std::find(h->units.begin(), h->units.end(), v.unit) != h->units.end()) return true;
        const std::string fits = helpers_for(v.unit);
        diags.error(where, "helper '" + h->name + "' prints " + h->rule + ", but '" + name + "' is in " + v.unit +
                               (fits.empty() ? std::string("; no helper prints that unit") : "; use " + fits));
        return false;
    }

    bool check(const TemplateSource& src, std::vector<const TValue*>& stack) {
        if (++depth > 20) {
            diags.error(src.origin, "partials include each other too deeply (a partial including itself?)");
            return false;
        }
        if (auto bad = first_bad_character(src.text, true)) {
            diags.error(at(src, bad->offset), "template " + src.name + " holds " + bad->description);
            --depth;
            return false;
        }
        bool ok = true;
        std::vector<std::pair<std::string, size_t>> open;  // section name, offset
        const std::string& t = src.text;
        std::vector<std::pair<size_t, size_t>> literal;  // text outside tags
        size_t i = 0, text_from = 0;
        while ((i = t.find("{{", i)) != std::string::npos) {
            literal.push_back({text_from, i});
            const bool triple = t.compare(i, 3, "{{{") == 0;
            const size_t close = t.find(triple ? "}}}" : "}}", i);
            if (close == std::string::npos) {
                diags.error(at(src, i), "unclosed tag: '{{' without '}}'");
                return false;
            }
            std::string body = t.substr(i + (triple ? 3 : 2), close - i - (triple ? 3 : 2));
            const size_t tag_at = i;
            i = close + (triple ? 3 : 2);
            text_from = i;
            char sigil = body.empty() ? ' ' : body[0];
            if (triple) sigil = '&';
            else if (std::string("#^/>!&=").find(sigil) != std::string::npos) body = body.substr(1);
            else sigil = ' ';
            const std::string name = trim(body);
            if (sigil == '!') continue;
            if (sigil == '=') {
                diags.error(at(src, tag_at), "changing the Mustache delimiters is not supported");
                ok = false;
                continue;
            }
            if (name.empty()) {
                diags.error(at(src, tag_at), "empty tag");
                ok = false;
                continue;
            }
            if (sigil == '/') {
                if (open.empty() || open.back().first != name) {
                    diags.error(at(src, tag_at), open.empty() ? "'{{/" + name + "}}' closes a section that was never opened"
                                                              : "'{{/" + name + "}}' closes section '" + open.back().first +
                                                                    "', opened at " + at(src, open.back().second).str());
                    return false;
                }
                open.pop_back();
                stack.pop_back();
                live.pop_back();
                helper_open.pop_back();
                continue;
            }
            if (sigil == '>') {
                auto p = partials(name);
                if (!p) {
                    diags.error(at(src, tag_at), "no partial named '" + name + "'");
                    ok = false;
                    continue;
                }
                used_partials[name] = p->text;
                ok = check(*p, stack) && ok;
                continue;
            }
            bool unknown = false;
            const TValue* v = resolve(name, stack, unknown);
            if (!v && !unknown) {
                diags.error(at(src, tag_at), "unknown name '" + name + "'" + suggest(name, stack));
                ok = false;
            }
            if (sigil == '#' || sigil == '^') {
                // Rendering nested sections costs time and memory that grow with the
                // square of their depth in kainjow; no paper needs more than a few.
                if (open.size() >= kMaxSectionDepth) {
                    diags.error(at(src, tag_at), "sections are nested more than " + std::to_string(kMaxSectionDepth) + " deep");
                    return false;
                }
                open.push_back({name, tag_at});
                live.push_back(live.back() && (!v || section_renders(*v, sigil == '^')));
                helper_open.push_back(v && v->kind == TValue::Kind::helper && sigil == '#' ? find_helper(v->text) : helper_open.back());
                const TValue* next = stack.back();
                if (v && sigil == '#') {
                    if (v->kind == TValue::Kind::object) next = v;
                    else if (v->kind == TValue::Kind::list) next = v->items.empty() ? nullptr : &v->items.front();
                }
                if (unknown) next = nullptr;
                stack.push_back(next);
            } else if (v && v->kind == TValue::Kind::helper) {
                diags.error(at(src, tag_at), "'" + name + "' is a formatting helper; use it round a value: {{#" + name +
                                                 "}}{{raw....}}{{/" + name + "}}");
                ok = false;
            } else if (v && v->kind == TValue::Kind::text && !v->refusal.empty() && live.back()) {
                diags.error(at(src, tag_at), "'" + name + "' " + v->refusal);
                ok = false;
            } else if (v && v->kind == TValue::Kind::text && helper_open.back() && live.back()) {
                ok = check_helper_input(name, *v, at(src, tag_at)) && ok;
            } else if (v && v->kind != TValue::Kind::text) {
                diags.error(at(src, tag_at), "'" + name + "' is a " +
                                                 (v->kind == TValue::Kind::list ? "list" : v->kind == TValue::Kind::flag ? "flag" : "group of names") +
                                                 ", not text; use it as a section {{#" + name + "}}...{{/" + name + "}}");
                ok = false;
            }
        }
        if (!open.empty()) {
            diags.error(at(src, open.back().second), "section '" + open.back().first + "' is never closed");
            return false;
        }
        literal.push_back({text_from, t.size()});
        if (!src.name.empty() && src.name.front() != '!') lint_digits(src, literal, diags, linted);
        --depth;
        return ok;
    }
};

// Data as the prose receives it: on one line, and (when marked) bracketed as data.
std::string as_data(const std::string& text, bool mark) {
    if (!mark) return text;
    std::string out = kDataOpen;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') {
            out += text[i];
            continue;
        }
        // A run of line ends (a paragraph break in the data) is one space.
        while (i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) ++i;
        out += ' ';
    }
    return out + kDataClose;
}

mu::data to_kainjow(const TValue& v, std::vector<std::string>* helper_errors, bool mark) {
    switch (v.kind) {
        case TValue::Kind::helper: {
            const std::string name = v.text;
            return mu::data(mu::lambda2{[name, helper_errors](const std::string& text, const mu::renderer& render) {
                const std::string input = strip_data_marks(render(text));
                if (auto out = apply_helper(name, input)) return *out;
                helper_errors->push_back("helper '" + name + "' was given '" + input + "', which it cannot format");
                return std::string();
            }});
        }
        case TValue::Kind::text: return mu::data(as_data(v.text, mark));
        case TValue::Kind::flag: return v.flag ? mu::data(mu::data::type::bool_true) : mu::data(mu::data::type::bool_false);
        case TValue::Kind::list: {
            mu::data l(mu::data::type::list);
            for (const auto& item : v.items) l.push_back(to_kainjow(item, helper_errors, mark));
            return l;
        }
        case TValue::Kind::object: {
            mu::data o(mu::data::type::object);
            for (const auto& kv : v.fields) o.set(kv.first, to_kainjow(kv.second, helper_errors, mark));
            return o;
        }
    }
    return mu::data();
}

}  // namespace

struct TemplateContext::Impl {
    std::vector<std::string> helper_errors;  // the helpers' lambdas hold its address
    mu::data ctx;
    std::set<std::string> partials;          // already in ctx
};

std::string strip_data_marks(std::string s) {
    for (const std::string* mark : {&kDataOpen, &kDataClose})
        for (size_t at = s.find(*mark); at != std::string::npos; at = s.find(*mark, at)) s.erase(at, mark->size());
    return s;
}

TemplateContext::TemplateContext(const TValue& data, bool mark_data)
    : data_(data), mark_data_(mark_data), impl_(std::make_unique<Impl>()) {
    impl_->ctx = to_kainjow(data, &impl_->helper_errors, mark_data);
}

TemplateContext::~TemplateContext() = default;

std::optional<std::string> render_template(const TemplateSource& src, TemplateContext& context,
                                           const PartialFinder& partials, Diagnostics& diags) {
    Checker checker{partials, diags, {}, 0, {}, {true}, {nullptr}};
    std::vector<const TValue*> stack{&context.data()};
    if (!checker.check(src, stack)) return std::nullopt;
    // Parsed templates are kept by their text: compose renders each template twice, and
    // a batch worker renders the same house style for report after report. A template
    // whose render failed is dropped, since kainjow keeps the error in the object.
    static std::unordered_map<std::string, std::unique_ptr<mu::mustache>> parsed;
    if (parsed.size() > 512) parsed.clear();  // a bound for batches of many programmes
    std::unique_ptr<mu::mustache>& slot = parsed[src.text];
    if (!slot) {
        slot = std::make_unique<mu::mustache>(src.text);
        slot->set_custom_escape([](const std::string& s) { return s; });  // PDF text, not HTML
    }
    mu::mustache& tmpl = *slot;
    if (!tmpl.is_valid()) {
        diags.error(src.origin, "template " + src.name + ": " + tmpl.error_message());
        parsed.erase(src.text);
        return std::nullopt;
    }
    TemplateContext::Impl& c = *context.impl_;
    // A partial stays in the shared context once added: the checker has refused any
    // template that names something the data lacks, so no other template can meet it.
    // A partial named like a data field would hide the field: that one gets a context
    // of its own.
    std::unique_ptr<TemplateContext> own;
    for (const auto& [name, text] : checker.used_partials)
        if (context.data().find(name) && !own) own = std::make_unique<TemplateContext>(context.data(), context.mark_data_);
    TemplateContext::Impl& use = own ? *own->impl_ : c;
    for (const auto& [name, text] : checker.used_partials) {
        if (!own && use.partials.count(name)) continue;
        const std::string body = text;
        use.ctx.set(name, mu::partial{[body] { return body; }});
        use.partials.insert(name);
    }
    use.helper_errors.clear();
    std::string out = tmpl.render(use.ctx);
    if (!tmpl.is_valid()) {
        diags.error(src.origin, "template " + src.name + ": " + tmpl.error_message());
        parsed.erase(src.text);
        return std::nullopt;
    }
    for (const auto& e : use.helper_errors) diags.error(src.origin, "template " + src.name + ": " + e);
    if (!use.helper_errors.empty()) return std::nullopt;
    return out;
}

std::optional<std::string> render_template(const TemplateSource& src, const TValue& data,
                                           const PartialFinder& partials, Diagnostics& diags) {
    TemplateContext context(data);
    return render_template(src, context, partials, diags);
}

std::vector<MarkupBlock> parse_markup(const std::string& rendered) {
    std::vector<MarkupBlock> blocks;
    std::vector<std::string> lines;
    std::stringstream ss(rendered);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
    lines.push_back("");  // flush the last block
    std::vector<std::string> cur;
    auto data_first = [](const std::string& line) { return line.rfind(kDataOpen, 0) == 0; };
    auto flush = [&] {
        if (cur.empty()) return;
        MarkupBlock b;
        const std::string first = trim(cur[0]);
        const size_t hashes = first.find_first_not_of('#');
        // Data at the start of a block is text: no heading, directive or placement.
        const bool markup = !data_first(first);
        if (markup && hashes >= 1 && hashes <= 3 && hashes < first.size() && first[hashes] == ' ') {
            b.kind = MarkupBlock::Kind::heading;
            b.level = static_cast<int>(hashes);
            b.text = trim(first.substr(hashes + 1));
        } else if (markup && (first.rfind("@table ", 0) == 0 || first.rfind("@figure ", 0) == 0)) {
            b.kind = first[1] == 't' ? MarkupBlock::Kind::table : MarkupBlock::Kind::figure;
            b.text = trim(first.substr(first.find(' ')));
        } else if (markup && (first == "@image" || first.rfind("@image ", 0) == 0)) {
            b.kind = MarkupBlock::Kind::image;
            b.text = trim(first.substr(6));
        } else if (markup && first.rfind("@", 0) == 0) {
            b.kind = MarkupBlock::Kind::directive;
            b.text = trim(first.substr(1));
        } else {
            std::string* target = &b.text;
            for (const auto& raw : cur) {
                const std::string line = trim(raw);
                if (data_first(line)) *target += (target->empty() ? "" : " ") + line;
                else if (line.rfind("- ", 0) == 0) { b.items.push_back(trim(line.substr(2))); target = &b.items.back(); }
                else if (line.rfind("* ", 0) == 0) { b.bullets.push_back(trim(line.substr(2))); target = &b.bullets.back(); }
                else *target += (target->empty() ? "" : " ") + line;
            }
            if (b.text.size() > 4 && b.text.rfind("**", 0) == 0 && b.text.compare(b.text.size() - 2, 2, "**") == 0) {
                b.bold = true;
                b.text = b.text.substr(2, b.text.size() - 4);
            }
        }
        b.text = strip_data_marks(b.text);
        for (auto& x : b.items) x = strip_data_marks(x);
        for (auto& x : b.bullets) x = strip_data_marks(x);
        blocks.push_back(b);
        cur.clear();
    };
    // A heading or a directive is a line of its own, blank line or not: the lines after
    // it start the next block (they were once swallowed into it and lost).
    auto own_line = [&](const std::string& line) {
        const std::string t = trim(line);
        if (t.empty() || data_first(t)) return false;
        const size_t hashes = t.find_first_not_of('#');
        return t[0] == '@' || (hashes >= 1 && hashes <= 3 && hashes < t.size() && t[hashes] == ' ');
    };
    for (const auto& l : lines) {
        if (trim(l).empty()) {
            flush();
        } else if (own_line(l)) {
            flush();
            cur.push_back(l);
            flush();
        } else {
            cur.push_back(l);
        }
    }
    return blocks;
}

}  // namespace bp::compose
