// "Since the last report": a report's `previous:` names the last report's figures file;
// templates see each figure's previous value, its change and the words for it, a
// declared column may be the change (`since:`), and every bad previous file is an
// error at its file:line:col.
#include <catch2/catch.hpp>

#include "movement/figures_file.hpp"
#include "publish/fingerprint.hpp"
#include "support.hpp"

using namespace bp::test;

namespace {

std::string data(const std::string& rows, const std::string& extra_columns = "") {
    return "tables:\n"
           "  - id: t\n"
           "    title: Families\n"
           "    unit: count\n"
           "    columns: [{id: v, label: Value}" + extra_columns + "]\n"
           "    rows:\n" + rows +
           "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n";
}

const std::string kOctober = "      - {id: done, label: Closed, values: [17]}\n"
                             "      - {id: all, label: Attached, values: [23]}\n"
                             "      - {id: old, label: Withdrawn, values: [2]}\n";
const std::string kNovember = "      - {id: done, label: Closed, values: [19]}\n"
                              "      - {id: all, label: Attached, values: [23]}\n"
                              "      - {id: new, label: Referred, values: [1250]}\n";

bp::ReportResult build(const std::string& report, const std::string& out) {
    bp::BuildOptions o;
    o.out_dir = out;
    o.templates_root = templates_root();
    return bp::run_report(report, o);
}

// October's report, built; its figures file copied into November's folder as the
// previous report. Returns the copy's path.
std::string october(const Scratch& s) {
    s.write("oct/data.yaml", data(kOctober));
    s.write("oct/templates/body.mustache", "Closed: {{tables.t.done.v}}.\n\n@table t\n");
    const std::string report =
        s.write("oct/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
    replace_in(report, "meeting_date: 2019-11-20", "meeting_date: 2019-10-16");
    const auto res = build(report, s.path("oct/out"));
    INFO(listing(res.diags));
    REQUIRE(res.outputs.size() == 4);
    return s.write("nov/last.figures.json", slurp(res.outputs.back()));
}

std::string november(const Scratch& s, const std::string& template_text, const std::string& previous,
                     const std::string& extra_columns = "") {
    s.write("nov/data.yaml", data(kNovember, extra_columns));
    s.write("nov/templates/body.mustache", template_text);
    return s.write("nov/report.yaml", report_yaml("[data.yaml]", previous + "sections: [{heading: Figures, template: body}]\n"
                                                                            "tables: [{id: t}]\n"));
}

const std::string kPrevious = "previous: {figures: last.figures.json, report: oct}\n";

}  // namespace

TEST_CASE("templates see each figure's previous value, its change and the words for it", "[previous]") {
    Scratch s;
    october(s);
    const std::string report = november(
        s,
        "Since {{since.report.date}}: closed {{since.tables.t.done.v.words}} ({{since.tables.t.done.v.change}}, "
        "{{since.tables.t.done.v.by_pct}}); attached {{since.tables.t.all.v.words}}; the rate "
        "{{since.tables.t.rate.v.words_by}}, from {{since.tables.t.rate.v.previous}}."
        "{{#since.tables.t.new.v.is_new}} Referrals are new.{{/since.tables.t.new.v.is_new}}\n\n@table t\n",
        kPrevious, ", {id: change, label: Change since October, since: v}");
    const auto res = build(report, s.path("nov/out"));
    INFO(listing(res.diags));
    REQUIRE(res.outputs.size() == 4);
    // October's row "old" is not in November's table: a warning at previous:, not silence.
    CHECK(has(res.diags, "nov/report.yaml", 9, 21, bp::Severity::warning,
              "table 't' of the previous report (" + s.path("nov/last.figures.json") +
                  ") had the row old, which this report does not: its figures are not compared"));
    CHECK(res.diags.items().size() == 1);
    bp::Diagnostics d;
    const auto figures = bp::movement::read_figures_file(res.outputs.back(), d);
    REQUIRE(figures);
    std::string body;
    for (const auto& p : figures->paragraphs)
        if (p.section == "Figures") body += p.text;
    CHECK(body ==
          "Since 16 October 2019: closed rose from 17 to 19 (+2, 11.8%); attached was unchanged at 23; the rate rose by "
          "8.7 percentage points, from 73.9%. Referrals are new.");
    // The change column: signed, a dash for the new row, the rate's change in its own unit;
    // each cell is this report's figure less the previous one as printed.
    const bp::FiguresTable* t = figures->table("t");
    REQUIRE(t);
    std::string shown;
    for (const auto& c : t->cells)
        if (c.column == "change") shown += c.row + " " + c.shown + "; ";
    CHECK(shown == "done +2; all 0; new -; rate +8.7 pts; ");  // a change of a rate, in points
    const std::string text = slurp(res.outputs.back());
    CHECK(text.find("\"row\":\"done\",\"column\":\"change\",\"kind\":\"number\",\"unit\":\"count\",\"value\":\"2\","
                    "\"shown\":\"+2\",\"origin\":\"derived\",\"from\":\"t.done.v - 17\"") != std::string::npos);
    CHECK(text.find("\"from\":\"t.rate.v - 0.739\"") != std::string::npos);  // 73.9% as printed, not 17/23
    // The workbook holds the rate's change as points, by a formula over the rate's cell.
    const std::string xlsx = s.path("nov/out/nov.xlsx");
    const std::string sheets = capture("unzip -p '" + xlsx + "' 'xl/worksheets/*.xml'");
    CHECK(sheets.find("-0.739)*100</f>") != std::string::npos);
    CHECK(capture("unzip -p '" + xlsx + "' xl/styles.xml").find("formatCode=\"+0.0&quot; pts&quot;;-0.0&quot; pts&quot;;0.0&quot; pts&quot;\"") !=
          std::string::npos);
}

TEST_CASE("a previous figures file that is not this report's, not a figures file, or later is an error at its place", "[previous]") {
    Scratch s;
    october(s);
    const std::string body = "Closed: {{tables.t.done.v}}.\n\n@table t\n";
    auto errors_of = [&](const std::string& previous) {
        const std::string report = november(s, body, previous);
        return check_report(report);
    };
    // Another report's file, with no word that it is the one this follows: both ids named.
    auto d = errors_of("previous: last.figures.json\n");
    { INFO(listing(d)); CHECK(has(d, "nov/report.yaml", 9, 11, bp::Severity::error,
              "previous figures file 'last.figures.json' is of report 'oct', not of this report, 'nov'; if that is the "
              "report this one follows, say so: previous: {figures: last.figures.json, report: oct}")); }
    d = errors_of("previous: {figures: last.figures.json, report: september}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/report.yaml", 9, 48, bp::Severity::error,
              "is of report 'oct', not of 'september', the report 'previous' names")); }
    // Not there, outside the folder, not JSON, an older format.
    d = errors_of("previous: {figures: missing.figures.json, report: oct}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/report.yaml", 9, 21, bp::Severity::error, "previous figures file 'missing.figures.json' does not exist")); }
    d = errors_of("previous: {figures: ../oct/out/oct.figures.json, report: oct}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/report.yaml", 9, 21, bp::Severity::error, "climbs out of its folder with '..'")); }
    s.write("nov/notes.figures.json", "tables: [a, b]\n");
    d = errors_of("previous: {figures: notes.figures.json, report: oct}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/notes.figures.json", 1, 2, bp::Severity::error, "not a figures file: the JSON is damaged")); }
    std::string old = slurp(s.path("nov/last.figures.json"));
    old.replace(old.find("\"version\": 2"), 12, "\"version\": 1");
    s.write("nov/old.figures.json", old);
    d = errors_of("previous: {figures: old.figures.json, report: oct}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/old.figures.json", 3, 3, bp::Severity::error,
              "this figures file is format 1, written by an older boardpack; this one reads format 2")); }
    // A "previous" report dated after this one.
    std::string later = slurp(s.path("nov/last.figures.json"));
    later.replace(later.find("\"date\":\"2019-10-16\""), 19, "\"date\":\"2019-12-18\"");
    s.write("nov/later.figures.json", later);
    d = errors_of("previous: {figures: later.figures.json, report: oct}\n");
    { INFO(listing(d)); CHECK(has(d, "nov/report.yaml", 9, 21, bp::Severity::error,
              "is of the report for 2019-12-18, after this report's meeting (2019-11-20)")); }
}

