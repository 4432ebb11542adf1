#include "publish/fingerprint.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include "core/confine.hpp"
#include "core/sha256.hpp"
#include "load/load_programme.hpp"

namespace fs = std::filesystem;

namespace bp::publish {

namespace {

// Within one run a file's content does not change; a batch shares its house templates,
// so each is hashed once, not once per report.
const std::string& hash_of(const std::string& path) {
    static std::map<std::string, std::string> memo;
    auto it = memo.find(path);
    if (it == memo.end()) it = memo.emplace(path, sha256_file(path)).first;
    return it->second;
}

void templates_in(const fs::path& dir, std::vector<std::string>& out) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".mustache")
            if (auto f = confined_file(dir.string(), it->path().filename().string()); f.path) out.push_back(*f.path);
}
}  // namespace

Fingerprint fingerprint_report(const std::string& report_path, const std::string& templates_root,
                               const std::string& version) {
    Diagnostics ignored;  // a report that does not load will fail its render and say why
    const Programme p = load::load_spec(report_path, ignored);  // the data files are hashed, not parsed
    Fingerprint f;
    f.id = p.spec.id.value;
    f.id_at = p.spec.id.pos;
    std::vector<std::string> files = p.input_files;
    std::vector<std::string> templates;
    templates_in(fs::path(p.spec.dir) / "templates", templates);
    templates_in(fs::path(templates_root) / p.spec.style.value, templates);
    templates_in(fs::path(templates_root) / "common", templates);
    std::sort(templates.begin(), templates.end());
    files.insert(files.end(), templates.begin(), templates.end());
    std::string all = "boardpack " + version + "\n";
    for (const auto& file : files) {
        std::error_code ec;
        if (!fs::exists(file, ec)) continue;
        // Never read what the load will refuse (a FIFO would block the worker for ever).
        if (auto problem = readable_file_problem(file); !problem.empty()) {
            all += fs::path(file).filename().string() + " " + problem + "\n";
            continue;
        }
        all += fs::path(file).filename().string() + " " + hash_of(file) + "\n";
    }
    f.value = sha256_hex(all);
    return f;
}

}  // namespace bp::publish
