// The report spec: which committee, which narrative, which tables and figures.
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

ReportSpec load_report_spec(const Ctx& ctx, const YAML::Node& root) {
    ReportSpec r;
    Obj o(ctx, root, "report");
    r.pos = o.pos();
    if (!root.IsMap()) return r;
    if (auto v = field(o, "boardpack", read_count); v && v->value != 1)
        ctx.error(o.get("boardpack"), "this is boardpack format " + std::to_string(v->value) +
                                          "; this version of boardpack reads format 1");
    if (auto t = field(o, "id", read_text)) r.id = *t;
    if (auto t = field(o, "style", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
            return read_enum(c, x, w, {"cabinet", "select_committee"});
        }))
        r.style = *t;
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
            auto id = field(s, "id", read_text), src = field(s, "source", read_text), cap = field(s, "caption", read_text);
            if (id && src && cap) r.tables.push_back(TableSpec{*id, *src, *cap, s.pos()});
        });
    if (o.has("figures"))
        read_list(ctx, o.get("figures"), "figures", [&](const YAML::Node& x) {
            Obj s(ctx, x, "figure");
            if (!s.ok()) return;
            auto id = field(s, "id", read_text), src = field(s, "source", read_text);
            auto cap = field(s, "caption", read_text), alt = field(s, "alt", read_text);
            if (id && src && cap && alt)
                r.figures.push_back(FigureSpec{*id, *src, *cap, *alt, field(s, "data_table", read_text).value_or(Text{}), s.pos()});
        });
    if (o.has("appendices"))
        read_list(ctx, o.get("appendices"), "appendices", [&](const YAML::Node& x) {
            Obj s(ctx, x, "appendix");
            if (!s.ok()) return;
            AppendixSpec a;
            a.pos = s.pos();
            a.title = field(s, "title", read_text).value_or(Text{});
            if (auto t = field(s, "template", read_text)) a.template_name = *t;
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
    return r;
}

}  // namespace bp::load
