// The report spec: which committee, which narrative, which tables and figures.
#include <algorithm>

#include "load/loaders.hpp"

namespace bp::load {
namespace {

std::vector<Text> read_texts(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    std::vector<Text> out;
    read_list(ctx, n, what, [&](const YAML::Node& x) {
        if (auto t = read_text(ctx, x, what)) out.push_back(*t);
    });
    return out;
}

}  // namespace

// A chart of a declared table, as a report spec's figure declares it.
ChartDecl read_chart(const Ctx& ctx, const Obj& s) {
    ChartDecl c;
    c.pos = s.pos();
    if (auto t = field(s, "table", read_text)) c.table = t->value;
    c.kind = "column";
    if (auto k = field(s, "kind", [](const Ctx& x, const YAML::Node& n, const std::string& w) {
            return read_enum(x, n, w, {"column", "stacked_column", "bar", "line", "radar"});
        }))
        c.kind = k->value;
    if (auto f = field(s, "series_from", [](const Ctx& x, const YAML::Node& n, const std::string& w) {
            return read_enum(x, n, w, {"rows", "columns"});
        }))
        c.series_are_columns = f->value == "columns";
    auto names = [&](const std::string& key) {
        std::vector<std::string> out;
        if (s.has(key))
            read_list(ctx, s.get(key), key, [&](const YAML::Node& n) {
                if (auto t = read_text(ctx, n, key)) out.push_back(t->value);
            });
        return out;
    };
    c.series = names("series");
    c.series_names = names("series_names");
    c.categories = names("categories");
    if (s.has("series_names") && c.series_names.size() != c.series.size())
        ctx.error(s.get("series_names"), "'series_names' has " + std::to_string(c.series_names.size()) +
                                             " names for " + std::to_string(c.series.size()) + " series");
    if (auto a = field(s, "axis", read_text)) c.axis_title = a->value;
    if (auto d = field(s, "decimals", read_count)) c.decimals = static_cast<int>(std::min<long long>(d->value, 6));
    return c;
}

ReportSpec load_report_spec(const Ctx& ctx, const YAML::Node& root) {
    ReportSpec r;
    Obj o(ctx, root, "report");
    r.pos = o.pos();
    if (!root.IsMap()) return r;
    if (auto v = field(o, "boardpack", read_count); v && v->value != 1)
        ctx.error(o.get("boardpack"), "this is boardpack format " + std::to_string(v->value) +
                                          "; this version of boardpack reads format 1");
    if (auto t = field(o, "id", read_text)) r.id = *t;
    // A built-in style or a style folder beside the report: style/load_style.cpp finds it.
    if (auto t = field(o, "style", read_text)) r.style = *t;
    if (auto t = field(o, "committee", read_text)) r.committee = *t;
    if (auto d = field(o, "meeting_date", read_date)) r.meeting_date = *d;
    if (auto t = field(o, "title", read_text)) r.title = *t;
    if (auto t = field(o, "report_of", read_text)) r.report_of = *t;
    if (auto t = field(o, "local_members_interest", read_text)) r.local_members_interest = *t;
    if (o.has("cabinet_member")) {
        Obj cm(ctx, o.get("cabinet_member"), "cabinet_member");
        if (auto t = field(cm, "name", read_text)) r.cabinet_member = *t;
        if (auto t = field(cm, "role", read_text)) r.cabinet_member_role = *t;
        if (auto t = field(cm, "quote", read_text)) r.quote_template = *t;
    }
    if (auto t = field(o, "summary", read_text)) r.summary_template = *t;
    if (o.has("recommendations")) r.recommendations = read_texts(ctx, o.get("recommendations"), "recommendations");
    if (o.has("sections"))
        read_list(ctx, o.get("sections"), "sections", [&](const YAML::Node& x) {
            Obj s(ctx, x, "section");
            if (!s.ok()) return;
            SectionSpec sec;
            sec.pos = s.pos();
            sec.heading = field(s, "heading", read_text).value_or(Text{});
            sec.template_name = field(s, "template", read_text).value_or(Text{});
            r.sections.push_back(sec);
        });
    if (o.has("tables"))
        read_list(ctx, o.get("tables"), "tables", [&](const YAML::Node& x) {
            Obj s(ctx, x, "table");
            if (!s.ok()) return;
            auto id = field(s, "id", read_text);
            if (!id) return;
            // The source defaults to the id: a data file's table placed by its own name.
            Text src = field(s, "source", read_text).value_or(*id);
            TableSpec t{*id, src, field(s, "caption", read_text).value_or(Text{}), {}, {}, {}, s.pos()};
            auto labels = [&](const std::string& key) {
                std::vector<std::pair<Text, Text>> out;
                const YAML::Node m = s.get(key);
                if (!m.IsDefined()) return out;
                if (!m.IsMap()) {
                    ctx.error(m, "'" + key + "' maps ids to labels, e.g. {closures: Families turned around}");
                    return out;
                }
                for (const auto& kv : m) {
                    auto k = read_text(ctx, kv.first, key), v = read_text(ctx, kv.second, key);
                    if (k && v) out.push_back({*k, *v});
                }
                return out;
            };
            t.row_labels = labels("rows");
            t.column_labels = labels("columns");
            if (s.has("rounding")) t.rounding = read_enum(ctx, s.get("rounding"), "rounding", {"exact", "displayed"}).value_or(Text{});
            r.tables.push_back(t);
        });
    if (o.has("figures"))
        read_list(ctx, o.get("figures"), "figures", [&](const YAML::Node& x) {
            Obj s(ctx, x, "figure");
            if (!s.ok()) return;
            auto id = field(s, "id", read_text), src = field(s, "source", read_text);
            auto cap = field(s, "caption", read_text), alt = field(s, "alt", read_text);
            auto table = field(s, "table", read_text);
            if (src && table) ctx.error(s.get("table"), "a figure takes either 'source' (a kind's chart) or 'table', not both");
            if (!src && !table) {
                ctx.error(x, "a figure needs 'table' (the declared table it charts) or 'source' (a kind's chart)");
                return;
            }
            if (!id || !cap || !alt) return;
            FigureSpec f{*id, src.value_or(Text{}), {}, *cap, *alt, field(s, "data_table", read_text).value_or(Text{}), s.pos()};
            if (table) f.chart = read_chart(ctx, s);
            r.figures.push_back(f);
        });
    if (o.has("appendices"))
        read_list(ctx, o.get("appendices"), "appendices", [&](const YAML::Node& x) {
            Obj s(ctx, x, "appendix");
            if (!s.ok()) return;
            AppendixSpec a;
            a.pos = s.pos();
            a.title = field(s, "title", read_text).value_or(Text{});
            if (auto t = field(s, "template", read_text)) a.template_name = *t;
            if (auto t = field(s, "about", read_text)) a.about = *t;
            if (s.has("tables")) a.tables = read_texts(ctx, s.get("tables"), "tables");
            if (s.has("figures")) a.figures = read_texts(ctx, s.get("figures"), "figures");
            r.appendices.push_back(a);
        });
    if (o.has("scrutiny_links")) r.scrutiny_links = read_texts(ctx, o.get("scrutiny_links"), "scrutiny_links");
    if (o.has("background_documents"))
        r.background_documents = read_texts(ctx, o.get("background_documents"), "background_documents");
    if (o.has("contacts"))
        read_list(ctx, o.get("contacts"), "contacts", [&](const YAML::Node& x) {
            Obj s(ctx, x, "contact");
            if (!s.ok()) return;
            Contact c;
            c.pos = s.pos();
            c.role = field(s, "role", read_text).value_or(Text{});
            c.name = field(s, "name", read_text).value_or(Text{});
            if (auto t = field(s, "title", read_text)) c.title = *t;
            if (auto t = field(s, "phone", read_text)) c.phone = *t;
            if (auto t = field(s, "email", read_text)) c.email = *t;
            r.contacts.push_back(c);
        });
    if (o.has("data")) r.data_files = read_texts(ctx, o.get("data"), "data");
    if (auto n = field(o, "contents_after_pages", read_count)) r.contents_after_pages = n->value;
    if (o.has("html")) r.html = read_flag(ctx, o.get("html"), "html");
    if (o.has("rounding")) r.rounding = read_enum(ctx, o.get("rounding"), "rounding", {"exact", "displayed"}).value_or(Text{});
    if (o.has("previous")) {
        // previous: FILE, or {figures: FILE, report: ID} for a report of another id.
        const YAML::Node n = o.get("previous");
        r.previous.pos = ctx.pos(n);
        if (n.IsMap()) {
            Obj p(ctx, n, "previous");
            if (auto t = field(p, "figures", read_text)) r.previous.figures = *t;
            if (auto t = field(p, "report", read_text)) r.previous.report = *t;
        } else if (auto t = read_text(ctx, n, "previous")) {
            r.previous.figures = *t;
            if (t->value.empty())
                ctx.error(n, "'previous' names the previous report's figures file (<id>.figures.json), or is "
                             "{figures: FILE, report: ID}");
        }
    }
    if (o.has("workbook")) {
        Obj w(ctx, o.get("workbook"), "workbook");
        if (w.ok()) {
            if (auto t = field(w, "description", read_text)) r.workbook.description = *t;
            if (auto t = field(w, "coverage", read_text)) r.workbook.coverage = *t;
            if (auto t = field(w, "period", read_text)) r.workbook.period = *t;
            if (w.has("numbers"))
                r.workbook.numbers = read_enum(ctx, w.get("numbers"), "numbers", {"plain", "accounting"}).value_or(Text{});
        }
    }
    return r;
}

}  // namespace bp::load
