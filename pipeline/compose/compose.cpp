#include "compose/compose.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <cstdlib>
#include <set>
#include <sstream>

#include "compose/narrative.hpp"
#include "compose/tables.hpp"
#include "compose/template_data.hpp"
#include "core/confine.hpp"
#include "core/image.hpp"
#include "core/suggest.hpp"

namespace fs = std::filesystem;

namespace bp::compose {

std::vector<std::string> template_folders(const Programme& prog, const Options& opts, const style::HouseStyle& style) {
    std::vector<std::string> out{(fs::path(prog.spec.dir) / "templates").string()};
    out.insert(out.end(), style.folders.begin(), style.folders.end());
    out.push_back((fs::path(opts.templates_root) / "common").string());
    return out;
}

std::string find_template(const std::vector<std::string>& folders, const std::string& name, std::string* problem) {
    // Own folder first, then the house style and those it extends, then the shared
    // templates; each read only as the confinement rule allows (core/confine.hpp).
    for (const std::string& dir : folders) {
        const ConfinedFile f = confined_file(dir, name + ".mustache");
        if (!f.problem.empty()) {
            if (problem) *problem = f.problem;
            return "";
        }
        if (f.path) return *f.path;
    }
    return "";
}

namespace {

std::string weekday(const Date& d) {
    static const char* names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = d.year - (d.month < 3 ? 1 : 0);
    return names[(y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7];
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Where a line of markup was written: the `nth` line (from 1) of the template that
// reads `line` (trimmed), else the template's first line. Blocks are parsed from
// rendered text, which has no positions; a directive is almost always typed as it is.
SourcePos line_in(const std::string& path, const std::string& line, int nth = 1) {
    SourcePos p{std::make_shared<const std::string>(path), 1, 1};
    std::istringstream in(read_file(path));
    int n = 0;
    for (std::string l; std::getline(in, l);) {
        ++n;
        const size_t a = l.find_first_not_of(" \t"), b = l.find_last_not_of(" \t\r");
        if (a != std::string::npos && l.compare(a, b - a + 1, line) == 0 && --nth == 0) {
            p.line = n;
            p.col = static_cast<int>(a) + 1;
            return p;
        }
    }
    return p;
}

// Everything rendered from templates, in reading order, before it becomes blocks.
struct Narrative {
    std::vector<std::string> quote, summary, recommendations;
    std::vector<std::vector<MarkupBlock>> sections, appendices;
    std::vector<std::string> section_paths, appendix_paths;  // the template each came from
    std::vector<MarkupBlock> skeleton;  // the house style's report.mustache, rendered
    std::string skeleton_path;
};

class Composer {
public:
    Composer(const Programme& p, const TableSet& t, const TValue& n, const Options& o, Diagnostics& d, TValue* names)
        : names_out_(names), prog_(p), set_(t), named_(n), opts_(o), diags_(d),
          style_(style::load_style(p.spec.style, p.spec.dir, o.templates_root, d)),
          folders_(template_folders(p, o, style_)) {}

    std::optional<doc::Document> run();

private:
    TValue* names_out_;
    const Programme& prog_;
    const TableSet& set_;
    const TValue& named_;
    const Options& opts_;
    Diagnostics& diags_;
    const style::HouseStyle style_;
    const std::vector<std::string> folders_;  // where templates are looked up, in order
    std::map<std::string, doc::Table> tables_;
    std::map<std::string, doc::Figure> figures_;
    std::map<std::string, SourcePos> declared_at_;
    std::map<std::string, std::string> data_table_of_;  // figure id -> table id
    mutable std::set<std::string> templates_used_;       // every template file read
    // Each template looked up and read once per report: a partial is met by the
    // checker and by both renders of every template that names it, and each look-up
    // resolves its path under the confinement rule (a readlink per folder on the way).
    struct Found {
        std::string path, problem, text;
    };
    mutable std::map<std::string, Found> found_;
    const Found& locate(const std::string& name) const;
    std::vector<std::string> placed_;  // ids in reading order
    int next_para_ = 1;

    void build_tables();
    void build_figures();
    std::vector<std::string> template_texts() const;

    std::optional<Narrative> render_all(const TValue& data, Diagnostics& diags);
    std::optional<std::string> render_inline(const Text& t, const std::string& name, TemplateContext& data, Diagnostics& diags);
    std::optional<std::string> render_named(const Text& name, TemplateContext& data, Diagnostics& diags);
    void collect_placements(const Narrative& n);
    void emit_markup(doc::Document& d, const std::vector<MarkupBlock>& blocks, bool numbered, const std::string& origin);
    void emit_table(doc::Document& d, const std::string& id);
    void emit_figure(doc::Document& d, const std::string& id);
    // "@image FILE alt=\"...\" [width=NNmm]", read and checked; nullopt after an error.
    std::optional<doc::Picture> picture_of(const std::string& spec, const std::string& origin);
    TValue with_style(TValue data) const;
    TValue report_data(const Narrative& n) const;
    void emit_skeleton(doc::Document& d, const Narrative& n);
    PartialFinder partials() const;
    std::string spec_path() const { return prog_.input_files.empty() ? prog_.spec.dir : prog_.input_files.front(); }
};

const Composer::Found& Composer::locate(const std::string& name) const {
    auto it = found_.find(name);
    if (it != found_.end()) return it->second;
    Found f;
    f.path = find_template(folders_, name, &f.problem);
    if (!f.path.empty()) f.text = read_file(f.path);
    return found_.emplace(name, std::move(f)).first->second;
}

PartialFinder Composer::partials() const {
    return [this](const std::string& name) -> std::optional<TemplateSource> {
        const Found& f = locate(name);
        if (f.path.empty() || !f.problem.empty()) return std::nullopt;
        templates_used_.insert(f.path);
        return TemplateSource{name, f.text, SourcePos{std::make_shared<const std::string>(f.path), 1, 1}};
    };
}

std::optional<std::string> Composer::render_inline(const Text& t, const std::string& name, TemplateContext& data,
                                                   Diagnostics& diags) {
    return render_template(TemplateSource{name, t.value, t.pos}, data, partials(), diags);
}

std::optional<std::string> Composer::render_named(const Text& name, TemplateContext& data, Diagnostics& diags) {
    const Found& found = locate(name.value);
    const std::string& path = found.path;
    if (!found.problem.empty()) {
        diags.error(name.pos, "template '" + name.value + "' " + found.problem);
        return std::nullopt;
    }
    if (path.empty()) {
        std::string looked;
        for (size_t i = 0; i < folders_.size(); ++i)
            looked += (i == 0 ? "" : i + 1 == folders_.size() ? " and " : ", ") + folders_[i];
        diags.error(name.pos, "no template named '" + name.value + "' (looked in " + looked + ")");
        return std::nullopt;
    }
    templates_used_.insert(path);
    TemplateSource src{name.value, found.text, SourcePos{std::make_shared<const std::string>(path), 1, 1}};
    return render_template(src, data, partials(), diags);
}

std::optional<Narrative> Composer::render_all(const TValue& values, Diagnostics& diags) {
    TemplateContext data(values, /*mark_data=*/true);
    Narrative n;
    const ReportSpec& r = prog_.spec;
    const size_t errors_before = diags.error_count();
    auto paragraphs = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& b : parse_markup(text)) out.push_back(b.text);
        return out;
    };
    if (!r.quote_template.value.empty())
        if (auto s = render_inline(r.quote_template, "quote", data, diags)) n.quote = paragraphs(*s);
    if (!r.summary_template.value.empty())
        if (auto s = render_inline(r.summary_template, "summary", data, diags)) n.summary = paragraphs(*s);
    for (const auto& rec : r.recommendations)
        if (auto s = render_inline(rec, "recommendation", data, diags)) {
            auto p = paragraphs(*s);
            std::string joined;
            for (const auto& x : p) joined += (joined.empty() ? "" : " ") + x;
            n.recommendations.push_back(joined);
        }
    for (const auto& sec : r.sections) {
        auto s = render_named(sec.template_name, data, diags);
        n.sections.push_back(s ? parse_markup(*s) : std::vector<MarkupBlock>{});
        n.section_paths.push_back(locate(sec.template_name.value).path);
    }
    for (const auto& app : r.appendices) {
        std::vector<MarkupBlock> blocks;
        if (!app.template_name.value.empty()) {
            // A shared template written once for many subjects ("the Star appendix")
            // sees its appendix's subject as about.*: pilot.cannock.star.edition as
            // about.star.edition.
            std::optional<TValue> with_about;
            if (!app.about.value.empty()) {
                const TValue* subject = &values;
                std::string part;
                for (std::istringstream parts(app.about.value); subject && std::getline(parts, part, '.');) subject = subject->find(part);
                if (!subject || subject->kind != TValue::Kind::object) {
                    diags.error(app.about.pos, "'about: " + app.about.value + "' names no group of figures (such as pilot.cannock)");
                } else {
                    with_about = values;
                    with_about->fields["about"] = *subject;
                }
            }
            if (!app.about.value.empty() && !with_about) {
                // reported above
            } else if (with_about) {
                TemplateContext about_data(*with_about, /*mark_data=*/true);
                if (auto s = render_named(app.template_name, about_data, diags)) blocks = parse_markup(*s);
            } else if (auto s = render_named(app.template_name, data, diags)) {
                blocks = parse_markup(*s);
            }
        }
        for (const auto& t : app.tables) blocks.push_back({MarkupBlock::Kind::table, t.value, {}, {}});
        for (const auto& f : app.figures) blocks.push_back({MarkupBlock::Kind::figure, f.value, {}, {}});
        n.appendices.push_back(blocks);
        n.appendix_paths.push_back(app.template_name.value.empty() ? spec_path() : locate(app.template_name.value).path);
    }
    if (diags.error_count() > errors_before) return std::nullopt;
    // The house style lays the paper out round what was rendered above.
    TValue full = values;
    for (auto& [key, value] : report_data(n).fields) full.fields["report"].fields[key] = value;
    n.skeleton_path = locate("report").path;
    TemplateContext full_context(full, /*mark_data=*/true);
    if (auto s = render_named(Text{"report", r.pos}, full_context, diags)) n.skeleton = parse_markup(*s);
    if (diags.error_count() > errors_before) return std::nullopt;
    return n;
}

namespace {
TValue texts(const std::vector<std::string>& xs) {
    std::vector<TValue> items;
    for (const auto& x : xs) {
        TValue v;
        v.set("text", TValue::str(x));
        items.push_back(v);
    }
    return TValue::list(items);
}
}  // namespace

// What a house style's report.mustache sees under report.*, beside the figures.
TValue Composer::report_data(const Narrative& n) const {
    const ReportSpec& r = prog_.spec;
    TValue d;
    d.set("meeting_day", TValue::str(weekday(r.meeting_date) + " " + r.meeting_date.long_form()));
    d.set("local_members_interest", TValue::str(r.local_members_interest.value.empty() ? "N/A" : r.local_members_interest.value));
    d.set("has_cabinet_member", TValue::boolean(!r.cabinet_member.value.empty()));
    d.set("cabinet_member.name", TValue::str(r.cabinet_member.value));
    d.set("cabinet_member.role", TValue::str(r.cabinet_member_role.value));
    d.set("quote", texts(n.quote));
    d.set("has_quote", TValue::boolean(!n.quote.empty()));
    d.set("summary", texts(n.summary));
    d.set("has_summary", TValue::boolean(!n.summary.empty()));
    d.set("recommendations", texts(n.recommendations));
    d.set("single_recommendation", TValue::boolean(n.recommendations.size() == 1));
    std::vector<std::string> docs;
    for (const auto& b : r.background_documents) docs.push_back(b.value);
    d.set("background_documents", texts(docs));
    d.set("has_background_documents", TValue::boolean(!docs.empty()));
    std::vector<TValue> apps;
    for (size_t i = 0; i < r.appendices.size(); ++i) {
        TValue a;
        a.set("number", TValue::str(std::to_string(i + 1)));
        a.set("title", TValue::str(r.appendices[i].title.value));
        apps.push_back(a);
    }
    d.set("appendices", TValue::list(apps));
    d.set("has_appendices", TValue::boolean(!apps.empty()));
    std::vector<TValue> contacts;
    for (const auto& c : r.contacts) {
        TValue v;
        v.set("role", TValue::str(c.role.value));
        v.set("name", TValue::str(c.name.value));
        v.set("title", TValue::str(c.title.value));
        v.set("phone", TValue::str(c.phone.value));
        v.set("email", TValue::str(c.email.value));
        v.set("has_title", TValue::boolean(!c.title.value.empty()));
        v.set("has_phone", TValue::boolean(!c.phone.value.empty()));
        v.set("has_email", TValue::boolean(!c.email.value.empty()));
        contacts.push_back(v);
    }
    d.set("contacts", TValue::list(contacts));
    d.set("has_contacts", TValue::boolean(!contacts.empty()));
    std::vector<std::string> links;
    for (const auto& l : r.scrutiny_links) links.push_back(l.value);
    d.set("scrutiny_links", texts(links));
    d.set("has_scrutiny_links", TValue::boolean(!links.empty()));
    return d;
}

void Composer::collect_placements(const Narrative& n) {
    std::set<std::string> seen;
    std::map<std::pair<std::string, std::string>, int> times;  // (template, directive): placements so far
    auto walk = [&](const std::vector<MarkupBlock>& blocks, const std::string& path) {
        for (const auto& b : blocks) {
            if (b.kind != MarkupBlock::Kind::table && b.kind != MarkupBlock::Kind::figure) continue;
            const bool is_table = b.kind == MarkupBlock::Kind::table;
            const std::string directive = std::string(is_table ? "@table " : "@figure ") + b.text;
            const int nth = ++times[{path, directive}];
            if (is_table ? !tables_.count(b.text) : !figures_.count(b.text)) {
                diags_.error(line_in(path, directive, nth), std::string("the narrative places ") + (is_table ? "table" : "figure") +
                                                           " '" + b.text + "', which the report spec does not declare");
                continue;
            }
            if (!seen.insert(b.text).second) {
                diags_.error(line_in(path, directive, nth), "'" + b.text + "' is placed twice in the report");
                continue;
            }
            placed_.push_back(b.text);
            // A generated data table follows its figure; a named one is placed by the author.
            if (!is_table && data_table_of_.count(b.text) && !declared_at_.count(data_table_of_[b.text])) {
                placed_.push_back(data_table_of_[b.text]);
                seen.insert(data_table_of_[b.text]);
            }
        }
    };
    for (const auto& b : n.skeleton) {
        if (b.kind == MarkupBlock::Kind::directive && b.text.rfind("sections", 0) == 0)
            for (size_t i = 0; i < n.sections.size(); ++i) walk(n.sections[i], n.section_paths[i]);
        else if (b.kind == MarkupBlock::Kind::directive && b.text == "appendices")
            for (size_t i = 0; i < n.appendices.size(); ++i) walk(n.appendices[i], n.appendix_paths[i]);
        else
            walk({b}, n.skeleton_path);
    }
    int tn = 0, fn = 0;
    for (const auto& id : placed_) {
        if (auto t = tables_.find(id); t != tables_.end()) {
            t->second.number = ++tn;
            t->second.sheet_name = "Table " + std::to_string(tn);
        } else if (auto f = figures_.find(id); f != figures_.end()) {
            f->second.number = ++fn;
        }
    }
    // A placed figure whose data_table is the author's own must find that table placed
    // too, or its "The figures charted are in Table N" would point at nothing.
    for (const auto& f : prog_.spec.figures)
        if (seen.count(f.id.value) && !f.data_table.value.empty() && tables_.count(f.data_table.value) && !seen.count(f.data_table.value))
            diags_.error(f.data_table.pos, "figure '" + f.id.value + "': its data_table '" + f.data_table.value +
                                               "' is never placed, so the figure's data would be in no table; place it with "
                                               "'@table " + f.data_table.value + "', or leave data_table out for a generated one");
    for (const auto& [id, pos] : declared_at_)
        if (!seen.count(id))
            diags_.warning(pos, "'" + id + "' is declared but never placed, so it is not in the report");
}

void Composer::emit_table(doc::Document& d, const std::string& id) {
    auto t = tables_.find(id);
    if (t == tables_.end()) return;
    // A table is placed once (collect_placements refuses a second placement), so its
    // rows move into the document rather than being copied: a 100,000-row table's rows
    // were 250 MB a copy. What else it has stays, for the references that read it.
    std::vector<doc::Row> rows = std::move(t->second.rows);
    t->second.rows.clear();
    d.blocks.push_back(t->second);
    std::get<doc::Table>(d.blocks.back()).rows = std::move(rows);
}

void Composer::emit_figure(doc::Document& d, const std::string& id) {
    auto f = figures_.find(id);
    if (f == figures_.end()) return;
    d.blocks.push_back(f->second);
    const std::string& data = data_table_of_[id];
    if (declared_at_.count(data)) {
        // The author's own table: point to it (the reference becomes a link).
        auto t = tables_.find(data);
        if (t != tables_.end() && t->second.number > 0)  // an unplaced one is an error (collect_placements)
            d.blocks.push_back(doc::Paragraph{0, "The figures charted are in Table " + std::to_string(t->second.number) + ".", {}, {}, false, spec_path()});
    } else {
        emit_table(d, data);
    }
}

std::optional<doc::Picture> Composer::picture_of(const std::string& spec, const std::string& origin) {
    const SourcePos at = line_in(origin, "@image" + std::string(spec.empty() ? "" : " ") + spec);
    const std::string form = "; write @image FILE alt=\"what it shows\" (optionally width=80mm)";
    size_t i = 0;
    auto skip_spaces = [&] { while (i < spec.size() && spec[i] == ' ') ++i; };
    std::string file;
    while (i < spec.size() && spec[i] != ' ') file += spec[i++];
    if (file.empty() || file.find('=') != std::string::npos) {
        diags_.error(at, "@image needs the image file first" + form);
        return std::nullopt;
    }
    std::optional<std::string> alt;
    double width_mm = 0;
    for (skip_spaces(); i < spec.size(); skip_spaces()) {
        const size_t eq = spec.find('=', i);
        const std::string key = eq == std::string::npos ? spec.substr(i) : spec.substr(i, eq - i);
        if (key == "alt" && eq + 1 < spec.size() && spec[eq + 1] == '"') {
            const size_t close = spec.find('"', eq + 2);
            if (close == std::string::npos) {
                diags_.error(at, "@image " + file + ": the alternative text has no closing quote" + form);
                return std::nullopt;
            }
            alt = spec.substr(eq + 2, close - eq - 2);
            i = close + 1;
        } else if (key == "width" && eq != std::string::npos) {
            size_t end = spec.find(' ', eq);
            const std::string v = spec.substr(eq + 1, end == std::string::npos ? std::string::npos : end - eq - 1);
            char* stop = nullptr;
            width_mm = std::strtod(v.c_str(), &stop);
            if (v.size() < 3 || v.compare(v.size() - 2, 2, "mm") != 0 || stop != v.c_str() + v.size() - 2 || width_mm < 5 || width_mm > 400) {
                diags_.error(at, "@image " + file + ": width=" + v + " is not a width from 5mm to 400mm");
                return std::nullopt;
            }
            i = end == std::string::npos ? spec.size() : end;
        } else {
            diags_.error(at, "@image " + file + ": '" + spec.substr(i) + "' is not alt=\"...\" or width=NNmm" + form);
            return std::nullopt;
        }
    }
    if (!alt || std::count_if(alt->begin(), alt->end(), [](char c) { return c != ' '; }) < 3) {
        diags_.error(at, "@image " + file + " has no alternative text: say what the image shows for a reader who cannot see it" + form);
        return std::nullopt;
    }
    std::string ext = fs::path(file).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg") {
        diags_.error(at, "@image " + file + ": an image must be a PNG or JPEG file (.png, .jpg or .jpeg)");
        return std::nullopt;
    }
    // Images are the programme's own: read from its folder under the confinement rule.
    const ConfinedFile f = confined_file(prog_.spec.dir, file);
    if (!f.problem.empty()) {
        diags_.error(at, "@image " + file + " " + f.problem);
        return std::nullopt;
    }
    if (!f.path) {
        diags_.error(at, "@image " + file + " does not exist (looked for " + (fs::path(prog_.spec.dir) / file).string() + ")");
        return std::nullopt;
    }
    const ImageRead img = read_image(*f.path);
    if (!img.image) {
        diags_.error(at, "@image " + file + " " + img.problem);
        return std::nullopt;
    }
    return doc::Picture{file, *alt, img.image, width_mm * 72.0 / 25.4};
}

void Composer::emit_markup(doc::Document& d, const std::vector<MarkupBlock>& blocks, bool numbered,
                           const std::string& origin) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case MarkupBlock::Kind::heading: d.blocks.push_back(doc::Heading{b.level, b.text, origin}); break;
            case MarkupBlock::Kind::directive:
                diags_.error(line_in(origin, "@" + b.text), "'@" + b.text + "' is for a house style's report.mustache, not a section");
                break;
            case MarkupBlock::Kind::image:
                if (auto p = picture_of(b.text, origin)) d.blocks.push_back(*p);
                break;
            case MarkupBlock::Kind::table: emit_table(d, b.text); break;
            case MarkupBlock::Kind::figure: emit_figure(d, b.text); break;
            case MarkupBlock::Kind::paragraph: {
                doc::Paragraph p;
                p.number = numbered ? next_para_++ : 0;
                p.text = b.text;
                p.items = b.items;
                p.bullets = b.bullets;
                p.bold = b.bold;
                p.origin = origin;
                d.blocks.push_back(p);
                break;
            }
        }
    }
}

