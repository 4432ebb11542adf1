// Hostile input: a report reads only inside its programme folder, its house style and
// the shared templates, and writes only under names it has checked inside --out. Every
// case gets an exact error, never a read outside, a hang or a file written elsewhere.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <functional>

#include "support.hpp"

using namespace bp::test;
using bp::Severity;

namespace {

// A report whose one section is rendered from template `section` (or whose data file
// list is `data`), in a scratch folder with a secret file beside it.
struct Setup {
    Scratch s;
    std::string report;
    explicit Setup(const std::string& data = "[data.yaml]", const std::string& extra = "sections: [{heading: S, template: body}]\n") {
        s.write("secret.txt", "SECRET-CONTENT-7731\n");
        s.write("prog/data.yaml", "cohorts: []\n");
        s.write("prog/templates/body.mustache", "A paragraph.\n");
        report = s.write("prog/report.yaml", report_yaml(data, extra));
    }
};

// The binary under a time limit: a hang is a failure, not a stuck test run.
Run run_limited(const std::string& args) { return run_boardpack(args, "timeout 20"); }

}  // namespace

TEST_CASE("a template name may not leave the programme's folders", "[hostile][confine]") {
    struct Case {
        const char* name;
        std::string extra;
        int line, col;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"absolute", "sections: [{heading: S, template: /etc/passwd}]\n", 9, 35, "template '/etc/passwd' is absolute"},
        {"climbing out", "sections: [{heading: S, template: ../../secret}]\n", 9, 35,
         "template '../../secret' climbs out of its folder with '..'"},
        {"with a NUL byte", "sections: [{heading: S, template: \"body\\0.txt\"}]\n", 9, 35, "holds a NUL byte"},
        {"with a backslash", "sections: [{heading: S, template: \"..\\\\secret\"}]\n", 9, 35, "holds a backslash"},
        {"an appendix's", "appendices: [{title: A, template: ../../../../etc/hostname}]\n", 9, 35, "climbs out of its folder"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Setup u("[data.yaml]", c.extra);
            const auto d = check_report(u.report);
            INFO(listing(d));
            CHECK(has(d, "report.yaml", c.line, c.col, Severity::error, c.message));
        }
    }
}

TEST_CASE("a template that links out, or is not a regular file, is refused without reading it", "[hostile][confine]") {
    SECTION("a symbolic link out of the folder") {
        Setup u;
        fs::remove(u.s.path("prog/templates/body.mustache"));
        fs::create_symlink(u.s.path("secret.txt"), u.s.path("prog/templates/body.mustache"));
        const auto r = run_limited("build '" + u.report + "' --out '" + u.s.path("out") + "'");
        CHECK(r.status == 1);
        CHECK(r.out.find("template 'body' leads outside its folder (through a symbolic link)") != std::string::npos);
        CHECK(r.out.find("SECRET-CONTENT") == std::string::npos);
        CHECK_FALSE(fs::exists(u.s.path("out/prog.pdf")));
    }
    SECTION("a FIFO: an error at once, not a run blocked for ever") {
        Setup u;
        fs::remove(u.s.path("prog/templates/body.mustache"));
        REQUIRE(::mkfifo(u.s.path("prog/templates/body.mustache").c_str(), 0600) == 0);
        const auto r = run_limited("build '" + u.report + "' --out '" + u.s.path("out") + "'");
        CHECK(r.status == 1);
        CHECK(r.out.find("template 'body' is a FIFO, not a regular file") != std::string::npos);
    }
    SECTION("a folder") {
        Setup u;
        fs::remove(u.s.path("prog/templates/body.mustache"));
        fs::create_directories(u.s.path("prog/templates/body.mustache"));
        const auto d = check_report(u.report);
        INFO(listing(d));
        CHECK(has(d, "report.yaml", 9, 35, Severity::error, "template 'body' is a folder, not a file"));
    }
}

TEST_CASE("a partial may not leave the programme's folders", "[hostile][confine]") {
    Setup u;
    u.s.write("prog/templates/body.mustache", "Before {{> ../../secret}} after.\n");
    fs::copy(u.s.path("secret.txt"), u.s.path("secret.mustache"));
    const auto r = run_limited("build '" + u.report + "' --out '" + u.s.path("out") + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("SECRET-CONTENT") == std::string::npos);
    CHECK_FALSE(fs::exists(u.s.path("out/prog.pdf")));
}

