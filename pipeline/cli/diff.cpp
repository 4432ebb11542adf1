#include "cli/diff.hpp"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "cli/batch.hpp"
#include "core/shell.hpp"
#include "movement/diff.hpp"
#include "publish/build.hpp"

namespace fs = std::filesystem;

namespace bp::cli {

namespace {

constexpr const char* kSuffix = ".figures.json";

bool is_figures_file(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > std::string(kSuffix).size() && name.compare(name.size() - std::string(kSuffix).size(), std::string::npos, kSuffix) == 0;
}

// A temporary folder removed when it goes out of scope.
struct TempDir {
    std::string path;
    TempDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/boardpack-diff-XXXXXX";
        if (::mkdtemp(tmpl.data())) path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path.empty()) fs::remove_all(path, ec);
    }
};

void print(const Diagnostics& diags) {
    for (const auto& d : diags.sorted()) std::cerr << d.str() << "\n";
}

// REV:path/report.yaml: the report as committed at REV, built with this boardpack from
// the whole tree at that revision (its data, templates and house style as they were).
std::optional<movement::FiguresFile> at_revision(const std::string& side, const std::string& templates_root, TempDir& tmp) {
    const size_t colon = side.find(':');
    const std::string rev = side.substr(0, colon), path = side.substr(colon + 1);
    auto fail = [&](const std::string& why) -> std::optional<movement::FiguresFile> {
        std::cerr << "boardpack diff: " << side << ": " << why << "\n";
        return std::nullopt;
    };
    if (rev.empty() || rev[0] == '-' || path.empty()) return fail("a revision side is REV:path/report.yaml (a commit, tag or branch, then the report spec's path in it)");
    std::string out;
    const auto top = run_program({"git", "rev-parse", "--show-toplevel"}, out);
    if (!top || *top != 0) return fail("not inside a git repository, so there is no revision '" + rev + "' to build");
    const fs::path root = out.substr(0, out.find('\n'));
    out.clear();
    const auto commit = run_program({"git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, out);
    if (!commit || *commit != 0) return fail("no revision '" + rev + "' in " + root.string());
    const std::string sha = out.substr(0, out.find('\n'));
    // The spec's path as git names it: from the top of the repository.
    std::error_code ec;
    const fs::path rel = fs::weakly_canonical(fs::absolute(path), ec).lexically_relative(fs::weakly_canonical(root, ec));
    if (rel.empty() || rel.native().rfind("..", 0) == 0) return fail("'" + path + "' is not inside the repository " + root.string());
    out.clear();
    const auto exists = run_program({"git", "cat-file", "-e", sha + ":" + rel.string()}, out);
    if (!exists || *exists != 0) return fail("there is no " + rel.string() + " at revision " + rev + " (" + sha.substr(0, 12) + ")");
    if (tmp.path.empty()) return fail("cannot make a temporary folder");
    const std::string tree = tmp.path + "/" + sha.substr(0, 12), tar = tree + ".tar";
    out.clear();
    const auto archived = run_program({"git", "archive", "--format=tar", "-o", tar, sha}, out);
    fs::create_directories(tree, ec);
    std::string untar_out;
    const auto untarred = archived && *archived == 0 ? run_program({"tar", "-xf", tar, "-C", tree}, untar_out) : std::nullopt;
    if (!untarred || *untarred != 0) return fail("could not take the tree of " + rev + " out of git: " + out + untar_out);
    BuildOptions opts;
    opts.out_dir = tree + ".out";
    opts.templates_root = templates_root;
    const ReportResult res = run_report((fs::path(tree) / rel).string(), opts);
    if (res.failed_internally) return fail("could not be built: " + res.internal_error);
    if (res.diags.has_errors()) {
        print(res.diags);
        return fail("the report as it was at " + rev + " has errors (above, in a copy of that revision), so it has no figures to compare");
    }
    Diagnostics diags;
    auto file = movement::read_figures_file(opts.out_dir + "/" + res.id + kSuffix, diags);
    print(diags);
    if (file) file->path = side;  // name it as the user did, not by the temporary copy
    return file;
}

// Every figures file one side names.
std::optional<std::vector<movement::FiguresFile>> read_side(const std::string& side, const std::string& templates_root, TempDir& tmp) {
    std::error_code ec;
    std::vector<movement::FiguresFile> files;
    Diagnostics diags;
    if (fs::is_directory(side, ec)) {
        std::vector<fs::path> paths;
        for (const auto& e : fs::directory_iterator(side, ec))
            if (is_figures_file(e.path())) paths.push_back(e.path());
        std::sort(paths.begin(), paths.end());
        if (paths.empty()) {
            std::cerr << "boardpack diff: " << side << ": no *" << kSuffix << " in this folder (boardpack build writes one beside each report's PDF)\n";
            return std::nullopt;
        }
        for (const auto& p : paths)
            if (auto f = movement::read_figures_file(p.string(), diags)) files.push_back(std::move(*f));
    } else if (fs::exists(side, ec) || side.find(':') == std::string::npos) {
        if (auto f = movement::read_figures_file(side, diags)) files.push_back(std::move(*f));
    } else {
        auto f = at_revision(side, templates_root, tmp);
        if (!f) return std::nullopt;
        files.push_back(std::move(*f));
    }
    print(diags);
    if (diags.has_errors()) return std::nullopt;
    return files;
}

}  // namespace

int run_diff(const std::vector<std::string>& args, const std::string& templates_root) {
    bool as_json = false;
    std::vector<std::string> sides;
    for (const std::string& a : args) {
        if (a == "--json") as_json = true;
        else if (a.rfind("--", 0) == 0) {
            std::cerr << "boardpack diff: unknown option '" << a << "'\nTry 'boardpack --help'.\n";
            return kInvalid;
        } else sides.push_back(a);
    }
    if (sides.size() != 2) {
        std::cerr << "boardpack diff: needs OLD and NEW (each a figures file, an output folder, or REV:path/report.yaml)\n"
                     "Try 'boardpack --help'.\n";
        return kInvalid;
    }
    TempDir tmp;
    const auto before = read_side(sides[0], templates_root, tmp);
    const auto after = before ? read_side(sides[1], templates_root, tmp) : std::nullopt;
    if (!before || !after) return kInvalid;

    // One file each side: compare them, whatever their ids. More: pair by report id.
    std::vector<std::pair<const movement::FiguresFile*, const movement::FiguresFile*>> pairs;
    std::vector<std::string> unpaired, added_ids, gone_ids;
    if (before->size() == 1 && after->size() == 1) {
        pairs.push_back({&before->front(), &after->front()});
    } else {
        std::map<std::string, const movement::FiguresFile*> old;
        for (const auto& f : *before) old[f.id] = &f;
        for (const auto& f : *after) {
            const auto it = old.find(f.id);
            if (it == old.end()) unpaired.push_back("Report " + f.id + " is new in " + sides[1] + "."), added_ids.push_back(f.id);
            else pairs.push_back({it->second, &f}), old.erase(it);
        }
        for (const auto& [id, f] : old) unpaired.push_back("Report " + id + " is gone from " + sides[1] + "."), gone_ids.push_back(id);
    }
    bool moved = !unpaired.empty();
    std::string text;
    // JSON: one comparison as itself; several as {"reports": [...], "new": [ids], "gone": [ids]}.
    const bool several = pairs.size() != 1 || !unpaired.empty();
    if (as_json && several) text += "{\"reports\": [\n";
    for (size_t i = 0; i < pairs.size(); ++i) {
        const movement::Movement m = movement::compare(*pairs[i].first, *pairs[i].second);
        moved = moved || m.moved();
        if (as_json) text += (i ? ",\n" : "") + movement::movement_json(m);
        else text += (i ? "\n" : "") + movement::movement_text(m);
    }
    if (as_json && several) {
        auto ids = [](const std::vector<std::string>& v) {
            std::string s;
            for (size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
            return "[" + s + "]";
        };
        text += "], \"new\": " + ids(added_ids) + ", \"gone\": " + ids(gone_ids) + "}\n";
    } else if (!as_json) {
        for (const std::string& u : unpaired) text += (text.empty() ? "" : "\n") + u + "\n";
    }
    std::cout << text;
    return moved ? kInvalid : kOk;
}

}  // namespace bp::cli
