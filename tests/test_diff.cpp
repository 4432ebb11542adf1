// boardpack diff: what moved between two packs, from their figures files; and the
// bad inputs a diff must refuse at their file:line:col.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "movement/diff.hpp"
#include "support.hpp"

using namespace bp::test;

namespace {

// The same programme in two months: a figure moved, a row added, a row gone, a
// paragraph's figures changed.
std::string data(const std::string& rows) {
    return "tables:\n"
           "  - id: t\n"
           "    title: Families\n"
           "    unit: count\n"
           "    columns: [{id: v, label: Value}]\n"
           "    rows:\n" +
           rows +
           "      - {id: rate, label: Rate, unit: \"%\", percentage: [done, all]}\n";
}

std::string month(const Scratch& s, const std::string& dir, const std::string& rows) {
    s.write(dir + "/data.yaml", data(rows));
    s.write(dir + "/templates/body.mustache", "Closed: {{tables.t.done.v}} of {{tables.t.all.v}}.\n\n@table t\n");
    const std::string report =
        s.write(dir + "/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: Figures, template: body}]\ntables: [{id: t}]\n"));
    bp::BuildOptions o;
    o.out_dir = s.path(dir + "/out");
    o.templates_root = templates_root();
    const bp::ReportResult res = bp::run_report(report, o);
    INFO(listing(res.diags));
    REQUIRE(res.outputs.size() == 4);
    return res.outputs.back();  // the figures file
}

}  // namespace

TEST_CASE("diff lists moved, added and removed figures table by table, then changed paragraphs", "[diff]") {
    Scratch s;
    const std::string before = month(s, "oct",
                                     "      - {id: done, label: Closed, values: [17]}\n"
                                     "      - {id: all, label: Attached, values: [23]}\n"
                                     "      - {id: old, label: Withdrawn, values: [2]}\n");
    const std::string after = month(s, "nov",
                                    "      - {id: done, label: Closed, values: [19]}\n"
                                    "      - {id: all, label: Attached, values: [23]}\n"
                                    "      - {id: new, label: Referred, values: [1250]}\n");
    const Run r = run_boardpack("diff '" + before + "' '" + after + "'");
    CHECK(r.status == 1);  // something moved
    CHECK(r.out ==
          "What moved between oct (2019-11-20) and nov (2019-11-20):\n"
          "\n"
          "Table t: Families (count)\n"
          "  changed done.v     17 →    19        +2   +11.8%\n"
          "  added   new.v           1,250\n"
          "  changed rate.v  73.9% → 82.6%  +8.7 pts\n"
          "  removed old.v       2\n"
          "\n"
          "Paragraphs\n"
          "  changed paragraph 1 (Figures, its 1st)\n"
          "      was: Closed: 17 of 23.\n"
          "      now: Closed: 19 of 23.\n"
          "\n"
          "4 figures moved (2 changed, 1 added, 1 removed); 1 paragraph (1 changed, 0 added, 0 removed)\n");

    // The same file against itself: nothing moved, exit 0.
    const Run same = run_boardpack("diff '" + after + "' '" + after + "'");
    CHECK(same.status == 0);
    CHECK(same.out == "Nothing moved between nov (2019-11-20) and nov (2019-11-20).\n");

    // An output folder is a side too.
    const Run folders = run_boardpack("diff '" + s.path("oct/out") + "' '" + s.path("nov/out") + "'");
    CHECK(folders.status == 1);
    CHECK(folders.out == r.out);

    // --json: exact values, the difference and the relative change exactly.
    const Run j = run_boardpack("diff --json '" + before + "' '" + after + "'");
    CHECK(j.status == 1);
    const auto doc = nlohmann::json::parse(j.out);
    CHECK(doc["moved"] == true);
    const auto& done = doc["tables"][0]["figures"][0];
    CHECK(done["row"] == "done");
    CHECK(done["before"]["value"] == "17");
    CHECK(done["after"]["value"] == "19");
    CHECK(done["difference"] == "2");
    CHECK(done["relative"] == "2/17");
    CHECK(doc["tables"][0]["figures"][1]["change"] == "added");
    CHECK(doc["tables"][0]["figures"][1]["before"].is_null());
    CHECK(doc["summary"]["paragraphs"]["changed"] == 1);
}

