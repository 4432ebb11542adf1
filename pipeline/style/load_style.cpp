#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/confine.hpp"
#include "core/image.hpp"
#include "load/yaml_reader.hpp"
#include "style/installed_fonts.hpp"
#include "style/style.hpp"

namespace fs = std::filesystem;

namespace bp::style {

using load::Ctx;
using load::field;
using load::Obj;

std::string Rgb::hex() const {
    char buf[8];
    auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", byte(r), byte(g), byte(b));
    return buf;
}

double contrast(const Rgb& a, const Rgb& b) {
    auto linear = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    auto luminance = [&](const Rgb& c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::optional<Rgb> parse_hex(const std::string& s) {
    const std::string h = !s.empty() && s[0] == '#' ? s.substr(1) : s;
    if (h.size() != 6 || !std::all_of(h.begin(), h.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    auto part = [&](size_t i) { return std::stoi(h.substr(i, 2), nullptr, 16) / 255.0; };
    return Rgb{part(0), part(2), part(4)};
}

std::vector<Rgb> default_palette() {
    std::vector<Rgb> out;
    for (const char* h : {"#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"}) out.push_back(*parse_hex(h));
    return out;
}

namespace {

const std::vector<std::string> kFields = {"committee", "date", "organisation", "title", "page", "pages"};

}  // namespace

std::string unknown_field(const std::string& text) {
    for (size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at + 2)) {
        const size_t end = text.find("}}", at);
        if (end == std::string::npos) return text.substr(at);
        const std::string name = text.substr(at + 2, end - at - 2);
        if (std::find(kFields.begin(), kFields.end(), name) == kFields.end()) return name;
    }
    return "";
}

std::string fill_fields(const std::string& text, const std::string& committee, const std::string& date,
                        const std::string& organisation, const std::string& title) {
    std::string out = text;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"committee", committee}, {"date", date},
                                      {"organisation", organisation}, {"title", title}}) {
        const std::string key = "{{" + name + "}}";
        for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
            out.replace(at, key.size(), value);
    }
    return out;
}

namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;

// The folder of the style named `name`: the report's own first, then the built-ins.
std::string find_folder(const std::string& name, const std::string& report_dir, const std::string& builtin_root,
                        std::string& problem) {
    if (auto why = name_problem(name); !why.empty()) {
        problem = "the style name '" + name + "' " + why;
        return "";
    }
    for (const std::string& root : {report_dir, builtin_root}) {
        const ConfinedFile f = confined_file(root, name + "/style.yaml");
        if (!f.problem.empty()) {
            problem = "style '" + name + "': its style.yaml " + f.problem;
            return "";
        }
        if (f.path) return (fs::path(root) / name).lexically_normal().string();
    }
    std::vector<std::string> builtins;
    std::error_code ec;
    for (fs::directory_iterator it(builtin_root, ec), end; !ec && it != end; it.increment(ec))
        if (fs::exists(it->path() / "style.yaml")) builtins.push_back(it->path().filename().string());
    std::sort(builtins.begin(), builtins.end());
    std::string list;
    for (const auto& b : builtins) list += (list.empty() ? "" : ", ") + b;
    problem = "no style '" + name + "': no folder " + (fs::path(report_dir) / name / "style.yaml").string() +
              " beside the report, and no built-in style of that name (built in: " + list + ")" +
              load::did_you_mean(name, builtins);
    return "";
}

std::optional<Rgb> read_colour(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    auto t = load::read_text(ctx, n, what);
    if (!t) return std::nullopt;
    auto c = parse_hex(t->value);
    if (!c) ctx.error(n, "'" + what + "' must be a colour written as #RRGGBB, e.g. \"#1F4E79\"");
    return c;
}

// A colour that fails its contrast is an error naming it, the ratio and the need.
void need_contrast(const Ctx& ctx, const YAML::Node& n, const std::string& what, const Rgb& c, const Rgb& against,
                   const std::string& against_name, double need) {
    const double ratio = contrast(c, against);
    if (ratio + 1e-9 >= need) return;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::floor(ratio * 100) / 100);
    char want[16];
    std::snprintf(want, sizeof want, "%g", need);
    ctx.error(n, "'" + what + "' " + c.hex() + " has a contrast of " + buf + ":1 against " + against_name + "; " + want +
                     ":1 is the least that can be read (WCAG 2.2)");
}