TEST_CASE("a figure whose unit changed since the previous report is an error: a change across units is meaningless", "[previous]") {
    Scratch s;
    october(s);
    const std::string report = november(s, "Closed: {{tables.t.done.v}}.\n\n@table t\n", kPrevious);
    replace_in(s.path("nov/data.yaml"), "{id: done, label: Closed, values: [19]}", "{id: done, label: Closed, unit: \"£\", values: [19]}");
    const auto d = check_report(report);
    { INFO(listing(d)); CHECK(has(d, "nov/data.yaml", 7, 56, bp::Severity::error,
              "t.done.v is £ here but a count in the previous report (" + s.path("nov/last.figures.json") +
                  "): a change across units is meaningless")); }
}

TEST_CASE("since names without a previous report, or for a new figure, refuse where they would print", "[previous]") {
    Scratch s;
    october(s);
    // No previous: a since column is an error at its derivation, a since text at its tag.
    auto report = november(s, "Closed {{since.tables.t.done.v.words}}.\n\n@table t\n", "", ", {id: change, label: Change, since: v}");
    auto d = check_report(report);
    { INFO(listing(d)); CHECK(has(d, "nov/data.yaml", 5, 66, bp::Severity::error,
              "'since' is the change since the previous report, and this report names none: add previous: FILE")); }
    report = november(s, "Closed {{since.tables.t.done.v.words}}.\n\n@table t\n", "");
    d = check_report(report);
    { INFO(listing(d)); CHECK(has(d, "nov/templates/body.mustache", 1, 8, bp::Severity::error,
              "'since.tables.t.done.v.words' has no previous figure: the report spec names no previous report (previous:)")); }
    // Guarded by since.available, the same template serves the first report of a series.
    report = november(s, "Closed: {{tables.t.done.v}}.{{#since.available}} It {{since.tables.t.done.v.words}}.{{/since.available}}\n\n@table t\n", "");
    d = check_report(report);
    CHECK(!d.has_errors());
    // A figure with no previous value refuses its words; is_new says why.
    report = november(s, "Referred {{since.tables.t.new.v.words}}.\n\n@table t\n", kPrevious);
    d = check_report(report);
    { INFO(listing(d)); CHECK(has(d, "nov/templates/body.mustache", 1, 10, bp::Severity::error,
              "'since.tables.t.new.v.words' is new since the previous report: it had no figure there")); }
}

