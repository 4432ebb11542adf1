#include "cli/init.hpp"

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

int run_init(const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0].empty() || args[0][0] == '-')
        return fail("init needs one folder: boardpack init DIR\nTry 'boardpack --help'.");
    const fs::path dir = args[0];
    std::error_code ec;
    // Never over anything: a folder that exists must be empty.
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return fail("'" + dir.string() + "' exists and is not a folder; init writes a new folder");
        if (!fs::is_empty(dir, ec)) return fail("'" + dir.string() + "' is not empty; init writes only into a new or empty folder");
    }
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot create '" + dir.string() + "': " + ec.message(), kInternal);
    if (!write_embedded("starter/", dir) || !write_embedded("schema/", dir / "schema")) return kInternal;
    std::cout << "boardpack: wrote a starter programme in " << dir.string() << ":\n"
              << "  report.yaml                  who the report goes to, and what it holds\n"
              << "  data.yaml                    the programme's figures, as a declared table\n"
              << "  templates/take_up.mustache   the narrative; every figure comes from data.yaml\n"
              << "  schema/                      the JSON Schema, for your editor\n"
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