void Composer::emit_skeleton(doc::Document& d, const Narrative& n) {
    const ReportSpec& r = prog_.spec;
    bool numbered = false;
    for (const auto& b : n.skeleton) {
        if (b.kind != MarkupBlock::Kind::directive) {
            emit_markup(d, {b}, numbered, n.skeleton_path);
            continue;
        }
        std::istringstream words(b.text);
        std::string verb, arg;
        words >> verb >> arg;
        if (verb == "numbering" && (arg == "on" || arg == "off")) {
            numbered = arg == "on" && style_.numbered_paragraphs;  // a style may number nothing
        } else if (verb == "sections") {
            const int level = arg.empty() ? 2 : std::max(1, std::min(3, std::atoi(arg.c_str())));
            for (size_t i = 0; i < r.sections.size(); ++i) {
                d.blocks.push_back(doc::Heading{level, r.sections[i].heading.value, spec_path()});
                emit_markup(d, n.sections[i], numbered, n.section_paths[i]);
            }
        } else if (verb == "appendices") {
            for (size_t i = 0; i < r.appendices.size(); ++i) {
                d.blocks.push_back(doc::PageBreak{});
                d.blocks.push_back(doc::Heading{2, "Appendix " + std::to_string(i + 1) + " – " + r.appendices[i].title.value, spec_path()});
                emit_markup(d, n.appendices[i], false, n.appendix_paths[i]);
            }
        } else if (verb == "pagebreak") {
            d.blocks.push_back(doc::PageBreak{});
        } else {
            diags_.error(line_in(n.skeleton_path, "@" + b.text), "unknown directive '@" + b.text + "'; a house style knows @numbering on|off, "
                                "@sections [LEVEL], @appendices and @pagebreak");
        }
    }
}

