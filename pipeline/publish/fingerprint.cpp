#include "publish/fingerprint.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <vector>

#include "core/confine.hpp"
#include "core/sha256.hpp"
#include "load/load_programme.hpp"
#include "movement/figures_file.hpp"
#include "style/style.hpp"

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

// The images a report's templates may place ("@image FILE"), which only a render would
// name: every PNG and JPEG in its folder, three levels deep, hidden folders skipped.
void images_in(const fs::path& dir, std::vector<std::string>& out) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec) && (it.depth() >= 2 || name.rfind('.', 0) == 0)) {
            it.disable_recursion_pending();
            continue;
        }
        std::string ext = it->path().extension().string();
        for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".png" || ext == ".jpg" || ext == ".jpeg")
            if (auto f = confined_file(dir.string(), it->path().lexically_relative(dir).string()); f.path) out.push_back(*f.path);
    }
}

void templates_in(const fs::path& dir, std::vector<std::string>& out) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".mustache")
            if (auto f = confined_file(dir.string(), it->path().filename().string()); f.path) out.push_back(*f.path);
}
}  // namespace

ReportInputs report_inputs(const std::string& report_path, const std::string& templates_root, const std::string& previous_dir) {
    Diagnostics ignored;  // a report that does not load will fail its render and say why
    const Programme p = load::load_spec(report_path, ignored, previous_dir);  // the data files are hashed, not parsed
    ReportInputs in;
    in.id = p.spec.id.value;
    in.id_at = p.spec.id.pos;
    in.files = p.input_files;
    std::vector<std::string> templates;
    templates_in(fs::path(p.spec.dir) / "templates", templates);
    // The house style and those it extends: their style.yaml files, templates and logo.
    Diagnostics style_problems;  // reported by the render
    const style::HouseStyle style = style::load_style(p.spec.style, p.spec.dir, templates_root, style_problems);
    for (const auto& folder : style.folders) templates_in(folder, templates);
    templates.insert(templates.end(), style.files.begin(), style.files.end());
    if (style.logo) templates.push_back(style.logo->path);
    templates_in(fs::path(templates_root) / "common", templates);
    images_in(p.spec.dir, templates);
    std::sort(templates.begin(), templates.end());
    templates.erase(std::unique(templates.begin(), templates.end()), templates.end());
    in.files.insert(in.files.end(), templates.begin(), templates.end());
    in.folders = {p.spec.dir, (fs::path(p.spec.dir) / "templates").string()};
    in.folders.insert(in.folders.end(), style.folders.begin(), style.folders.end());
    return in;
}

Fingerprint fingerprint_report(const std::string& report_path, const std::string& templates_root,
                               const std::string& version, const std::string& previous_dir, bool csv) {
    const ReportInputs in = report_inputs(report_path, templates_root, previous_dir);
    Fingerprint f;
    f.id = in.id;
    f.id_at = in.id_at;
    const std::vector<std::string>& files = in.files;
    // The editions this boardpack writes: outputs from a build that wrote fewer are not
    // intact, however unchanged the inputs.
    std::string all = "boardpack " + version + "\neditions pdf xlsx html" + (csv ? " csv" : "") + "\n";
    for (const auto& file : files) {
        std::error_code ec;
        if (!fs::exists(file, ec)) continue;
        // Never read what the load will refuse (a FIFO would block the worker for ever).
        // A previous report's figures file may be far larger than any YAML input (13 MB
        // for a 10,000-row table): hashed up to the size it may be read at.
        const bool figures = file.size() > 13 && file.compare(file.size() - 13, 13, ".figures.json") == 0;
        if (auto problem = readable_file_problem(file, figures ? movement::kMaxFiguresBytes : kMaxInputBytes); !problem.empty()) {
            all += fs::path(file).filename().string() + " " + problem + "\n";
            continue;
        }
        all += fs::path(file).filename().string() + " " + hash_of(file) + "\n";
    }
    f.value = sha256_hex(all);
    return f;
}

}  // namespace bp::publish
