// The command line. Exit codes (README, "Command line"; --help):
//   0  success (warnings allowed)
//   1  invalid input (a report has errors, the command line is wrong) or, for check,
//      outputs that differ
//   2  internal or I/O failure: the input may be fine, boardpack or the disk was not
//   3  another boardpack run is writing the same output folder
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/batch.hpp"
#include "cli/check.hpp"
#include "cli/diff.hpp"
#include "cli/init.hpp"
#include "cli/watch.hpp"
#include "publish/build.hpp"
#include "publish/manifest.hpp"
#include "publish/publish.hpp"

namespace fs = std::filesystem;
using namespace bp::cli;

namespace {

const char* kHelp = R"(boardpack - committee-ready reports from programme data

Usage:
  boardpack init DIR [--style NAME]
      Write a starter programme into DIR (new or empty): a report spec, a data
      file with a table, a chart and a claim, a narrative template, and the
      JSON Schema for your editor. Then: boardpack build DIR/report.yaml
      With --style NAME, also a house style in DIR/NAME/style.yaml (extending
      select_committee), which the report uses; without DIR, only the style.
  boardpack schema [--out DIR]
      Print the JSON Schema of the input files, or write its three files to DIR.
  boardpack names REPORT.yaml
      List every name the report's templates may use, with its current value.
  boardpack build [REPORT.yaml ...] [options]
      Validate each report and render it as OUT/<id>.pdf, OUT/<id>.html and
      OUT/<id>.xlsx, with its figures as data in OUT/<id>.figures.json, in
      parallel; reports whose inputs have not changed since are skipped. With no
      REPORT, builds every inputs/*/report.yaml and inputs/*/report-*.yaml.
  boardpack check [REPORT.yaml ...] [options]
      Render into a temporary folder and compare with OUT; exit 1 and show the
      changed text lines and workbook cells when anything differs.
  boardpack watch [REPORT.yaml ...] [--serve [PORT]] [options]
      Build, then render again each report whose spec, data, templates or house
      style change, until Ctrl-C. A save with errors prints them and keeps the
      last good outputs. With --serve, also serve OUT on http://127.0.0.1:PORT/
      (default 8000; 0 picks a free port), where the HTML editions reload
      after each render and show the errors of a save that did not render.
  boardpack validate REPORT.yaml ... [--templates DIR]
      Load, validate and compute each report, and check its templates;
      render nothing. Diagnostics go to stderr.
  boardpack diff OLD NEW [--json]
      List every figure that changed, was added or removed between two packs,
      table by table (old -> new, the change and the percentage change), then
      the paragraphs whose text changed. OLD and NEW are each a figures file,
      an output folder, or REV:path/report.yaml (the report as committed at a
      git revision, built afresh). Exit 0 when nothing moved, 1 when something
      did or a side could not be read.
  boardpack merge-manifests OUT.json SHARD.json ...
      Merge the manifests of sharded runs into one.
  boardpack --help | --version

Options:
  --out DIR          output folder (default outputs)
  --templates DIR    house styles (default ./templates)
  --previous DIR     the previous run's output folder: each report compares itself
                     with DIR/<id>.figures.json (in place of its spec's previous:)
  --jobs N           reports rendered at once, 1 to 256 (default: one per core)
  --timeout S        a report still rendering after S seconds fails (default 600; 0: none)
  --memory MB        each worker process may use at most MB of memory (default 4096; 0: none)
  --force            render even reports whose inputs have not changed
  --csv              also write DIR/<id>.tables/<table>.csv, each declared table's
                     figures as open data
  --wait             wait for another run on the same output folder to finish
                     (default: exit 3 at once)
  --shard K/N        render only part K of N (K from 0), for job arrays;
                     writes OUT/manifest.shard-K-of-N.json
  --quiet            print errors only
  --verbose          print every diagnostic and a line per report with its time

Diagnostics are printed as file:line:col: error|warning: message. A report with
errors is not rendered and its previous outputs stay; warnings do not block.

Exit status:
  0  success (warnings allowed)
  1  invalid input (a report has errors, or the command line is wrong);
     for check: outputs differ
  2  internal or I/O failure
  3  another boardpack run is writing the output folder
)";

int usage(const std::string& msg) {
    std::cerr << "boardpack: " << msg << "\nTry 'boardpack --help'.\n";
    return kInvalid;
}

// Never the working folder's templates/: a programme folder has its own, and the
// house styles must not depend on where boardpack is run from.
std::string default_templates() {
    if (const char* env = std::getenv("BOARDPACK_TEMPLATES")) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "boardpack" / "templates";
        if (fs::is_directory(installed, ec)) return installed.string();
    }
    return BOARDPACK_SOURCE_TEMPLATES;
}

