// Batch runs as cron and CI use them: parallel equals serial, incremental by content,
// nothing lost when killed or out of disk, one run per folder, the manifest, check,
// and shards that cover the batch exactly once.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <regex>

#include <nlohmann/json.hpp>

#include "cli/batch.hpp"
#include "core/sha256.hpp"
#include "support.hpp"

using namespace bp::test;

namespace {

Run run(const std::string& args, const std::string& env = "") { return run_boardpack(args, env); }

// What each built report writes: the PDF, the HTML edition and the workbook.
constexpr size_t kEditions = 4;  // PDF, HTML edition, workbook, figures file

// `n` programmes, each a copy of the bundled example named p0, p1 ... (its folder names it).
std::string make_batch(const Scratch& s, int n) {
    const fs::path src = fs::path(BOARDPACK_SOURCE_DIR) / "inputs/children-families-part2";
    std::string reports;
    for (int i = 0; i < n; ++i) {
        const fs::path dst = s.dir() / "inputs" / ("p" + std::to_string(i));
        fs::create_directories(dst);
        for (const char* f : {"report.yaml", "mtfs.yaml", "brfc.yaml", "pilots.yaml", "cohorts.yaml"}) fs::copy(src / f, dst / f);
        fs::copy(src / "templates", dst / "templates");
        reports += " '" + (dst / "report.yaml").string() + "'";
    }
    return reports;
}

std::string common(const std::string& out) { return " --out '" + out + "' --templates '" + templates_root() + "'"; }

// Every report output of a folder (.pdf, .html, .xlsx, .figures.json) with its bytes.
std::map<std::string, std::string> outputs(const std::string& dir) {
    std::map<std::string, std::string> m;
    if (!fs::exists(dir)) return m;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        const bool figures = name.size() > 13 && name.compare(name.size() - 13, 13, ".figures.json") == 0;
        if (e.path().extension() == ".pdf" || e.path().extension() == ".xlsx" || e.path().extension() == ".html" || figures)
            m[name] = slurp(e.path().string());
    }
    return m;
}

// Names a report's outputs with an `id` line at the top of its spec.
void give_id(const std::string& spec, const std::string& id) {
    const std::string text = slurp(spec);
    std::ofstream(spec, std::ios::binary) << "id: " << id << "\n" << text;
}

nlohmann::json manifest(const std::string& dir, const std::string& name = "manifest.json") {
    return nlohmann::json::parse(slurp(dir + "/" + name));
}

}  // namespace

TEST_CASE("a parallel run renders exactly what a serial run does", "[batch]") {
    Scratch s;
    const std::string reports = make_batch(s, 4);
    REQUIRE(run("build" + reports + common(s.path("serial")) + " --jobs 1").status == 0);
    REQUIRE(run("build" + reports + common(s.path("parallel")) + " --jobs 4").status == 0);
    const auto a = outputs(s.path("serial")), b = outputs(s.path("parallel"));
    CHECK(a.size() == 4 * kEditions);
    CHECK(a == b);
    CHECK(slurp(s.path("serial/manifest.json")) == slurp(s.path("parallel/manifest.json")));
}

TEST_CASE("a worker that renders report after report writes what a fresh process would", "[batch]") {
    // Workers stay up from one report to the next (fonts, templates, heap): nothing of
    // one report may reach the next. Different programmes in one worker, then each alone.
    Scratch s;
    make_batch(s, 3);
    replace_in(s.path("inputs/p1/brfc.yaml"), "families_attached: 6049", "families_attached: 6050");
    replace_in(s.path("inputs/p2/report.yaml"), "Children and Families System Transformation Part 2", "A shorter title");
    const fs::path committee = fs::path(BOARDPACK_SOURCE_DIR) / "inputs/children-families-part2/report-select-committee.yaml";
    fs::copy(committee, s.dir() / "inputs/p0/report-select-committee.yaml");
    const std::vector<std::string> reports = {s.path("inputs/p0/report-select-committee.yaml"), s.path("inputs/p1/report.yaml"),
                                              s.path("inputs/p0/report.yaml"), s.path("inputs/p2/report.yaml")};
    std::string all;
    for (const auto& r : reports) all += " '" + r + "'";
    REQUIRE(run("build" + all + common(s.path("together")) + " --jobs 1").status == 0);
    for (size_t i = 0; i < reports.size(); ++i)
        REQUIRE(run("build '" + reports[i] + "'" + common(s.path("alone")) + " --jobs 1").status == 0);
    const auto together = outputs(s.path("together")), alone = outputs(s.path("alone"));
    CHECK(together.size() == 4 * kEditions);
    CHECK(together == alone);
}

