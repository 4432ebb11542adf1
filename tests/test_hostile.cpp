// Hostile input: a report reads only inside its programme folder, its house style and
// the shared templates, and writes only under names it has checked inside --out. Every
// case gets an exact error, never a read outside, a hang or a file written elsewhere.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>
#include <functional>

#include "load/load_programme.hpp"
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
        {"with a NUL byte", "sections: [{heading: S, template: \"body\\0.txt\"}]\n", 9, 35, "'template' holds a control character (U+0000)"},
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

TEST_CASE("invalid UTF-8 and control characters are errors at their position", "[hostile][text]") {
    struct Case {
        const char* name;
        std::string data;  // data.yaml
        int line, col;
        const char* message;
    };
    const std::vector<Case> cases = {
        {"invalid UTF-8 in a file", "figures:\n  - {name: a, value: 1, unit: count, note: \"caf\xff\"}\n", 2, 48,
         "the file holds invalid UTF-8 (byte 0xFF)"},
        {"a character cut short", "figures:\n  - {name: a, value: 1, unit: count, note: x}\n# \xe2\x82", 3, 3,
         "the file holds invalid UTF-8 (a character cut short at the end)"},
        {"an overlong encoding", "figures:\n  - {name: a, value: 1, unit: count, note: \"\xc0\xaf\"}\n", 2, 45,
         "the file holds invalid UTF-8 (byte 0xC0)"},
        {"a raw control character", "figures:\n  - {name: a, value: 1, unit: count, note: \"bell\x07\"}\n", 2, 49,
         "the file holds a control character (U+0007)"},
        {"an escaped control character", "figures:\n  - {name: a, value: 1, unit: count, note: \"bell\\x07\"}\n", 2, 44,
         "'note' holds a control character (U+0007)"},
        {"an escaped NUL", "figures:\n  - {name: a, value: 1, unit: count, note: \"cut\\0here\"}\n", 2, 44,
         "'note' holds a control character (U+0000)"},
        {"a C1 control character", "figures:\n  - {name: a, value: 1, unit: count, note: \"x\\u0085y\"}\n", 2, 44,
         "'note' holds a control character (U+0085)"},
        {"boardpack's own private-use marks", "figures:\n  - {name: a, value: 1, unit: count, note: \"x\\uE000y\"}\n", 2, 44,
         "'note' holds a private-use character (U+E000) that boardpack reserves"},
        {"right-to-left text", "figures:\n  - {name: a, value: 1, unit: count, note: \"\u05e9\u05dc\u05d5\u05dd\"}\n", 2, 45,
         "the file holds right-to-left text (U+05E9), which boardpack cannot yet lay out"},
        {"a bidirectional override", "figures:\n  - {name: a, value: 1, unit: count, note: \"ab\u202Ecd\"}\n", 2, 47,
         "the file holds right-to-left text (U+202E)"},
        {"a combining mark", "figures:\n  - {name: a, value: 1, unit: count, note: \"cafe\u0301\"}\n", 2, 49,
         "the file holds a combining mark (U+0301), which boardpack cannot yet place on its letter"},
        {"a combining mark written as a YAML escape", "figures:\n  - {name: a, value: 1, unit: count, note: \"cafe\\u0301\"}\n", 2, 44,
         "'note' holds a combining mark (U+0301)"},
        {"a control character in a table label", "tables:\n  - {id: t, title: T, unit: count, columns: [\"a\\x01\"], rows: []}\n",
         2, 46, "a column label holds a control character (U+0001)"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Scratch s;
            const auto d = check_data(s, c.data);
            INFO(listing(d));
            CHECK(has(d, "data.yaml", c.line, c.col, Severity::error, c.message));
        }
    }
    SECTION("a control character in a template, at its line and column") {
        Scratch s;
        s.write("templates/body.mustache", "First line.\n\nSecond \x1b[31m line.\n");
        const auto d = check_data(s, "cohorts: []\n", "sections: [{heading: S, template: body}]\n");
        INFO(listing(d));
        CHECK(has(d, "body.mustache", 3, 8, Severity::error, "template body holds a control character (U+001B)"));
    }
}