TEST_CASE("the previous figures file is an input: a change to it renders the report again", "[previous]") {
    Scratch s;
    const std::string previous = october(s);
    const std::string report = november(s, "Closed: {{tables.t.done.v}}.\n\n@table t\n", kPrevious);
    const std::string build_it = "build '" + report + "' --out '" + s.path("nov/out") + "' --templates '" + templates_root() + "'";
    REQUIRE(run_boardpack(build_it).status == 0);
    CHECK(run_boardpack(build_it).out.find("0 built, 1 unchanged") != std::string::npos);
    replace_in(previous, "\"value\":\"17\"", "\"value\":\"16\"");
    CHECK(run_boardpack(build_it).out.find("1 built, 0 unchanged") != std::string::npos);
    const auto inputs = bp::publish::report_inputs(report, templates_root());
    CHECK(std::find(inputs.files.begin(), inputs.files.end(), previous) != inputs.files.end());
}

TEST_CASE("build --previous DIR: a cron job's dated output folders, each month compared with the last", "[previous]") {
    Scratch s;
    s.write("prog/data.yaml", data(kOctober));
    s.write("prog/templates/body.mustache",
            "Closed: {{tables.t.done.v}}.{{#since.available}} Since {{since.report.date}} it "
            "{{since.tables.t.done.v.words}}.{{/since.available}}\n\n@table t\n");
    const std::string report =
        s.write("prog/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
    replace_in(report, "meeting_date: 2019-11-20", "meeting_date: 2019-10-16");
    const std::string opts = "--templates '" + templates_root() + "' ";
    // The first month: no previous folder yet, so a warning and nothing compared.
    const Run first = run_boardpack("build '" + report + "' " + opts + "--out '" + s.path("packs/2019-10") + "' --previous '" +
                                    s.path("packs/2019-09") + "'");
    CHECK(first.status == 0);
    CHECK(first.out.find("prog/report.yaml:1:1: warning: no previous figures for report 'prog' (--previous: looked for " +
                         s.path("packs/2019-09") + "/prog.figures.json); nothing is compared with a previous report") !=
          std::string::npos);
    // The next month's data, compared with the last month's folder.
    s.write("prog/data.yaml", data(kNovember));
    replace_in(report, "meeting_date: 2019-10-16", "meeting_date: 2019-11-20");
    const std::string next = "build '" + report + "' " + opts + "--out '" + s.path("packs/2019-11") + "' --previous '" +
                             s.path("packs/2019-10") + "'";
    const Run second = run_boardpack(next);
    INFO(second.out);
    CHECK(second.status == 0);
    bp::Diagnostics d;
    const auto figures = bp::movement::read_figures_file(s.path("packs/2019-11/prog.figures.json"), d);
    REQUIRE(figures);
    std::string body;
    for (const auto& p : figures->paragraphs)
        if (p.section == "Figures") body += p.text;
    CHECK(body == "Closed: 19. Since 16 October 2019 it rose from 17 to 19.");
    // Last month's figures are an input: changing them renders this month again.
    CHECK(run_boardpack(next).out.find("0 built, 1 unchanged") != std::string::npos);
    replace_in(s.path("packs/2019-10/prog.figures.json"), "\"value\":\"17\"", "\"value\":\"18\"");
    CHECK(run_boardpack(next).out.find("1 built, 0 unchanged") != std::string::npos);
    // The output folder itself is refused: the report would be compared with itself.
    const Run self = run_boardpack("build '" + report + "' " + opts + "--out '" + s.path("packs/2019-11") + "' --previous '" +
                                   s.path("packs/2019-11/") + "'");
    CHECK(self.status == 1);
    CHECK(self.out.find("boardpack: --previous names the output folder") != std::string::npos);
}

TEST_CASE("a since row is the change of the row it names, a rate row's as its change in points", "[previous]") {
    Scratch s;
    october(s);
    s.write("nov/data.yaml",
            "tables:\n"
            "  - id: t\n"
            "    title: Families\n"
            "    unit: count\n"
            "    columns: [{id: v, label: Value}]\n"
            "    rows:\n" + kNovember +
            "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n"
            "      - {id: done_change, label: Change in closed, since: done}\n"
            "      - {id: rate_change, label: Change in the rate, unit: \"%\", since: rate}\n");
    s.write("nov/templates/body.mustache", "@table t\n");
    const std::string report = s.write("nov/report.yaml", report_yaml("[data.yaml]", kPrevious + "sections: [{heading: Figures, template: body}]\n"
                                                                                                 "tables: [{id: t}]\n"));
    bp::BuildOptions o;
    o.out_dir = s.path("nov/out");
    o.templates_root = templates_root();
    const auto res = bp::run_report(report, o);
    INFO(listing(res.diags));
    REQUIRE(res.outputs.size() == 4);
    bp::Diagnostics d;
    const auto figures = bp::movement::read_figures_file(res.outputs.back(), d);
    REQUIRE(figures);
    std::string shown;
    for (const auto& c : figures->table("t")->cells)
        if (c.row == "done_change" || c.row == "rate_change") shown += c.row + " " + c.shown + "; ";
    CHECK(shown == "done_change +2; rate_change +8.7 pts; ");
}

TEST_CASE("a previous figures file larger than any YAML input is still hashed: a change to it renders again", "[previous]") {
    Scratch s;
    const std::string previous = october(s);
    // 9 MB of JSON whitespace: the file as a 10,000-row report's would be, past the 8 MB
    // an input YAML file may be.
    std::string big = slurp(previous);
    big.insert(big.size() - 2, std::string(9u << 20, ' '));
    s.write("nov/last.figures.json", big);
    const std::string report = november(s, "Closed: {{tables.t.done.v}}.\n\n@table t\n", kPrevious);
    const std::string build_it = "build '" + report + "' --out '" + s.path("nov/out") + "' --templates '" + templates_root() + "'";
    const Run first = run_boardpack(build_it);
    INFO(first.out);
    REQUIRE(first.status == 0);
    CHECK(run_boardpack(build_it).out.find("0 built, 1 unchanged") != std::string::npos);
    replace_in(previous, "\"value\":\"17\"", "\"value\":\"16\"");
    CHECK(run_boardpack(build_it).out.find("1 built, 0 unchanged") != std::string::npos);
}