TEST_CASE("a data file must be a regular file inside the programme's folder", "[hostile][confine]") {
    struct Case {
        const char* name;
        std::string data;
        std::function<void(const Scratch&)> arrange;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"absolute", "[/etc/hostname]", [](const Scratch&) {}, "data file '/etc/hostname' is absolute"},
        {"climbing out", "[../secret.txt]", [](const Scratch&) {}, "data file '../secret.txt' climbs out of its folder with '..'"},
        {"a link out", "[linked.yaml]",
         [](const Scratch& s) { fs::create_symlink(s.path("secret.txt"), s.path("prog/linked.yaml")); },
         "data file 'linked.yaml' leads outside its folder"},
        {"a link to a device", "[zero.yaml]", [](const Scratch& s) { fs::create_symlink("/dev/zero", s.path("prog/zero.yaml")); },
         "data file 'zero.yaml' leads outside its folder"},
        {"a FIFO", "[pipe.yaml]", [](const Scratch& s) { REQUIRE(::mkfifo(s.path("prog/pipe.yaml").c_str(), 0600) == 0); },
         "data file 'pipe.yaml' is a FIFO, not a regular file"},
        {"a folder", "[folder.yaml]", [](const Scratch& s) { fs::create_directories(s.path("prog/folder.yaml")); },
         "data file 'folder.yaml' is a folder, not a file"},
        {"a link loop", "[loop.yaml]",
         [](const Scratch& s) {
             fs::create_symlink(s.path("prog/loop2.yaml"), s.path("prog/loop.yaml"));
             fs::create_symlink(s.path("prog/loop.yaml"), s.path("prog/loop2.yaml"));
         },
         "data file 'loop.yaml' cannot be resolved (Too many levels of symbolic links)"},
        {"too large", "[big.yaml]",
         [](const Scratch& s) {
             std::ofstream big(s.path("prog/big.yaml"));
             const std::string line = "# " + std::string(1000, 'x') + "\n";
             for (int i = 0; i < 9000; ++i) big << line;
         },
         "data file 'big.yaml' is 9027000 bytes; an input may be at most 8388608 bytes"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Setup u(c.data);
            c.arrange(u.s);
            const auto r = run_limited("build '" + u.report + "' --out '" + u.s.path("out") + "'");
            INFO(r.out);
            CHECK(r.status == 1);
            CHECK(r.out.find("report.yaml:8:8: error: " + std::string(c.message)) != std::string::npos);
            CHECK(r.out.find("SECRET-CONTENT") == std::string::npos);
            CHECK_FALSE(fs::exists(u.s.path("out/prog.pdf")));
        }
    }
}

TEST_CASE("a report spec that is a FIFO or a folder is an error, not a hang", "[hostile][confine]") {
    Scratch s;
    REQUIRE(::mkfifo(s.path("report.yaml").c_str(), 0600) == 0);
    const auto r = run_limited("validate '" + s.path("report.yaml") + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("the report spec is a FIFO, not a regular file") != std::string::npos);
}

TEST_CASE("a report's id names files in --out only: never a path, never hidden, never a temporary file", "[hostile][confine]") {
    struct Case {
        const char* id;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"../escaped", "must start with a letter or a digit"},
        {"/tmp/boardpack-escaped", "must start with a letter or a digit"},
        {"sub/escaped", "may hold only letters, digits, '.', '_' and '-'"},
        {".report.pdf.tmp.123", "must start with a letter or a digit"},
        {"a..b", "may not hold '..'"},
        {"with space", "may hold only letters, digits"},
    };
    for (const auto& c : cases) {
        SECTION(c.id) {
            Scratch s;
            s.write("data.yaml", "cohorts: []\n");
            const std::string report = s.write("report.yaml", "id: \"" + std::string(c.id) + "\"\n" + report_yaml());
            const auto r = run_limited("build '" + report + "' --out '" + s.path("out") + "'");
            INFO(r.out);
            CHECK(r.status == 1);
            CHECK(r.out.find("report.yaml:1:5: error: the report's id '" + std::string(c.id) + "' " + c.message) !=
                  std::string::npos);
            CHECK_FALSE(fs::exists(s.path("escaped.pdf")));
            CHECK_FALSE(fs::exists("/tmp/boardpack-escaped.pdf"));
            if (fs::exists(s.path("out")))
                for (const auto& e : fs::directory_iterator(s.path("out"))) CHECK(e.path().extension() != ".pdf");
        }
    }
    SECTION("an id from a folder's name that is no file name asks for an id") {
        Scratch s;
        s.write("my report/data.yaml", "cohorts: []\n");
        const std::string report = s.write("my report/report.yaml", report_yaml());
        const auto d = check_report(report);
        INFO(listing(d));
        CHECK(has(d, "report.yaml", 1, 1, Severity::error, "it comes from the folder's name, so give the report an 'id:'"));
    }
    SECTION("a report in the current folder is named after it") {
        Scratch s;
        s.write("programme/data.yaml", "cohorts: []\n");
        s.write("programme/report.yaml", report_yaml());
        const auto r = run_boardpack("build report.yaml --out '" + s.path("out") + "'", "cd '" + s.path("programme") + "' &&");
        INFO(r.out);
        CHECK(r.status == 0);
        CHECK(fs::exists(s.path("out/programme.pdf")));
    }
}