void read_text_field(const Obj& o, const std::string& key, std::string& out) {
    auto t = field(o, key, load::read_text);
    if (!t) return;
    if (const std::string bad = unknown_field(t->value); !bad.empty()) {
        o.ctx().error(o.get(key), "'" + key + "' uses the field '{{" + bad + "}}', which a style does not have; its fields are "
                                  "{{committee}}, {{date}}, {{organisation}}, {{title}}, {{page}} and {{pages}}");
        return;
    }
    out = t->value;
}

// One style.yaml's settings, over what the styles it extends have set.
void apply(const Ctx& ctx, const YAML::Node& root, const std::string& folder, HouseStyle& s) {
    Obj o(ctx, root, "style");
    if (!o.ok()) return;
    if (auto t = field(o, "organisation", load::read_text)) s.organisation = t->value;
    if (o.has("logo")) {
        Obj l(ctx, o.get("logo"), "style_logo");
        auto file = field(l, "file", load::read_text);
        auto alt = field(l, "alt", load::read_text);
        if (alt && alt->value.size() < 3) ctx.error(l.get("alt"), "the logo's 'alt' must say what it shows, e.g. the council's name");
        if (file && alt) {
            Logo logo{"", file->value, alt->value, 40, load::read_flag(ctx, l.get("header"), "header"), file->pos};
            if (auto w = field(l, "width_mm", load::read_number)) {
                logo.width_mm = w->value.to_double();
                if (logo.width_mm < 5 || logo.width_mm > 150) ctx.error(l.get("width_mm"), "'width_mm' must be 5 to 150");
            }
            const ConfinedFile f = confined_file(folder, file->value);
            if (!f.problem.empty()) ctx.error(l.get("file"), "the logo '" + file->value + "' " + f.problem);
            else if (!f.path) ctx.error(l.get("file"), "the logo '" + file->value + "' does not exist (looked for " +
                                                           (fs::path(folder) / file->value).string() + ")");
            else if (const ImageRead img = read_image(*f.path); !img.image)
                ctx.error(l.get("file"), "the logo '" + file->value + "' " + img.problem);
            else {
                logo.path = *f.path;
                s.logo = logo;
            }
        }
    }
    if (o.has("colours")) {
        Obj c(ctx, o.get("colours"), "style_colours");
        const Rgb white{1, 1, 1}, black{0, 0, 0};
        if (auto a = field(c, "accent", read_colour)) {
            need_contrast(ctx, c.get("accent"), "accent", *a, white, "the white page (it colours headings)", 4.5);
            s.accent = *a;
        }
        if (auto h = field(c, "table_header", read_colour)) {
            need_contrast(ctx, c.get("table_header"), "table_header", *h, black, "the black text printed on it", 4.5);
            s.table_header = *h;
        }
        if (c.has("chart")) {
            std::vector<Rgb> palette;
            size_t i = 0;
            load::read_list(ctx, c.get("chart"), "chart", [&](const YAML::Node& n) {
                const std::string what = "chart[" + std::to_string(i++) + "]";
                if (auto col = read_colour(ctx, n, what)) {
                    need_contrast(ctx, n, what, *col, white, "the white page (chart bars, lines and markers)", 3);
                    palette.push_back(*col);
                }
            });
            if (palette.empty() && i == 0) ctx.error(c.get("chart"), "'chart' needs at least one colour");
            if (!palette.empty()) s.chart = palette;
        }
    }
    if (auto f = field(o, "font", load::read_text); f && f->value == "Liberation Sans") {
        // The font boardpack was built with, found at build time: no fontconfig start-up.
        s.font_family = f->value;
        s.font_regular.clear();
        s.font_bold.clear();
    } else if (f) {
        const FontFiles files = find_installed_font(f->value);
        if (!files.problem.empty()) {
            ctx.error(o.get("font"), "the font '" + f->value + "' " + files.problem);
        } else {
            s.font_family = f->value;
            s.font_regular = files.regular;
            s.font_bold = files.bold;
        }
    }
    if (o.has("page")) {
        Obj p(ctx, o.get("page"), "style_page");
        if (auto size = field(p, "size", [](const Ctx& x, const YAML::Node& n, const std::string& w) {
                return load::read_enum(x, n, w, {"A4", "letter"});
            })) {
            if (size->value == "A4") s.page_width = 595.28, s.page_height = 841.89;
            else s.page_width = 612, s.page_height = 792;
        }
        if (p.has("margins_mm")) {
            Obj m(ctx, p.get("margins_mm"), "style_margins");
            for (const auto& [key, target] : {std::pair<std::string, double*>{"top", &s.margin_top}, {"bottom", &s.margin_bottom},
                                              {"left", &s.margin_left}, {"right", &s.margin_right}}) {
                auto v = field(m, key, load::read_number);
                if (!v) continue;
                const double mm = v->value.to_double();
                if (mm < 5 || mm > 60) ctx.error(m.get(key), "the " + key + " margin must be 5 to 60 mm");
                else *target = mm * kPointsPerMm;
            }
        }
    }
    if (o.has("footer")) {
        Obj f(ctx, o.get("footer"), "style_footer");
        read_text_field(f, "left", s.footer_left);
        read_text_field(f, "right", s.footer_right);
    }
    if (o.has("numbered_paragraphs")) s.numbered_paragraphs = load::read_flag(ctx, o.get("numbered_paragraphs"), "numbered_paragraphs");
    if (o.has("html")) s.html = load::read_flag(ctx, o.get("html"), "html");
    read_text_field(o, "committee_question", s.committee_question);
    if (o.has("workbook")) {
        Obj w(ctx, o.get("workbook"), "style_workbook");
        if (auto n = field(w, "numbers", [](const Ctx& x, const YAML::Node& v, const std::string& k) {
                return load::read_enum(x, v, k, {"plain", "accounting"});
            }))
            s.workbook_numbers = n->value;
    }
}

}  // namespace

