// Bad input always gets a clear error, never a crash: every line of every bundled data
// file is deleted in turn, and every number replaced by a word, and the pipeline must
// answer each with diagnostics (or none), never an internal failure.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <vector>

#include "support.hpp"

using namespace bp::test;

namespace {

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::string join(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

const std::vector<const char*> kBundled = {"report.yaml", "mtfs.yaml", "brfc.yaml", "pilots.yaml", "cohorts.yaml"};
// The second example: a programme declared in YAML only.
const std::vector<const char*> kDeclared = {"report.yaml", "funding.yaml", "families.yaml", "mtfp.yaml"};

void survive(const std::string& name, const std::vector<std::string>& lines, const std::string& what,
             const std::string& example = "children-families-part2") {
    Scratch s;
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/" + example + "/";
    for (const char* f : example == "children-families-part2" ? kBundled : kDeclared) s.write(f, join(lines_of(dir + f)));
    fs::copy(dir + "templates", s.path("templates"));
    s.write(name, join(lines));
    bp::BuildOptions o;
    o.render = false;
    o.templates_root = templates_root();
    const auto res = bp::run_report(s.path("report.yaml"), o);
    INFO(name << ": " << what << "\n" << res.internal_error);
    CHECK_FALSE(res.failed_internally);
}

}  // namespace

TEST_CASE("deleting any line of the bundled example never crashes the pipeline", "[robustness]") {
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/";
    for (const char* f : {"report.yaml", "mtfs.yaml", "brfc.yaml", "pilots.yaml", "cohorts.yaml"}) {
        const auto lines = lines_of(dir + f);
        // Every line of the small files; every third of the long pilots file keeps this quick.
        const size_t step = lines.size() > 120 ? 3 : 1;
        for (size_t i = 0; i < lines.size(); i += step) {
            auto cut = lines;
            cut.erase(cut.begin() + static_cast<long>(i));
            survive(f, cut, "without line " + std::to_string(i + 1));
        }
    }
}

TEST_CASE("a word where any number should be never crashes the pipeline", "[robustness]") {
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/children-families-part2/";
    for (const char* f : {"mtfs.yaml", "brfc.yaml", "cohorts.yaml"}) {
        const auto lines = lines_of(dir + f);
        for (size_t i = 0; i < lines.size(); ++i) {
            auto changed = lines;
            std::string& l = changed[i];
            const size_t d = l.find_first_of("0123456789");
            if (d == std::string::npos || l.find('#') < d) continue;
            size_t e = d;
            while (e < l.size() && (isdigit(static_cast<unsigned char>(l[e])) || l[e] == '.')) ++e;
            l.replace(d, e - d, "many");
            survive(f, changed, "line " + std::to_string(i + 1) + " reads: " + l);
        }
    }
}

TEST_CASE("deleting any line of the declared-tables example never crashes the pipeline", "[robustness][declared]") {
    const std::string example = "supporting-families-update";
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/" + example + "/";
    for (const char* f : kDeclared) {
        const auto lines = lines_of(dir + f);
        for (size_t i = 0; i < lines.size(); ++i) {
            auto cut = lines;
            cut.erase(cut.begin() + static_cast<long>(i));
            survive(f, cut, "without line " + std::to_string(i + 1), example);
        }
    }
}

TEST_CASE("a word, a huge number or a misspelt name anywhere in declared tables never crashes the pipeline",
          "[robustness][declared]") {
    const std::string example = "supporting-families-update";
    const std::string dir = std::string(BOARDPACK_SOURCE_DIR) + "/inputs/" + example + "/";
    for (const char* f : {"funding.yaml", "families.yaml", "mtfp.yaml"}) {
        const auto lines = lines_of(dir + f);
        for (size_t i = 0; i < lines.size(); ++i) {
            const std::string& l = lines[i];
            const size_t d = l.find_first_of("0123456789");
            if (d != std::string::npos && l.find('#') > d) {
                size_t e = d;
                while (e < l.size() && (isdigit(static_cast<unsigned char>(l[e])) || l[e] == '.')) ++e;
                for (const char* with : {"many", "9223372036854775807", "0.0000000000001", "0"}) {
                    auto changed = lines;
                    changed[i].replace(d, e - d, with);
                    survive(f, changed, "line " + std::to_string(i + 1) + " reads: " + changed[i], example);
                }
            }
            // Every name a derivation uses, misspelt.
            for (const char* key : {"sum: [", "difference: [", "percentage: [", "product: [", "share: ", "ref: ", "from: ",
                                    "running_total: "}) {
                const size_t k = l.find(key);
                if (k == std::string::npos) continue;
                auto changed = lines;
                changed[i].insert(k + std::string(key).size(), "x");
                survive(f, changed, "line " + std::to_string(i + 1) + " reads: " + changed[i], example);
            }
        }
    }
}

TEST_CASE("every kept fuzz finding now ends in diagnostics", "[robustness][fuzz]") {
    const fs::path kept = fs::path(BOARDPACK_SOURCE_DIR) / "tests" / "fuzz-regressions";
    size_t cases = 0;
    for (const auto& d : fs::directory_iterator(kept)) {
        if (!d.is_directory()) continue;
        ++cases;
        Scratch s;
        // In a child process under a time limit: a crash or a hang fails this case alone.
        const auto r = run_boardpack("build '" + (d.path() / "report.yaml").string() + "' --out '" + s.path("out") + "' --timeout 30");
        INFO(d.path().filename() << "\n" << r.out);
        CHECK((r.status == 0 || r.status == 1));
        CHECK(r.out.find("internal error") == std::string::npos);
    }
    CHECK(cases >= 2);
}