TEST_CASE("data is never read as markup: a title cannot add a heading, a page break or a table", "[hostile][text]") {
    Scratch s;
    s.write("data.yaml",
            "tables:\n  - id: t\n    title: T\n    unit: count\n    columns: [{id: v, label: V}]\n    rows:\n"
            "      - {id: r, label: \"@table t\", values: [1]}\n"
            "      - {id: q, label: \"# Injected row heading\", values: [2]}\n");
    s.write("templates/body.mustache", "{{#tables.t.rows}}\n{{label}}\n\n{{/tables.t.rows}}\n{{report.title}}\n\n@table t\n");
    const std::string report =
        s.write("report.yaml", "boardpack: 1\nstyle: cabinet\ncommittee: Cabinet\nmeeting_date: 2019-11-20\n"
                               "title: \"Title\\n\\n# Injected heading\\n\\n@pagebreak\\n\\n- an item\"\n"
                               "report_of: R\nrecommendations: [That it be noted.]\ndata: [data.yaml]\n"
                               "sections: [{heading: S, template: body}]\ntables: [{id: t}]\n");
    bp::Diagnostics d;
    const bp::Programme p = bp::load::load_programme(report, d);
    const auto doc = bp::compose_programme(p, bp::compose::Options{templates_root()}, d);
    INFO(listing(d));
    REQUIRE(doc);
    size_t tables = 0, breaks = 0;
    bool title_inline = false, label_inline = false;
    for (const auto& b : doc->blocks) {
        if (auto h = std::get_if<bp::doc::Heading>(&b)) {
            UNSCOPED_INFO("heading: " << h->text);
            CHECK(h->text != "Injected heading");  // the title's text, never a heading of its own
        }
        if (std::holds_alternative<bp::doc::Table>(b)) ++tables;
        if (std::holds_alternative<bp::doc::PageBreak>(b)) ++breaks;
        if (auto para = std::get_if<bp::doc::Paragraph>(&b)) {
            UNSCOPED_INFO("paragraph: " << para->text);
            CHECK(para->text.find('\xee') == std::string::npos);  // no mark left behind
            title_inline = title_inline || para->text == "Title # Injected heading @pagebreak - an item";
            label_inline = label_inline || para->text == "@table t" || para->text == "# Injected row heading";
        }
    }
    CHECK(tables == 1);  // placed once, by the template; the label placed nothing
    CHECK(breaks == 0);
    CHECK(title_inline);
    CHECK(label_inline);
}

TEST_CASE("limits: text length, table size and section nesting are errors at their position", "[hostile][limits]") {
    SECTION("a text longer than a workbook cell holds") {
        Scratch s;
        const auto d = check_data(s, "figures:\n  - {name: a, value: 1, unit: count, note: " + std::string(40000, 'x') + "}\n");
        INFO(listing(d).substr(0, 400));
        CHECK(has(d, "data.yaml", 2, 44, Severity::error,
                  "'note' is 40000 characters long; a text may be at most 32767 (Excel's limit for a cell)"));
    }
    SECTION("a table of more than 100,000 rows") {
        Scratch s;
        std::string rows;
        for (int i = 0; i < 100001; ++i) rows += "  - {label: R, values: [1]}\n";
        const auto d = check_data(s, "tables:\n- id: t\n  title: T\n  unit: count\n  columns: [{id: v, label: V}]\n  rows:\n" + rows);
        INFO(listing(d).substr(0, 400));
        CHECK(has(d, "data.yaml", 7, 3, Severity::error,
                  "table 't' has 100001 rows and 1 columns; a table may have at most 100000 rows and 200 columns"));
    }
    SECTION("a table of more than 200 columns") {
        Scratch s;
        std::string cols;
        for (int i = 0; i < 201; ++i) cols += (i ? ", c" : "c") + std::to_string(i);
        const auto d = check_data(s, "tables:\n- id: t\n  title: T\n  unit: count\n  columns: [" + cols + "]\n  rows: []\n");
        INFO(listing(d).substr(0, 400));
        CHECK(has(d, "data.yaml", 5, 12, Severity::error, "a table may have at most 100000 rows and 200 columns"));
    }
    SECTION("sections nested too deep") {
        Scratch s;
        std::string open, close;
        for (int i = 0; i < 17; ++i) {
            open += "{{#report.title}}";
            close = "{{/report.title}}" + close;
        }
        s.write("templates/body.mustache", "Deep " + open + "x" + close + "\n");
        const auto d = check_data(s, "cohorts: []\n", "sections: [{heading: S, template: body}]\n");
        INFO(listing(d));
        CHECK(has(d, "body.mustache", 1, 6 + 16 * 17, Severity::error, "sections are nested more than 16 deep"));
    }
}

TEST_CASE("dates are real calendar dates in a sane range", "[hostile][dates]") {
    struct Case {
        const char* date;
        const char* message;
    };
    for (const Case& c : {Case{"0000-02-29", "0000-02-29 is outside the years 1900 to 2200"},
                          Case{"9999-12-31", "9999-12-31 is outside the years 1900 to 2200"},
                          Case{"2023-02-29", "2023-02-29 is not a date in the calendar"},
                          Case{"2024-13-01", "2024-13-01 is not a date in the calendar"},
                          Case{"2024-04-31", "2024-04-31 is not a date in the calendar"},
                          Case{"24-04-30", "must be a date written YYYY-MM-DD, got '24-04-30'"}}) {
        SECTION(c.date) {
            Scratch s;
            s.write("data.yaml", "cohorts: []\n");
            const std::string report = s.write("report.yaml", "boardpack: 1\nstyle: cabinet\ncommittee: Cabinet\nmeeting_date: " +
                                                                  std::string(c.date) +
                                                                  "\ntitle: T\nreport_of: R\nrecommendations: [That it be noted.]\ndata: [data.yaml]\n");
            const auto d = check_report(report);
            INFO(listing(d));
            CHECK(has(d, "report.yaml", 4, 15, Severity::error, c.message));
        }
    }
    SECTION("2024-02-29 is a date") {
        Scratch s;
        s.write("data.yaml", "cohorts: []\n");
        const auto d = check_report(s.write("report.yaml", "boardpack: 1\nstyle: cabinet\ncommittee: Cabinet\nmeeting_date: 2024-02-29\n"
                                                           "title: T\nreport_of: R\nrecommendations: [That it be noted.]\ndata: [data.yaml]\n"));
        INFO(listing(d));
        CHECK_FALSE(d.has_errors());
    }
}