HouseStyle load_style(const Text& name, const std::string& report_dir, const std::string& builtin_root, Diagnostics& diags) {
    HouseStyle s;
    s.name = name.value;
    s.chart = default_palette();
    // The chain, most specific first: each style.yaml with the folder it is in.
    struct Layer {
        std::shared_ptr<const std::string> file;
        YAML::Node root;
        std::string folder;
    };
    std::vector<Layer> chain;
    std::set<std::string> seen;
    Text wanted = name;
    while (true) {
        std::string problem;
        const std::string folder = find_folder(wanted.value, report_dir, builtin_root, problem);
        if (folder.empty()) {
            diags.error(wanted.pos, problem);
            break;
        }
        if (!seen.insert(fs::absolute(folder).lexically_normal().string()).second) {
            diags.error(wanted.pos, "style '" + wanted.value + "' extends itself (through " + std::to_string(chain.size()) +
                                        " style.yaml files); a chain of styles must end at a built-in one");
            break;
        }
        const std::string file = (fs::path(folder) / "style.yaml").string();
        Ctx ctx{std::make_shared<const std::string>(file), &diags};
        YAML::Node root = load::parse_file(file, ctx);
        s.folders.push_back(folder);
        s.files.push_back(file);
        if (!root.IsDefined()) break;
        chain.push_back(Layer{ctx.file, root, folder});
        const YAML::Node& croot = root;  // a const lookup never adds the key
        const YAML::Node ext = croot.IsMap() ? croot["extends"] : YAML::Node();
        if (!ext.IsDefined()) break;
        auto next = load::read_text(ctx, ext, "extends");
        if (!next) break;
        wanted = *next;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        Ctx ctx{it->file, &diags};
        apply(ctx, it->root, it->folder, s);
    }
    // Margins that leave no room to write in are an error of the style that set them.
    if (s.page_width - s.margin_left - s.margin_right < 250 || s.page_height - s.margin_top - s.margin_bottom < 350)
        diags.error(name.pos, "style '" + name.value + "': its margins leave too little of the page to write on");
    return s;
}

}  // namespace bp::style