std::vector<std::string> every_report(const std::string& root) {
    std::vector<std::string> out;
    if (!fs::is_directory(root)) return out;
    // A programme folder holds report.yaml and any number of report-*.yaml (the same
    // data in another house style, say).
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        for (const auto& f : fs::directory_iterator(dir.path())) {
            const std::string name = f.path().filename().string();
            if (f.is_regular_file() && (name == "report.yaml" || (name.rfind("report-", 0) == 0 && f.path().extension() == ".yaml")))
                out.push_back(f.path().string());
        }
    }
    std::sort(out.begin(), out.end());  // directory order is the filesystem's, not ours
    return out;
}

int validate(const std::vector<std::string>& reports, const BatchOptions& opts) {
    bp::BuildOptions build;
    build.templates_root = opts.templates_root;
    build.previous_dir = opts.previous_dir;
    build.render = false;
    int status = kOk;
    size_t failed = 0, errors = 0, warnings = 0;
    for (const auto& r : reports) {
        const bp::ReportResult res = bp::run_report(r, build);
        for (const auto& d : res.diags.sorted()) std::cerr << d.str() << "\n";
        errors += res.diags.error_count();
        warnings += res.diags.warning_count();
        if (res.failed_internally) {
            std::cerr << r << ": internal error: " << res.internal_error << "\n";
            status = kInternal;
            ++failed;
        } else if (res.diags.has_errors()) {
            if (status == kOk) status = kInvalid;
            ++failed;
        }
    }
    if (!opts.quiet)
        std::cerr << "boardpack: " << reports.size() << (reports.size() == 1 ? " report, " : " reports, ") << failed
                  << " failed; " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                  << (warnings == 1 ? " warning" : " warnings") << "\n";
    return status;
}

int merge_manifests(const std::vector<std::string>& args) {
    if (args.size() < 2) return usage("merge-manifests needs OUT.json and at least one shard manifest");
    std::vector<bp::publish::Manifest> parts;
    for (size_t i = 1; i < args.size(); ++i) {
        std::string why;
        auto m = bp::publish::read_manifest(args[i], &why);
        if (!m) {
            std::cerr << "boardpack: " << why << "\n";
            return kInvalid;
        }
        parts.push_back(*m);
    }
    const bp::publish::Manifest merged = bp::publish::merge(parts);
    bp::publish::write_atomically(args[0], bp::publish::to_json(merged));
    // Shards run apart, so none of them can see that a report in another has its output
    // name: the merge is the first place both are known.
    std::map<std::string, std::string> owner;
    int status = kOk;
    for (const auto& r : merged.reports) {
        if (r.status == "failed") continue;
        const auto [it, fresh] = owner.emplace(r.id, r.report);
        if (fresh) continue;
        std::cerr << "boardpack: " << it->second << " and " << r.report << " both write outputs named '" << r.id
                  << "', in different shards, so one overwrote the other's; give one of them its own 'id'\n";
        status = kInvalid;
    }
    return status;
}

}  // namespace