std::string offered(const std::vector<std::string>& ids) {
    std::string list;
    for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
    return list.empty() ? "none" : list;
}

// Every template text this report could render: its inline ones and every template in
// the three folders templates are looked up in (a superset of what partials reach).
std::vector<std::string> Composer::template_texts() const {
    const ReportSpec& r = prog_.spec;
    std::vector<std::string> texts{r.quote_template.value, r.summary_template.value};
    for (const auto& rec : r.recommendations) texts.push_back(rec.value);
    for (const std::string& dir : folders_) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".mustache")
            if (auto f = confined_file(dir, it->path().filename().string()); f.path) texts.push_back(read_file(*f.path));
    }
    return texts;
}

void Composer::build_tables() {
    // First which document table shows which declared table, then the tables: a
    // formula may point into a table declared after it.
    Placement placement;
    std::vector<std::pair<const TableSpec*, size_t>> found;
    for (const auto& t : prog_.spec.tables) {
        if (declared_at_.count(t.id.value)) {
            diags_.error(t.id.pos, "the id '" + t.id.value + "' is declared twice");
            continue;
        }
        declared_at_[t.id.value] = t.id.pos;
        auto index = set_.index_of(t.source.value);
        if (!index) {
            std::vector<std::string> ids;
            for (const auto& d : set_.decls) ids.push_back(d.id);
            const std::string near = closest(t.source.value, ids);
            diags_.error(t.source.pos, "table '" + t.id.value + "': no declared table '" + t.source.value + "'" +
                                           (near.empty() ? "; this programme offers: " + offered(ids)
                                                         : "; did you mean '" + near + "'?"));
            continue;
        }
        placement.doc_id.emplace(*index, t.id.value);
        found.push_back({&t, *index});
    }
    for (const auto& [spec, index] : found) tables_[spec->id.value] = table_of(set_, index, spec->id.value, spec->caption.value, placement);
}

