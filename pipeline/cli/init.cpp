#include "cli/init.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "embedded_files.hpp"
#include "load/load_programme.hpp"
#include "publish/build.hpp"

namespace bp::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kOk = 0, kInvalid = 1, kInternal = 2;

int fail(const std::string& msg, int status = kInvalid) {
    std::cerr << "boardpack: " << msg << "\n";
    return status;
}

// Writes the embedded files whose path starts with `prefix` under `dir`, the prefix
// taken off; false (with a message) when one cannot be written.
bool write_embedded(const std::string& prefix, const fs::path& dir) {
    for (const auto& f : embedded::kFiles) {
        if (f.path.substr(0, prefix.size()) != prefix) continue;
        const fs::path to = dir / std::string(f.path.substr(prefix.size()));
        std::error_code ec;
        fs::create_directories(to.parent_path(), ec);
        std::ofstream out(to, std::ios::binary);
        out.write(f.text.data(), static_cast<std::streamsize>(f.text.size()));
        if (!out.flush()) {
            std::cerr << "boardpack: cannot write " << to.string() << "\n";
            return false;
        }
    }
    return true;
}

}  // namespace

namespace {

// A folder init may write into: new, or empty. "" when it may; else why not.
std::string not_writable(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return "";
    if (!fs::is_directory(dir, ec)) return "'" + dir.string() + "' exists and is not a folder; init writes a new folder";
    if (!fs::is_empty(dir, ec)) return "'" + dir.string() + "' is not empty; init writes only into a new or empty folder";
    return "";
}

// The starter style.yaml into `dir`, its editor schema line pointing at `schema`.
bool write_style(const fs::path& dir, const std::string& schema) {
    for (const auto& f : embedded::kFiles) {
        if (f.path != "starter-style/style.yaml") continue;
        std::string text(f.text);
        const std::string from = "$schema=../schema/style.schema.json";
        if (text.find(from) != std::string::npos) text.replace(text.find(from), from.size(), "$schema=" + schema);
        std::error_code ec;
        fs::create_directories(dir, ec);
        std::ofstream out(dir / "style.yaml", std::ios::binary);
        out << text;
        if (!out.flush()) {
            std::cerr << "boardpack: cannot write " << (dir / "style.yaml").string() << "\n";
            return false;
        }
    }
    return true;
}

}  // namespace

int run_init(const std::vector<std::string>& args) {
    std::string dir_arg, style;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--style" && i + 1 < args.size()) style = args[++i];
        else if (!args[i].empty() && args[i][0] != '-' && dir_arg.empty()) dir_arg = args[i];
        else return fail("init takes a folder and, optionally, --style NAME: boardpack init DIR [--style NAME]\nTry 'boardpack --help'.");
    }
    if (dir_arg.empty() && style.empty())
        return fail("init needs a folder, a style name or both: boardpack init DIR [--style NAME]\nTry 'boardpack --help'.");
    if (!style.empty()) {
        // A style is found by its folder's name beside the report: one plain name, and
        // not a built-in's, which the report could then never reach.
        const bool plain = std::isalnum(static_cast<unsigned char>(style[0])) && style.size() <= 64 &&
                           std::all_of(style.begin(), style.end(), [](char c) {
                               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                           });
        if (!plain)
            return fail("the style name '" + style + "' must be a plain folder name (letters, digits, - and _)");
        if (style == "cabinet" || style == "select_committee" || style == "common" || style == "templates" || style == "schema")
            return fail("'" + style + "' is taken (a built-in style or a folder init writes); name the style after your council");
    }
    std::error_code ec;
    if (dir_arg.empty()) {
        // A style alone, in the current folder: self-contained, with its own schema.
        const fs::path dir = style;
        if (auto why = not_writable(dir); !why.empty()) return fail(why);
        if (!write_style(dir, "schema/style.schema.json") || !write_embedded("schema/", dir / "schema")) return kInternal;
        std::cout << "boardpack: wrote a starter house style in " << dir.string() << "/style.yaml, extending select_committee.\n"
                  << "Put the folder beside a report.yaml and name it there: style: " << style << "\n";
        return kOk;
    }
    const fs::path dir = dir_arg;
    if (auto why = not_writable(dir); !why.empty()) return fail(why);
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot create '" + dir.string() + "': " + ec.message(), kInternal);
    if (!write_embedded("starter/", dir) || !write_embedded("schema/", dir / "schema")) return kInternal;
    if (!style.empty()) {
        if (!write_style(dir / style, "../schema/style.schema.json")) return kInternal;
        // The report uses it.
        const fs::path report = dir / "report.yaml";
        std::ifstream in(report, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string from = "\nstyle: select_committee\n";
        if (text.find(from) != std::string::npos) text.replace(text.find(from), from.size(), "\nstyle: " + style + "\n");
        std::ofstream(report, std::ios::binary) << text;
    }
    std::cout << "boardpack: wrote a starter programme in " << dir.string() << ":\n"
              << "  report.yaml                  who the report goes to, and what it holds\n"
              << "  data.yaml                    the programme's figures, as a declared table\n"
              << "  templates/take_up.mustache   the narrative; every figure comes from data.yaml\n";
    if (!style.empty())
        std::cout << "  " << style << "/style.yaml" << std::string(style.size() + 11 < 29 ? 29 - style.size() - 11 : 1, ' ')
                  << "your house style: name, logo, colours, font, footer\n";
    std::cout << "  schema/                      the JSON Schema, for your editor\n"
              << "Next: boardpack build " << (dir / "report.yaml").string() << " --out " << (dir / "outputs").string() << "\n";
    return kOk;
}