// Freed memory stays in the process for the next table, page or report: on these
// virtual machines a first touch of a fresh page costs 12-24 us, and glibc's defaults
// hand large blocks back to the kernel as soon as they are freed (each a new mmap, faulted
// in again), and trim the heap's top after every large free. A batch worker rendering
// report after report faulted 5x as often. Outputs do not depend on it.
static void keep_freed_memory() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);   // blocks up to 32 MB (glibc's most) from the heap
    mallopt(M_TRIM_THRESHOLD, 512 << 20);  // keep up to 512 MB free at the heap's top
    mallopt(M_TOP_PAD, 16 << 20);          // and grow it 16 MB at a time
}

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("no command given");
    if (args[0] == "--help" || args[0] == "-h") { std::cout << kHelp; return kOk; }
    if (args[0] == "--version") { std::cout << "boardpack " << BOARDPACK_VERSION << "\n"; return kOk; }
    const std::string command = args[0];
    keep_freed_memory();
    try {
        if (command == "merge-manifests") return merge_manifests(std::vector<std::string>(args.begin() + 1, args.end()));
        if (command == "init") return run_init(std::vector<std::string>(args.begin() + 1, args.end()));
        if (command == "schema") return run_schema(std::vector<std::string>(args.begin() + 1, args.end()));
        if (command == "diff") return run_diff(std::vector<std::string>(args.begin() + 1, args.end()), default_templates());
        if (command == "names") return run_names(std::vector<std::string>(args.begin() + 1, args.end()), default_templates());
        if (command != "build" && command != "validate" && command != "check" && command != "watch")
            return usage("unknown command '" + command + "'");

        BatchOptions opts;
        opts.templates_root = default_templates();
        int serve_port = -1;
        std::vector<std::string> reports;
        for (size_t i = 1; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto value = [&](const std::string& what) -> std::string {
                if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs " + what);
                return args[++i];
            };
            if (a == "--out") opts.out_dir = value("a folder");
            else if (a == "--templates") opts.templates_root = value("a folder");
            else if (a == "--previous") opts.previous_dir = value("a folder (the last run's --out)");
            else if (a == "--jobs") {
                const std::string n = value("a number");
                if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos || std::stoi(n) < 1 ||
                    std::stoi(n) > 256)
                    return usage("--jobs needs a whole number from 1 to 256, got '" + n + "'");
                opts.jobs = std::stoi(n);
            } else if (a == "--timeout" || a == "--memory") {
                const std::string n = value("a number");
                if (n.empty() || n.size() > 7 || n.find_first_not_of("0123456789") != std::string::npos)
                    return usage(a + " needs a whole number (0 for no limit), got '" + n + "'");
                if (a == "--timeout") opts.timeout_seconds = std::stoi(n);
                else opts.memory_mb = std::stol(n);
            } else if (a == "--shard") {
                const std::string s = value("K/N");
                const size_t slash = s.find('/');
                int k = -1, n = 0;
                try {
                    if (slash != std::string::npos) { k = std::stoi(s.substr(0, slash)); n = std::stoi(s.substr(slash + 1)); }
                } catch (...) {}
                if (n < 1 || k < 0 || k >= n) return usage("--shard needs K/N with 0 <= K < N, got '" + s + "'");
                opts.shard = k;
                opts.shards = n;
                opts.manifest_name = "manifest.shard-" + std::to_string(k) + "-of-" + std::to_string(n) + ".json";
            } else if (a == "--force") opts.force = true;
            else if (a == "--csv") opts.csv = true;
            else if (a == "--wait") opts.wait = true;
            else if (a == "--quiet") opts.quiet = true;
            else if (a == "--verbose") opts.verbose = true;
            else if (a == "--serve" && command == "watch") {
                serve_port = 8000;
                // An optional port: the next word, when it is a number.
                if (i + 1 < args.size() && !args[i + 1].empty() && args[i + 1].find_first_not_of("0123456789") == std::string::npos) {
                    const std::string n = args[++i];
                    if (n.size() > 5 || std::stol(n) > 65535) return usage("--serve needs a port from 0 to 65535, got '" + n + "'");
                    serve_port = std::stoi(n);
                }
            }
            else if (a == "--help" || a == "-h") { std::cout << kHelp; return kOk; }
            else if (!a.empty() && a[0] == '-') return usage("unknown option '" + a + "'");
            else reports.push_back(a);
        }
        if (reports.empty()) {
            if (command == "validate") return usage("validate needs at least one REPORT.yaml");
            reports = every_report("inputs");
            if (reports.empty()) return usage("no REPORT.yaml given and no inputs/*/report.yaml found");
        }
        if (!opts.previous_dir.empty()) {
            // Compared with its own outputs, a report would be compared with itself after
            // its first run, and every run would see a changed input and render again.
            std::error_code ec;
            if (fs::weakly_canonical(opts.previous_dir, ec) == fs::weakly_canonical(opts.out_dir, ec))
                return usage("--previous names the output folder (" + opts.out_dir +
                             "); name the previous run's folder, as in --out packs/2024-11 --previous packs/2024-10");
        }
        if (command == "validate") return validate(reports, opts);
        if (command == "check") return run_check(reports, opts);
        if (command == "watch") return run_watch(reports, WatchOptions{opts, serve_port});
        return run_batch(reports, opts);
    } catch (const std::invalid_argument& e) {
        return usage(e.what());
    } catch (const std::exception& e) {
        std::cerr << "boardpack: internal error: " << e.what() << "\n";
        return kInternal;
    }
}