void Composer::build_figures() {
    const ReportSpec& r = prog_.spec;
    for (const auto& f : r.figures) {
        if (declared_at_.count(f.id.value)) {
            diags_.error(f.id.pos, "the id '" + f.id.value + "' is declared twice");
            continue;
        }
        declared_at_[f.id.value] = f.id.pos;
        const ChartDecl* decl = &f.chart;
        if (!f.source.value.empty()) {
            auto it = std::find_if(set_.charts.begin(), set_.charts.end(), [&](const ChartDecl& c) { return c.id == f.source.value; });
            if (it == set_.charts.end()) {
                std::vector<std::string> ids;
                for (const auto& c : set_.charts) ids.push_back(c.id);
                diags_.error(f.source.pos, "figure '" + f.id.value + "': unknown source '" + f.source.value +
                                               "'; this programme offers: " + offered(ids) +
                                               " (or chart a declared table with 'table:')");
                continue;
            }
            decl = &*it;
        }
        auto chart = chart_of(set_, *decl, diags_);
        if (!chart) continue;
        if (f.alt.value.size() < 10)
            diags_.error(f.alt.pos, "figure '" + f.id.value + "': the alternative text must describe the chart "
                                    "for a reader who cannot see it");
        doc::Figure built;
        built.id = f.id.value;
        built.caption = f.caption.value;
        built.alt = f.alt.value;
        built.chart = *chart;
        built.data_table = f.data_table.value;
        figures_[f.id.value] = built;
        // Every chart is followed by its data: a table the spec names, or one made here.
        if (!f.data_table.value.empty()) {
            if (!std::any_of(r.tables.begin(), r.tables.end(), [&](const TableSpec& t) { return t.id.value == f.data_table.value; }))
                diags_.error(f.data_table.pos, "figure '" + f.id.value + "': its data_table '" + f.data_table.value +
                                                   "' is not a table the report declares");
            data_table_of_[f.id.value] = f.data_table.value;
        } else {
            doc::Table t = chart_data_table(built);
            data_table_of_[f.id.value] = t.id;
            tables_[t.id] = t;
        }
    }
}

