// The command line. Exit codes (documented in the README and --help):
//   0  success (warnings allowed)
//   1  invalid input: a report has errors, or the command line is wrong
//   2  internal or I/O failure: the input may be fine, boardpack or the disk was not
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "publish/build.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int kOk = 0, kInvalid = 1, kInternal = 2;

const char* kHelp = R"(boardpack - committee-ready reports from programme data

Usage:
  boardpack build [REPORT.yaml ...] [--out DIR] [--templates DIR]
      Validate each report and render it as DIR/<id>.pdf and DIR/<id>.xlsx.
      With no REPORT, builds every inputs/*/report.yaml and inputs/*/report-*.yaml
      into outputs/.
  boardpack validate REPORT.yaml ... [--templates DIR]
      Load, validate and compute each report, and check its templates;
      render nothing. Diagnostics go to stderr.
  boardpack --help | --version

Diagnostics are printed as file:line:col: error|warning: message.
A report with errors is not rendered; warnings do not block.

Exit status:
  0  success (warnings allowed)
  1  invalid input (a report has errors, or the command line is wrong)
  2  internal or I/O failure
)";

int usage(const std::string& msg) {
    std::cerr << "boardpack: " << msg << "\nTry 'boardpack --help'.\n";
    return kInvalid;
}

std::string default_templates() {
    if (const char* env = std::getenv("BOARDPACK_TEMPLATES")) return env;
    if (fs::is_directory("templates")) return "templates";
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

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("no command given");
    if (args[0] == "--help" || args[0] == "-h") { std::cout << kHelp; return kOk; }
    if (args[0] == "--version") { std::cout << "boardpack " << BOARDPACK_VERSION << "\n"; return kOk; }
    const std::string command = args[0];
    if (command != "build" && command != "validate") return usage("unknown command '" + command + "'");

    bp::BuildOptions opts;
    opts.templates_root = default_templates();
    opts.render = command == "build";
    std::vector<std::string> reports;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--out" || a == "--templates") {
            if (i + 1 >= args.size()) return usage(a + " needs a folder");
            (a == "--out" ? opts.out_dir : opts.templates_root) = args[++i];
        } else if (a == "--help" || a == "-h") {
            std::cout << kHelp;
            return kOk;
        } else if (!a.empty() && a[0] == '-') {
            return usage("unknown option '" + a + "'");
        } else {
            reports.push_back(a);
        }
    }
    if (reports.empty()) {
        if (command == "validate") return usage("validate needs at least one REPORT.yaml");
        reports = every_report("inputs");
        if (reports.empty()) return usage("no REPORT.yaml given and no inputs/*/report.yaml found");
    }

    int status = kOk;
    size_t failed = 0, total_errors = 0, total_warnings = 0;
    for (const auto& r : reports) {
        const bp::ReportResult res = bp::run_report(r, opts);
        for (const auto& d : res.diags.sorted()) std::cerr << d.str() << "\n";
        total_errors += res.diags.error_count();
        total_warnings += res.diags.warning_count();
        if (res.failed_internally) {
            std::cerr << r << ": internal error: " << res.internal_error << "\n";
            status = kInternal;
            ++failed;
        } else if (res.diags.has_errors()) {
            if (status == kOk) status = kInvalid;
            ++failed;
        }
        for (const auto& o : res.outputs) std::cout << "wrote " << o << "\n";
    }
    std::cerr << "boardpack: " << reports.size() << (reports.size() == 1 ? " report, " : " reports, ") << failed
              << " failed; " << total_errors << (total_errors == 1 ? " error, " : " errors, ") << total_warnings
              << (total_warnings == 1 ? " warning" : " warnings") << "\n";
    return status;
}