TEST_CASE("diff refuses what is not a figures file, at its file:line:col", "[diff]") {
    Scratch s;
    const std::string good = month(s, "m",
                                   "      - {id: done, label: Closed, values: [17]}\n"
                                   "      - {id: all, label: Attached, values: [23]}\n");
    const std::string text = slurp(good);

    const Run yaml = run_boardpack("diff '" + s.write("notes.json", "{\"title\": \"minutes\"}\n") + "' '" + good + "'");
    CHECK(yaml.status == 1);
    CHECK(yaml.out.find("notes.json:1:1: error: not a boardpack figures file") != std::string::npos);

    const Run damaged = run_boardpack("diff '" + s.write("cut.json", text.substr(0, 200)) + "' '" + good + "'");
    CHECK(damaged.status == 1);
    CHECK(damaged.out.find("cut.json:") != std::string::npos);
    CHECK(damaged.out.find("error: not a figures file: the JSON is damaged") != std::string::npos);

    std::string v1 = text;
    v1.replace(v1.find("\"version\": 2"), 12, "\"version\": 1");
    const Run older = run_boardpack("diff '" + s.write("v1.json", v1) + "' '" + good + "'");
    CHECK(older.status == 1);
    CHECK(older.out.find("v1.json:3:3: error: this figures file is format 1, written by an older boardpack; this one reads "
                         "format 2: build that report again") != std::string::npos);

    std::string bad_value = text;
    bad_value.replace(bad_value.find("\"value\":\"17\""), 12, "\"value\":\"1,7\"");
    const Run value = run_boardpack("diff '" + s.write("bad.json", bad_value) + "' '" + good + "'");
    CHECK(value.status == 1);
    CHECK(value.out.find("error: not a well-formed figures file: cell t.done.v has the value '1,7', which is not an exact number") !=
          std::string::npos);

    const Run missing = run_boardpack("diff '" + s.path("none.figures.json") + "' '" + good + "'");
    CHECK(missing.status == 1);
    CHECK(missing.out.find("none.figures.json:1:1: error: no such figures file") != std::string::npos);

    const Run empty_dir = run_boardpack("diff '" + s.path("m/templates") + "' '" + good + "'");
    CHECK(empty_dir.status == 1);
    CHECK(empty_dir.out.find("no *.figures.json in this folder") != std::string::npos);

    const Run one = run_boardpack("diff '" + good + "'");
    CHECK(one.status == 1);
    CHECK(one.out.find("needs OLD and NEW") != std::string::npos);
}

TEST_CASE("diff REV:path builds the report as committed at a git revision", "[diff]") {
    Scratch s;
    const std::string good = month(s, "repo/p",
                                   "      - {id: done, label: Closed, values: [17]}\n"
                                   "      - {id: all, label: Attached, values: [23]}\n");
    const std::string in_repo = "cd '" + s.path("repo") + "' &&";
    REQUIRE(capture(in_repo + " git init -q . && git add p/data.yaml p/report.yaml p/templates && git -c user.name=t -c "
                              "user.email=t@example.org commit -qm one && echo ok") == "ok\n");
    // The data moves after the commit: the revision has 17, the working file 19.
    s.write("repo/p/data.yaml", data("      - {id: done, label: Closed, values: [19]}\n"
                                     "      - {id: all, label: Attached, values: [23]}\n"));
    const Run same = run_boardpack("diff HEAD:p/report.yaml '" + good + "'", in_repo);
    INFO(same.out);
    CHECK(same.status == 0);  // the committed report's figures are the ones built from it

    const Run nowhere = run_boardpack("diff no-such-tag:p/report.yaml '" + good + "'", in_repo);
    CHECK(nowhere.status == 1);
    CHECK(nowhere.out.find("no revision 'no-such-tag' in") != std::string::npos);

    const Run absent = run_boardpack("diff HEAD:p/other.yaml '" + good + "'", in_repo);
    CHECK(absent.status == 1);
    CHECK(absent.out.find("there is no p/other.yaml at revision HEAD") != std::string::npos);
}