// What every template sees of the house style, under style.*.
TValue Composer::with_style(TValue data) const {
    const ReportSpec& r = prog_.spec;
    data.set("style.name", TValue::str(style_.name));
    data.set("style.organisation", TValue::str(style_.organisation));
    data.set("style.has_organisation", TValue::boolean(!style_.organisation.empty()));
    data.set("style.committee_question", TValue::str(style::fill_fields(style_.committee_question, r.committee.value,
                                                                        r.meeting_date.long_form(), style_.organisation, r.title.value)));
    return data;
}

namespace {

doc::Rgb rgb(const style::Rgb& c) { return doc::Rgb{c.r, c.g, c.b}; }

doc::Look look_of(const style::HouseStyle& s, const ReportSpec& r) {
    doc::Look l;
    l.organisation = s.organisation;
    l.accent = rgb(s.accent);
    l.table_header = rgb(s.table_header);
    for (const auto& c : s.chart) l.chart.push_back(rgb(c));
    l.font_family = s.font_family;
    l.font_regular = s.font_regular;
    l.font_bold = s.font_bold;
    l.page_width = s.page_width;
    l.page_height = s.page_height;
    l.margin_left = s.margin_left;
    l.margin_right = s.margin_right;
    l.margin_top = s.margin_top;
    l.margin_bottom = s.margin_bottom;
    auto fill = [&](const std::string& t) {
        return style::fill_fields(t, r.committee.value, r.meeting_date.long_form(), s.organisation, r.title.value);
    };
    l.footer_left = fill(s.footer_left);
    l.footer_right = fill(s.footer_right);
    if (s.logo) {
        const ImageRead img = read_image(s.logo->path);  // read and checked by the style; kept for the run
        if (img.image) l.logo = doc::Picture{s.logo->name, s.logo->alt, img.image, s.logo->width_mm * 72.0 / 25.4};
        l.logo_in_header = s.logo->in_header;
    }
    return l;
}

}  // namespace