TEST_CASE("a worker that dies loses only the report in its hands", "[batch][faults]") {
    Scratch s;
    const int n = 10;
    const std::string reports = make_batch(s, n);
    const std::string out = s.path("out");
    const std::string log = s.path("stderr.txt");
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string cmd = "exec '" + std::string(BOARDPACK_EXE) + "' build" + reports + common(out) + " --jobs 1 2>'" + log + "'";
        ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Kill the first worker while it renders: it is the run's only child at first.
    const std::string children = "/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children";
    pid_t worker = 0;
    for (int i = 0; i < 2000 && worker == 0; ++i) {
        std::ifstream(children) >> worker;
        if (worker == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(worker > 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(worker, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);  // an internal failure
    const std::string err = slurp(log);
    INFO(err);
    CHECK(err.find("died (signal 9)") != std::string::npos);
    const auto m = manifest(out);
    int built = 0, failed = 0;
    for (const auto& r : m["reports"]) (r["status"] == "built" ? built : failed)++;
    CHECK(failed == 1);  // a new worker took the rest
    CHECK(built == n - 1);
    CHECK(outputs(out).size() == kEditions * static_cast<size_t>(n - 1));
}

TEST_CASE("two reports with one output name: one fails with an error, the other's files stay its own", "[batch]") {
    Scratch s;
    const std::string reports = make_batch(s, 2);
    for (const char* r : {"inputs/p0/report.yaml", "inputs/p1/report.yaml"}) give_id(s.path(r), "same");
    replace_in(s.path("inputs/p1/brfc.yaml"), "families_attached: 6049", "families_attached: 6050");
    // Serially, the first named keeps the name; in parallel, whichever claims it first.
    const auto serial = run("build" + reports + common(s.path("serial")) + " --jobs 1");
    INFO(serial.out);
    CHECK(serial.status == 1);
    CHECK(serial.out.find("p1/report.yaml:1:5: error: the output name 'same' is taken in this run by " +
                          s.path("inputs/p0/report.yaml")) != std::string::npos);
    CHECK(serial.out.find("1 built") != std::string::npos);
    CHECK(serial.out.find("1 failed") != std::string::npos);
    REQUIRE(run("build '" + s.path("inputs/p0/report.yaml") + "'" + common(s.path("p0-alone"))).status == 0);
    CHECK(outputs(s.path("serial")) == outputs(s.path("p0-alone")));
    const auto parallel = run("build" + reports + common(s.path("parallel")) + " --jobs 2");
    CHECK(parallel.status == 1);
    const auto m = manifest(s.path("parallel"));
    int built = 0, failed = 0;
    for (const auto& r : m["reports"]) (r["status"] == "built" ? built : failed)++;
    CHECK(built == 1);
    CHECK(failed == 1);
}

TEST_CASE("merging shard manifests reports two reports with one output name", "[batch][shards]") {
    // Shards run apart: a name clash between them can only be seen when they merge.
    Scratch s;
    make_batch(s, 2);
    for (const char* r : {"inputs/p0/report.yaml", "inputs/p1/report.yaml"}) give_id(s.path(r), "same");
    REQUIRE(run("build '" + s.path("inputs/p0/report.yaml") + "'" + common(s.path("a"))).status == 0);
    REQUIRE(run("build '" + s.path("inputs/p1/report.yaml") + "'" + common(s.path("b"))).status == 0);
    const auto merged = run("merge-manifests '" + s.path("all.json") + "' '" + s.path("a/manifest.json") + "' '" +
                            s.path("b/manifest.json") + "'");
    INFO(merged.out);
    CHECK(merged.status == 1);
    CHECK(merged.out.find("both write outputs named 'same'") != std::string::npos);
    CHECK(fs::exists(s.path("all.json")));  // still written: it records what happened
    // Different names merge cleanly.
    const auto clean = run("merge-manifests '" + s.path("one.json") + "' '" + s.path("a/manifest.json") + "'");
    CHECK(clean.status == 0);
}

TEST_CASE("unchanged reports are skipped by content, not by time; --force renders anyway", "[batch]") {
    Scratch s;
    const std::string reports = make_batch(s, 3);
    const std::string out = s.path("out");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    auto again = run("build" + reports + common(out));
    CHECK(again.out.find("0 built, 3 unchanged") != std::string::npos);
    // Touched but not changed: still unchanged.
    const std::string data = s.path("inputs/p1/brfc.yaml");
    fs::last_write_time(data, fs::file_time_type::clock::now());
    CHECK(run("build" + reports + common(out)).out.find("0 built, 3 unchanged") != std::string::npos);
    // A changed figure: that report only.
    replace_in(data, "families_attached: 6049", "families_attached: 6050");
    CHECK(run("build" + reports + common(out)).out.find("1 built, 2 unchanged") != std::string::npos);
    const auto m = manifest(out);
    for (const auto& r : m["reports"]) CHECK(r["status"] == (r["id"] == "p1" ? "built" : "unchanged"));
    // A changed template of the house style: every report using it.
    // A deleted output: rendered again.
    fs::remove(s.path("out/p2.pdf"));
    CHECK(run("build" + reports + common(out)).out.find("1 built, 2 unchanged") != std::string::npos);
    CHECK(fs::exists(s.path("out/p2.pdf")));
    CHECK(run("build" + reports + common(out) + " --force").out.find("3 built, 0 unchanged") != std::string::npos);
}

TEST_CASE("the manifest lists every output and input with its SHA-256, and each report's status", "[batch]") {
    Scratch s;
    const std::string reports = make_batch(s, 2);
    const std::string out = s.path("out");
    replace_in(s.path("inputs/p1/brfc.yaml"), "successful_closures: 2796", "successful_closures: 9999");
    const auto r = run("build" + reports + common(out));
    CHECK(r.status == 1);  // one report failed; the other was built all the same
    const auto m = manifest(out);
    REQUIRE(m["reports"].size() == 2);
    const auto& good = m["reports"][0];
    const auto& bad = m["reports"][1];
    CHECK(good["id"] == "p0");
    CHECK(good["status"] == "built");
    CHECK(good["errors"] == 0);
    REQUIRE(good["outputs"].size() == kEditions);
    for (const auto& o : good["outputs"])
        CHECK(o["sha256"] == bp::sha256_file(out + "/" + o["path"].get<std::string>()));
    bool template_listed = false;
    for (const auto& i : good["inputs"]) template_listed = template_listed || i["path"] == "boardpack templates/cabinet/report.mustache";
    CHECK(template_listed);
    CHECK(good["inputs"][1]["sha256"] == bp::sha256_file(s.path("inputs/p0/mtfs.yaml")));
    CHECK(bad["status"] == "failed");
    CHECK(bad["errors"].get<int>() >= 1);
    CHECK(r.out.find("successful closures (9,999) exceed the families attached") != std::string::npos);
}

TEST_CASE("output goes to stderr only as errors and a summary when not on a terminal", "[batch]") {
    Scratch s;
    const std::string reports = make_batch(s, 2);
    auto plain = run("build" + reports + common(s.path("a")));
    CHECK(plain.out.find("[1/") == std::string::npos);  // no progress line
    CHECK(plain.out.find("boardpack: 2 reports: 2 built") != std::string::npos);
    CHECK(run("build" + reports + common(s.path("b")) + " --quiet").out.empty());
    auto verbose = run("build" + reports + common(s.path("c")) + " --verbose");
    CHECK(std::regex_search(verbose.out, std::regex("built .*p0/report.yaml in [0-9.]+ s")));
    // On a terminal, a progress line.
    const std::string script = "script -qec \"'" + std::string(BOARDPACK_EXE) + "' build" + reports + common(s.path("d")) + "\" /dev/null";
    const std::string tty = capture(script);
    CHECK(tty.find("[1/2]") != std::string::npos);
}

TEST_CASE("a second run on the same output folder exits, or waits; a dead run's lock is no obstacle", "[batch][lock]") {
    Scratch s;
    const std::string reports = make_batch(s, 1);
    const std::string out = s.path("out");
    fs::create_directories(out);
    // Another run holds the lock: this process, standing in for it.
    // O_CLOEXEC: the runs started below must not inherit (and so hold) this lock.
    const int fd = ::open((out + "/.boardpack.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    const std::string pid = std::to_string(::getpid()) + "\n";
    REQUIRE(::pwrite(fd, pid.data(), pid.size(), 0) > 0);
    auto busy = run("build" + reports + common(out));
    CHECK(busy.status == 3);
    CHECK(busy.out.find("is being written by process " + std::to_string(::getpid())) != std::string::npos);
    // --wait: finishes once the lock is released.
    std::thread release([fd] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ::close(fd);
    });
    const auto waited = run("build" + reports + common(out) + " --wait");
    release.join();
    CHECK(waited.status == 0);
    // A run killed with -9 while holding the lock leaves nothing in the way.
    const pid_t holder = ::fork();
    if (holder == 0) {
        const int f = ::open((out + "/.boardpack.lock").c_str(), O_RDWR | O_CREAT, 0644);
        ::flock(f, LOCK_EX);
        ::pause();
        ::_exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::kill(holder, SIGKILL);
    ::waitpid(holder, nullptr, 0);
    CHECK(run("build" + reports + common(out) + " --force").status == 0);
}

TEST_CASE("killed at any moment, a run leaves every previous output whole", "[batch][faults]") {
    Scratch s;
    const std::string reports = make_batch(s, 6);
    const std::string out = s.path("out");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    const auto before = outputs(out);
    // Change every report, so that a finished render would differ from the old one.
    for (int i = 0; i < 6; ++i) replace_in(s.path("inputs/p" + std::to_string(i) + "/brfc.yaml"), "people: 23667", "people: 23668");
    REQUIRE(run("build" + reports + common(s.path("after"))).status == 0);
    const auto after = outputs(s.path("after"));
    for (int delay_ms : {5, 40, 120, 250, 400}) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::setsid();  // the run and its workers in one group, killed together
            const std::string cmd = "exec '" + std::string(BOARDPACK_EXE) + "' build" + reports + common(out) + " --force --jobs 2 2>/dev/null";
            ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        const auto now = outputs(out);
        INFO("killed after " << delay_ms << " ms");
        CHECK(now.size() == before.size());
        for (const auto& [name, bytes] : now) {
            INFO(name);
            CHECK((bytes == before.at(name) || bytes == after.at(name)));  // whole, old or new
        }
    }
    // The next run clears what a killed run left and completes.
    REQUIRE(run("build" + reports + common(out) + " --force").status == 0);
    CHECK(outputs(out) == after);
    for (const auto& e : fs::directory_iterator(out)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("a full disk fails the run and leaves the previous outputs whole", "[batch][faults]") {
    Scratch s;
    const std::string reports = make_batch(s, 2);
    const std::string out = s.path("out");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    const auto before = outputs(out);
    replace_in(s.path("inputs/p0/brfc.yaml"), "people: 23667", "people: 23668");
    for (const char* free_bytes : {"0", "5000", "60000"}) {
        const auto full = run("build" + reports + common(out) + " --force",
                              std::string("LD_PRELOAD='") + ENOSPC_SHIM + "' BOARDPACK_TEST_FREE_BYTES=" + free_bytes);
        INFO(free_bytes << " bytes free\n" << full.out);
        CHECK(full.status == 2);
        CHECK(full.out.find("No space left on device") != std::string::npos);
        CHECK(outputs(out) == before);
        for (const auto& e : fs::directory_iterator(out)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
    }
}

TEST_CASE("check passes on current outputs and shows what differs otherwise", "[batch][check]") {
    Scratch s;
    const std::string reports = make_batch(s, 1);
    const std::string out = s.path("out");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    const auto same = run("check" + reports + common(out));
    CHECK(same.status == 0);
    CHECK(same.out.find("4 outputs as in") != std::string::npos);
    replace_in(s.path("inputs/p0/mtfs.yaml"), "{label: Family Group Conferencing, nature: ongoing, values: [128,",
               "{label: Family Group Conferencing, nature: ongoing, values: [129,");
    replace_in(s.path("inputs/p0/mtfs.yaml"), "stated_total: [930,", "stated_total: [931,");
    replace_in(s.path("inputs/p0/mtfs.yaml"), "stated_total: [632,", "stated_total: [633,");
    const auto differ = run("check" + reports + common(out));
    INFO(differ.out);
    CHECK(differ.status == 1);
    CHECK(differ.out.find("p0.pdf differs:") != std::string::npos);
    CHECK(differ.out.find("p0.xlsx differs:") != std::string::npos);
    CHECK(differ.out.find("p0.html differs:") != std::string::npos);
    // The figures file: the cell's line, old and new.
    CHECK(differ.out.find("p0.figures.json differs:") != std::string::npos);
    CHECK(differ.out.find("  -     {\"row\":\"g0_l0\",\"column\":\"2019_20\",\"kind\":\"number\",\"unit\":\"£'000s\",\"value\":\"128\"") !=
          std::string::npos);
    CHECK(differ.out.find("  +     {\"row\":\"g0_l0\",\"column\":\"2019_20\",\"kind\":\"number\",\"unit\":\"£'000s\",\"value\":\"129\"") !=
          std::string::npos);
    CHECK(differ.out.find("  - <tr><th scope=\"row\">Family Group Conferencing</th><td class=\"num\">128</td>") != std::string::npos);
    CHECK(differ.out.find("  + <tr><th scope=\"row\">Family Group Conferencing</th><td class=\"num\">129</td>") != std::string::npos);
    CHECK(std::regex_search(differ.out, std::regex("\\n  - Family Group Conferencing +128 ")));
    CHECK(std::regex_search(differ.out, std::regex("\\n  \\+ Family Group Conferencing +129 ")));
    // As diff prints them: the old line, then the new one.
    CHECK(differ.out.find("  - Family Group Conferencing") < differ.out.find("  + Family Group Conferencing"));
    CHECK(differ.out.find("Table 2!C5: 128 -> 129") != std::string::npos);
    CHECK(differ.out.find("Table 2!C12: =SUM(C5:C11) 632 -> =SUM(C5:C11) 633") != std::string::npos);
    CHECK(outputs(out).size() == kEditions);  // check never writes to the output folder
}

TEST_CASE("shards cover the batch exactly once, and their manifests merge", "[batch][shards]") {
    std::vector<std::string> many;
    for (int i = 0; i < 1000; ++i) many.push_back("inputs/programme-" + std::to_string(i) + "/report.yaml");
    for (int n : {1, 2, 3, 7, 16}) {
        std::map<std::string, int> seen;
        for (int k = 0; k < n; ++k)
            for (const auto& r : bp::cli::shard_of(many, k, n)) ++seen[r];
        INFO(n << " shards");
        CHECK(seen.size() == many.size());
        CHECK(std::all_of(seen.begin(), seen.end(), [](const auto& kv) { return kv.second == 1; }));
    }
    // Reordering the batch does not move a report to another shard.
    std::vector<std::string> reversed(many.rbegin(), many.rend());
    auto a = bp::cli::shard_of(many, 1, 3), b = bp::cli::shard_of(reversed, 1, 3);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    CHECK(a == b);
    // Through the command line.
    Scratch s;
    const std::string reports = make_batch(s, 3);
    const std::string out = s.path("out");
    for (int k = 0; k < 2; ++k) REQUIRE(run("build" + reports + common(out) + " --shard " + std::to_string(k) + "/2").status == 0);
    CHECK(outputs(out).size() == 3 * kEditions);
    REQUIRE(run("merge-manifests '" + out + "/manifest.json' '" + out + "/manifest.shard-0-of-2.json' '" + out +
                "/manifest.shard-1-of-2.json'").status == 0);
    CHECK(manifest(out)["reports"].size() == 3);
    CHECK(run("build" + reports + common(out) + " --shard 2/2").status == 1);  // K must be below N
}

TEST_CASE("a report that takes too long fails alone; the batch goes on and releases the lock", "[batch][hostile][limits]") {
    Scratch s;
    for (const char* name : {"SLOW-REPORT", "quick"}) {
        s.write(std::string(name) + "/data.yaml", "cohorts: []\n");
        s.write(std::string(name) + "/report.yaml", report_yaml());
    }
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_boardpack("build '" + s.path("SLOW-REPORT/report.yaml") + "' '" + s.path("quick/report.yaml") +
                                     "' --out '" + s.path("out") + "' --jobs 2 --timeout 2",
                                 std::string("LD_PRELOAD='") + SLOW_SHIM + "'");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    INFO(r.out);
    CHECK(r.status == 2);
    CHECK(r.out.find("SLOW-REPORT/report.yaml: internal error: the report was still rendering after 2 s, and was stopped (--timeout)") !=
          std::string::npos);
    CHECK(fs::exists(s.path("out/quick.pdf")));
    CHECK(seconds < 30);
    // The lock is free at once: a second run does not wait for the stopped worker.
    const auto again = run_boardpack("build '" + s.path("quick/report.yaml") + "' --out '" + s.path("out") + "'");
    CHECK(again.status == 0);
}

TEST_CASE("a worker over its memory cap fails its report, never the machine", "[batch][hostile][limits]") {
    Scratch s;
    s.write("data.yaml", "cohorts: []\n");
    const std::string report = s.write("report.yaml", report_yaml());
    const auto r = run_boardpack("build '" + report + "' --out '" + s.path("out") + "' --memory 1");
    INFO(r.out);
#if defined(__SANITIZE_ADDRESS__)
    SUCCEED("under AddressSanitizer workers run without an address-space cap");
#else
    CHECK(r.status == 2);
    CHECK(r.out.find("internal error") != std::string::npos);
    CHECK_FALSE(fs::exists(s.path("out/" + fs::path(s.path("")).parent_path().filename().string() + ".pdf")));
#endif
    CHECK(run_boardpack("build --jobs 100000").status == 1);
    CHECK(run_boardpack("build --timeout soon").status == 1);
}

TEST_CASE("workers die with their parent: a kill -9 of the run leaves no orphan holding the lock", "[batch][hostile][limits]") {
    Scratch s;
    s.write("SLOW-REPORT/data.yaml", "cohorts: []\n");
    s.write("SLOW-REPORT/report.yaml", report_yaml());
    s.write("quick/data.yaml", "cohorts: []\n");
    s.write("quick/report.yaml", report_yaml());
    // The run's worker is stuck in the slow report when its parent is killed.
    const std::string pid = capture("LD_PRELOAD='" + std::string(SLOW_SHIM) + "' '" + BOARDPACK_EXE + "' build '" +
                                    s.path("SLOW-REPORT/report.yaml") + "' --out '" + s.path("out") +
                                    "' > /dev/null 2>&1 & echo $!");
    REQUIRE(!pid.empty());
    ::usleep(1500 * 1000);
    capture("kill -9 " + pid);
    ::usleep(500 * 1000);
    const auto again = run_boardpack("build '" + s.path("quick/report.yaml") + "' --out '" + s.path("out") + "'");
    INFO(again.out);
    CHECK(again.status == 0);  // not 3: no orphaned worker holds the lock
    CHECK(capture("pgrep -f 'SLOW-[R]EPORT/report.yaml' || true").empty());  // [R]: not pgrep's own shell
}

TEST_CASE("a report's outputs from two runs (a kill between its renames) are mended by the next run", "[batch][faults]") {
    Scratch s;
    const std::string reports = make_batch(s, 2);
    const std::string out = s.path("out");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    const std::string old_xlsx = s.path("p0-old.xlsx"), old_manifest = s.path("manifest-old.json");
    fs::copy_file(s.path("out/p0.xlsx"), old_xlsx);
    fs::copy_file(s.path("out/manifest.json"), old_manifest);
    replace_in(s.path("inputs/p0/brfc.yaml"), "families_attached: 6049", "families_attached: 6050");
    REQUIRE(run("build" + reports + common(out)).status == 0);
    const std::string new_xlsx = slurp(s.path("out/p0.xlsx"));
    // As a kill after the PDF's rename and before the workbook's leaves it: the new PDF,
    // the old workbook, and the old run's manifest.
    fs::copy_file(old_xlsx, s.path("out/p0.xlsx"), fs::copy_options::overwrite_existing);
    fs::copy_file(old_manifest, s.path("out/manifest.json"), fs::copy_options::overwrite_existing);
    const auto mend = run("build" + reports + common(out));
    INFO(mend.out);
    CHECK(mend.out.find("1 built, 1 unchanged") != std::string::npos);  // p0 rendered again, both files from one run
    CHECK(slurp(s.path("out/p0.xlsx")) == new_xlsx);
}

TEST_CASE("build shows every warning, a screenful at most, and again for an unchanged report", "[batch][diagnostics]") {
    // A template with typed-in numbers: one warning each.
    auto programme = [](const Scratch& s, int numbers) {
        std::string body = "Figures:";
        for (int i = 0; i < numbers; ++i) body += " " + std::to_string(31 + i) + " and";
        s.write("prog/data.yaml", "cohorts: []\n");
        s.write("prog/templates/body.mustache", body + " none.\n");
        return s.write("prog/report.yaml", report_yaml("[data.yaml]", "sections: [{heading: S, template: body}]\n"));
    };
    SECTION("a few: each one, under the report with a count, and again when unchanged") {
        Scratch s;
        const std::string report = programme(s, 2);
        const auto first = run("build '" + report + "'" + common(s.path("out")));
        INFO(first.out);
        REQUIRE(first.status == 0);
        CHECK(first.out.find(report + ": 2 warnings\n") != std::string::npos);
        CHECK(first.out.find("body.mustache:1:10: warning: the number '31' is typed into the template") != std::string::npos);
        CHECK(first.out.find("body.mustache:1:17: warning: the number '32'") != std::string::npos);
        CHECK(first.out.find("1 built, 0 unchanged, 0 failed; 0 errors, 2 warnings") != std::string::npos);
        const auto m = manifest(s.path("out"));
        CHECK(m["reports"][0]["warning_messages"].size() == 2);

        const auto again = run("build '" + report + "'" + common(s.path("out")));
        INFO(again.out);
        CHECK(again.out.find(report + ": 2 warnings (unchanged since the last build)\n") != std::string::npos);
        CHECK(again.out.find("body.mustache:1:17: warning: the number '32'") != std::string::npos);
        CHECK(again.out.find("0 built, 1 unchanged, 0 failed; 0 errors, 2 warnings") != std::string::npos);

        const auto quiet = run("build --quiet '" + report + "'" + common(s.path("out")));
        CHECK(quiet.out.empty());
    }
    SECTION("many: a screenful, then where to see the rest") {
        Scratch s;
        const std::string report = programme(s, 30);
        const auto r = run("build '" + report + "'" + common(s.path("out")));
        INFO(r.out);
        CHECK(r.out.find(report + ": 30 warnings\n") != std::string::npos);
        CHECK(r.out.find("the number '50'") != std::string::npos);      // the 20th
        CHECK(r.out.find("the number '51'") == std::string::npos);      // the 21st
        CHECK(r.out.find("… and 10 more: see `boardpack validate " + report + "`") != std::string::npos);
        const auto all = run("build --force --verbose '" + report + "'" + common(s.path("out")));
        CHECK(all.out.find("the number '60'") != std::string::npos);
        const auto v = run("validate '" + report + "' --templates '" + templates_root() + "'");
        CHECK(v.out.find("the number '60'") != std::string::npos);
    }
}