TEST_CASE("a figure's change: in its own precision, a percentage's in points, none across units", "[diff]") {
    using bp::movement::Figure;
    using bp::movement::figure_change;
    Figure a{"t", "r", "c", "", "number", "£", bp::Num(1184000), "1,184,000"};
    Figure b = a;
    b.value = bp::Num(1160000);
    b.shown = "1,160,000";
    auto c = figure_change(a, b);
    CHECK(c.difference == "-24,000");
    CHECK(c.relative == "-2.0%");
    Figure p{"t", "r", "c", "", "number", "%", bp::Num::ratio(559, 1000), "55.9%"};
    Figure q = p;
    q.value = bp::Num::ratio(547, 1000);
    q.shown = "54.7%";
    c = figure_change(p, q);
    CHECK(c.difference == "-1.2 pts");
    CHECK(c.relative.empty());  // a relative change of a rate misleads
    // The difference is the printed figures' (58.7% → 56.1%), though the exact values
    // (1525/2600 and 55/98) differ by 2.53 points; the relative change is not taken
    // across zero.
    Figure e{"t", "r", "c", "", "number", "%", bp::Num::ratio(61, 104), "58.7%"};
    Figure f = e;
    f.value = bp::Num::ratio(55, 98);
    f.shown = "56.1%";
    CHECK(figure_change(e, f).difference == "-2.6 pts");
    Figure up{"t", "r", "c", "", "number", "count", bp::Num(2), "2"};
    Figure down = up;
    down.value = bp::Num(-4);
    down.shown = "-4";
    CHECK(figure_change(up, down).difference == "-6");
    CHECK(figure_change(up, down).relative.empty());
    Figure m = a;
    m.unit = "£'000s";
    CHECK_FALSE(figure_change(a, m).comparable);
    CHECK(bp::movement::shown_decimals("(2,000)") == 0);
    CHECK(bp::movement::shown_decimals("4.60") == 2);
}

TEST_CASE("a figures file is read as a stream: each structural fault is named, at the key it is at", "[diff]") {
    const std::string head = "{\n  \"format\": \"boardpack-figures\",\n  \"version\": 2,\n"
                             "  \"report\": {\"id\":\"r\",\"title\":\"T\",\"date\":\"2024-01-01\"},\n"
                             "  \"generator\": \"boardpack\",\n";
    auto problem = [](const std::string& text) {
        bp::Diagnostics d;
        const auto f = bp::movement::parse_figures_file(text, "f.json", d);
        CHECK(!f);
        return d.items().empty() ? std::string("none") : d.items().front().pos.str() + ": " + d.items().front().message;
    };
    const std::string tail = ",\n  \"named\": [],\n  \"paragraphs\": []\n}\n";
    // A good file, for contrast.
    bp::Diagnostics ok;
    const auto good = bp::movement::parse_figures_file(
        head + "  \"tables\": [{\"id\":\"t\",\"title\":\"T\",\"unit\":\"count\",\"rows\":[{\"id\":\"a\",\"label\":\"A\"}],"
               "\"columns\":[{\"id\":\"v\",\"label\":\"V\"}],\"cells\":[{\"row\":\"a\",\"column\":\"v\",\"kind\":\"number\","
               "\"unit\":\"count\",\"value\":\"2/3\",\"shown\":\"1\",\"at\":{\"file\":\"d.yaml\",\"line\":1,\"column\":2}}]}]" + tail,
        "f.json", ok);
    REQUIRE(good);
    REQUIRE(good->tables.size() == 1);
    CHECK(good->tables[0].cells.at(0).key() == "t.a.v");
    CHECK(*good->tables[0].cells.at(0).value == bp::Num::ratio(2, 3));
    CHECK(good->tables[0].rows.at(0).label == "A");
    CHECK(problem(head + "  \"tables\": [{\"id\":\"t\",\"title\":\"T\",\"unit\":\"count\",\"rows\":[],\"columns\":[]}]" + tail) ==
          "f.json:1:1: not a well-formed figures file: a table has no \"cells\"");
    CHECK(problem(head + "  \"tables\": {}" + tail) == "f.json:6:3: not a well-formed figures file: the file's \"tables\" is not a list");
    CHECK(problem(head + "  \"tables\": [],\n  \"named\": [],\n  \"paragraphs\": [{\"section\":\"S\",\"place\":\"one\",\"number\":1,"
                         "\"text\":\"x\"}]\n}\n") ==
          "f.json:8:33: not a well-formed figures file: a paragraph's \"place\" is not a whole number");
    CHECK(problem(head + "  \"tables\": [7]" + tail) ==
          "f.json:6:3: not a well-formed figures file: the file's \"tables\" holds a value where an object belongs");
    // Deep nesting is refused, not recursed into.
    CHECK(problem(head + "  \"tables\": [], \"x\": " + std::string(100000, '[') + std::string(100000, ']') + tail)
              .find("nested more than 64 deep") != std::string::npos);
}