int run_schema(const std::vector<std::string>& args) {
    if (args.empty()) {
        for (const auto& f : embedded::kFiles)
            if (f.path == "schema/boardpack.schema.json") std::cout << f.text;
        return kOk;
    }
    if (args.size() != 2 || args[0] != "--out") return fail("schema takes no argument, or --out DIR\nTry 'boardpack --help'.");
    std::error_code ec;
    fs::create_directories(args[1], ec);
    if (ec) return fail("cannot create '" + args[1] + "': " + ec.message(), kInternal);
    return write_embedded("schema/", args[1]) ? kOk : kInternal;
}

namespace {

// name: value lines, depth first, in name order; a list's items as name.0, name.1 ...
void list_names(const TValue& v, const std::string& name, std::ostream& out) {
    switch (v.kind) {
        case TValue::Kind::object:
            for (const auto& [key, field] : v.fields) list_names(field, name.empty() ? key : name + "." + key, out);
            return;
        case TValue::Kind::list:
            out << name << ": a list of " << v.items.size() << "\n";
            if (!v.items.empty()) list_names(v.items.front(), name + ".0", out);
            return;
        case TValue::Kind::flag: out << name << ": " << (v.flag ? "true" : "false") << " (a flag)\n"; return;
        case TValue::Kind::helper: out << name << ": a formatting helper\n"; return;
        case TValue::Kind::text:
            if (!v.refusal.empty()) out << name << ": refused: " << v.refusal << "\n";
            else out << name << ": " << v.text << (v.unit.empty() ? "" : " (" + v.unit + ")") << "\n";
            return;
    }
}

void publish_names(const Programme& prog, const std::string& templates_root, Diagnostics& diags, TValue& names) {
    compose::Options o;
    o.templates_root = templates_root;
    compose_programme(prog, o, diags, &names);
}

}  // namespace

int run_names(const std::vector<std::string>& args, const std::string& templates_root) {
    if (args.size() != 1 || args[0].empty() || args[0][0] == '-') return fail("names needs one REPORT.yaml\nTry 'boardpack --help'.");
    Diagnostics diags;
    const Programme prog = load::load_programme(args[0], diags);
    TValue names;
    if (!diags.has_errors()) publish_names(prog, templates_root, diags, names);
    for (const auto& d : diags.sorted()) std::cerr << d.str() << "\n";
    if (diags.has_errors()) return kInvalid;
    list_names(names, "", std::cout);
    return kOk;
}

}  // namespace bp::cli