std::optional<doc::Document> Composer::run() {
    const ReportSpec& r = prog_.spec;
    const size_t errors_before = diags_.error_count();
    build_tables();
    build_figures();
    if (r.recommendations.empty()) diags_.error(r.pos, "the report makes no recommendations");

    // Pass 1 finds where tables and figures are placed, to number them in reading order;
    // pass 2 renders again with "Table 1", "Figure 2" in place of the references.
    std::map<std::string, TValue> refs;
    for (const auto& [id, t] : tables_) refs["table." + id] = TValue::str("Table ?");
    for (const auto& [id, f] : figures_) refs["figure." + id] = TValue::str("Figure ?");
    Diagnostics first_pass;
    const std::vector<std::string> texts = template_texts();
    const std::set<size_t> mentioned = tables_mentioned(set_, texts);
    const std::set<size_t> since = tables_mentioned(set_, texts, "since.tables.");
    const PreviousReport* previous = prog_.previous.get();
    auto draft = render_all(with_style(template_data(r, set_, named_, refs, mentioned, previous, since)), first_pass);
    if (!draft) {
        diags_.append(first_pass);
        return std::nullopt;
    }
    collect_placements(*draft);
    // A formula into a table the paper does not show would point at nothing: the
    // workbook writes those cells as values.
    std::vector<std::string> shown;
    for (const auto& id : placed_)
        if (tables_.count(id)) shown.push_back(id);
    for (auto& [id, t] : tables_) drop_dangling_formulas(t, shown);
    // A reference to a table or figure that is declared but never placed has no number:
    // refused where it would print (it once printed "Table 0").
    auto ref = [](const std::string& kind, const std::string& label, const std::string& id, int number) {
        if (number > 0) return TValue::str(label + " " + std::to_string(number));
        return TValue::refused("refers to " + kind + " '" + id + "', which the report declares but never places, so it has no "
                               "number; place it with '@" + kind + " " + id + "'");
    };
    for (const auto& [id, t] : tables_) refs["table." + id] = ref("table", "Table", id, t.number);
    for (const auto& [id, f] : figures_) refs["figure." + id] = ref("figure", "Figure", id, f.number);
    const TValue data = with_style(template_data(r, set_, named_, refs, mentioned, previous, since));
    if (names_out_) *names_out_ = data;
    auto narrative = render_all(data, diags_);
    if (!narrative || diags_.error_count() > errors_before) return std::nullopt;

    doc::Document d;
    d.title = r.title.value;
    d.author = r.contacts.empty() ? r.report_of.value : r.contacts.front().name.value;
    d.subject = r.committee.value + " – " + r.meeting_date.long_form();
    d.keywords = r.style.value;
    d.date_iso = r.meeting_date.iso();
    d.look = look_of(style_, r);
    d.contents_after_pages = static_cast<int>(r.contents_after_pages);
    d.meeting = r.committee.value + " – " + weekday(r.meeting_date) + " " + r.meeting_date.long_form();
    // The report's own choice, else its house style's.
    const std::string numbers = r.workbook.numbers.value.empty() ? style_.workbook_numbers : r.workbook.numbers.value;
    d.workbook_numbers = numbers == "accounting" ? doc::Document::WorkbookNumbers::accounting : doc::Document::WorkbookNumbers::plain;
    d.html = r.html.value_or(style_.html);
    d.cover.description = r.workbook.description.value;
    d.cover.coverage = r.workbook.coverage.value;
    d.cover.period = r.workbook.period.value;
    d.cover.published = r.meeting_date.long_form();
    for (const auto& c : r.contacts) {
        std::string line = c.name.value + (c.title.value.empty() ? "" : ", " + c.title.value) + " (" + c.role.value + ")";
        if (!c.phone.value.empty()) line += "; telephone " + c.phone.value;
        if (!c.email.value.empty()) line += "; email " + c.email.value;
        d.cover.contacts.push_back(line);
    }
    // Inputs by names that do not depend on where boardpack runs from.
    const fs::path home = fs::absolute(prog_.spec.dir).lexically_normal();
    const fs::path house = fs::absolute(opts_.templates_root).lexically_normal();
    auto name_of = [&](const std::string& path) {
        const fs::path p = fs::absolute(path).lexically_normal();
        const std::string own = p.lexically_relative(home).string();
        if (!own.empty() && own.rfind("..", 0) != 0) return own;
        const std::string shared = p.lexically_relative(house).string();
        if (!shared.empty() && shared.rfind("..", 0) != 0) return "boardpack templates/" + shared;
        return p.filename().string();
    };
    for (const auto& f : prog_.input_files) d.sources.push_back(doc::Source{name_of(f), f, ""});
    // Templates by their names, not their paths: the order must not depend on where
    // the house styles happen to live.
    std::vector<doc::Source> templates;
    for (const auto& t : templates_used_) templates.push_back(doc::Source{name_of(t), t, ""});
    // The style's own files are inputs as templates are: its style.yaml files, its logo.
    for (const auto& f : style_.files) templates.push_back(doc::Source{name_of(f), f, ""});
    if (style_.logo)
        templates.push_back(doc::Source{name_of(style_.logo->path), style_.logo->path, "",
                                        "The house style's logo, printed on the first page" +
                                            std::string(style_.logo->in_header ? " and at the head of every other" : "") +
                                            "; its alternative text: " + style_.logo->alt});
    // The programme's own first, then the house style's.
    auto key = [](const doc::Source& s) { return std::make_pair(s.name.rfind("boardpack templates/", 0) == 0, s.name); };
    std::sort(templates.begin(), templates.end(), [&](const doc::Source& a, const doc::Source& b) { return key(a) < key(b); });
    d.sources.insert(d.sources.end(), templates.begin(), templates.end());
    emit_skeleton(d, *narrative);
    if (diags_.error_count() > errors_before) return std::nullopt;
    // Each image the narrative places, once, with what it shows: the workbook cannot
    // print it, so it says where it is.
    for (const auto& b : d.blocks)
        if (auto p = std::get_if<doc::Picture>(&b))
            if (std::none_of(d.sources.begin(), d.sources.end(), [&](const doc::Source& s) { return s.name == p->name; }))
                d.sources.push_back(doc::Source{p->name, (fs::path(prog_.spec.dir) / p->name).string(), "",
                                                "An image the paper prints; its alternative text: " + p->alt});
    return d;
}

}  // namespace

std::optional<doc::Document> compose(const Programme& prog, const TableSet& tables, const TValue& named,
                                     const Options& opts, Diagnostics& diags, TValue* names) {
    return Composer(prog, tables, named, opts, diags, names).run();
}

}  // namespace bp::compose