TEST_CASE("a sum too large for exact arithmetic is an error of the report, not an internal one", "[hostile][limits]") {
    Scratch s;
    // Each line fits in 64 bits; a hundred of them do not.
    std::string lines;
    for (int i = 0; i < 100; ++i) lines += "          - {label: L" + std::to_string(i) + ", values: [99999999999999999]}\n";
    s.write("data.yaml",
            "mtfs:\n  unit: \"£'000s\"\n  years: [2019/20]\n  investment:\n    label: Investment Total\n    groups:\n"
            "      - name: G\n        total_label: G Total\n        lines:\n" + lines +
            "  savings:\n    name: Savings\n    total_label: Savings Total\n    lines:\n      - {label: S, values: [-3]}\n"
            "  return_on_investment:\n    label: ROI\n");
    const auto r = run_boardpack("build '" + s.write("report.yaml", report_yaml()) + "' --out '" + s.path("out") + "'");
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("report.yaml:1:1: error: a figure computed from this report's data is too large for exact arithmetic") !=
          std::string::npos);
    CHECK(r.out.find("internal error") == std::string::npos);
}

TEST_CASE("a built-in kind's table is bounded as a declared one is", "[hostile][limits]") {
    Scratch s;
    std::string lines;
    for (int i = 0; i < 100001; ++i) lines += "        - {label: L, values: [1]}\n";
    s.write("data.yaml",
            "mtfs:\n  unit: \"£'000s\"\n  years: [2019/20]\n  investment:\n    label: Investment Total\n    groups:\n"
            "    - name: G\n      total_label: G Total\n      lines:\n" + lines +
            "  savings:\n    name: Savings\n    total_label: Savings Total\n    lines:\n      - {label: S, values: [-3]}\n"
            "  return_on_investment:\n    label: ROI\n");
    const auto d = check_report(s.write("report.yaml", report_yaml()));
    INFO(listing(d).substr(0, 300));
    CHECK(has(d, "data.yaml", 2, 3, Severity::error, "table 'mtfs.investment' has 100008 rows; a table may have at most 100000"));
}

TEST_CASE("files and folders the user may not read are errors at the name that reads them", "[hostile][confine]") {
    // Root reads through permission bits, and CI runs as root: there the binary runs as
    // `nobody`, from copies it may execute and read, so that the bits apply.
    struct Case {
        const char* name;
        std::string data;
        const char* locked;  // made mode 000
        const char* expected;
    };
    const std::vector<Case> cases = {
        {"a data file", "[data.yaml]", "prog/data.yaml", "report.yaml:8:8: error: data file 'data.yaml' cannot be read (Permission denied)"},
        {"a folder on a data file's way", "[sub/data.yaml]", "prog/sub",
         "report.yaml:8:8: error: data file 'sub/data.yaml' cannot be read (Permission denied)"},
        {"a template", "[data.yaml]", "prog/templates/body.mustache", "report.yaml:9:35: error: template 'body' cannot be read (Permission denied)"},
        {"the report spec", "[data.yaml]", "prog/report.yaml", "error: the report spec cannot be read (Permission denied)"},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            Setup u(c.data);
            u.s.write("prog/sub/data.yaml", "cohorts: []\n");
            fs::copy_file(BOARDPACK_EXE, u.s.path("boardpack"));
            fs::copy(templates_root(), u.s.path("templates"), fs::copy_options::recursive);
            fs::permissions(u.s.dir(), fs::perms::all);  // the output folder goes here
            std::string prefix;
            if (::geteuid() == 0) prefix = "env -u LSAN_OPTIONS ASAN_OPTIONS=detect_leaks=0 setpriv --reuid=65534 --regid=65534 --clear-groups";
            fs::permissions(u.s.path(c.locked), fs::perms::none);
            const std::string cmd = prefix + " timeout 20 '" + u.s.path("boardpack") + "' build '" + u.report + "' --out '" +
                                    u.s.path("out") + "' --templates '" + u.s.path("templates") + "' 2>&1";
            const std::string out = capture(cmd + "; echo \"exit $?\"");
            fs::permissions(u.s.path(c.locked), fs::perms::owner_all);  // so that the scratch folder can be removed
            INFO(out);
            CHECK(out.find(c.expected) != std::string::npos);
            CHECK(out.find("exit 1") != std::string::npos);
            CHECK_FALSE(fs::exists(u.s.path("out/prog.pdf")));
        }
    }
}
