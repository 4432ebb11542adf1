// A mutation fuzzer for the whole pipeline: it takes the bundled examples (report spec,
// data files, templates) as its seed corpus, mutates one file of one example at a time
// (bytes flipped, inserted or cut; lines duplicated, dropped or swapped; tokens that
// have broken YAML readers, template engines and exact arithmetic before), and runs
// load, validate, compute, compose and both writers on the result in a child process.
// A child that dies by a signal (a crash, an abort from a sanitizer) or runs past its
// time limit (a hang) is a finding: its files are kept under --out as a reproducer.
//
//   fuzz_pipeline --inputs DIR --templates DIR --out DIR [--seconds N] [--runs N] [--seed S]
//
// It exits 1 when it found anything, so CI fails; README, "Fuzzing", says how to run it
// for longer and how a reproducer becomes a regression test.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "publish/build.hpp"

namespace fs = std::filesystem;

namespace {

struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
};

// One example: every file of its folder, by name.
struct Example {
    fs::path dir;
    std::vector<std::pair<std::string, std::string>> files;  // relative name, bytes
    std::string report;                                      // the spec's relative name
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Tokens that have broken a reader, an engine or the arithmetic before.
const std::vector<std::string> kTokens = {
    "{{", "}}", "{{#", "{{/", "{{>", "{{{", "{{^", "{{!", "{{=<% %>=}}", "\n", "\n\n", "- ", "* ", "# ", "@table ",
    "@figure ", "@pagebreak", "~", "null", "\"\"", "''", "-", "0", "-0", "1e400", "99999999999999999",
    "0.0000000000001", "9223372036854775807", "012", "0x1F", "1,000", "&a", "*a", "<<: *a", "[", "]", "{", "}", ": ",
    "\t", "\r\n", "\\", "../", "/etc/passwd", "\xff", "\xc0\xaf", "\xe2\x80\xae", "\xcc\x81", "\x07", "%",
    "sum: all", "sum: [x]", "ref: t.r.c", "share: x", "running_total: x", "carried_forward: {from: x, opening: 1}",
    "percentage: [a, b]", "2019/20", "2019/21", "0000-02-29", "2024-02-30", "£m", "count", "%", "?", "!!binary",
    std::string(1000, 'x'), std::string(64, '['), std::string(64, '{')};

std::string mutate(std::string text, Rng& rng) {
    const int steps = 1 + static_cast<int>(rng.below(4));
    for (int k = 0; k < steps; ++k) {
        const size_t at = rng.below(text.size() + 1);
        switch (rng.below(8)) {
            case 0:  // flip a byte
                if (!text.empty()) text[rng.below(text.size())] ^= static_cast<char>(1u << rng.below(8));
                break;
            case 1:  // insert a random byte
                text.insert(at, 1, static_cast<char>(rng.below(256)));
                break;
            case 2:  // cut a run
                if (!text.empty()) text.erase(rng.below(text.size()), 1 + rng.below(16));
                break;
            case 3:
            case 4:  // insert a token
                text.insert(at, kTokens[rng.below(kTokens.size())]);
                break;
            default: {  // duplicate, drop or swap whole lines
                std::vector<std::string> lines;
                std::stringstream ss(text);
                for (std::string l; std::getline(ss, l);) lines.push_back(l);
                if (lines.empty()) break;
                const size_t i = rng.below(lines.size()), j = rng.below(lines.size());
                const size_t op = rng.below(3);
                if (op == 0) lines.insert(lines.begin() + static_cast<long>(i), lines[j]);
                else if (op == 1) lines.erase(lines.begin() + static_cast<long>(i));
                else std::swap(lines[i], lines[j]);
                text.clear();
                for (const auto& l : lines) text += l + "\n";
            }
        }
    }
    return text;
}

void write_example(const fs::path& dir, const Example& ex) {
    fs::remove_all(dir);
    for (const auto& [name, bytes] : ex.files) {
        const fs::path p = dir / name;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << bytes;
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string inputs, templates, out;
    double seconds = 30;
    long runs = -1;
    uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--inputs") inputs = v;
        else if (k == "--templates") templates = v;
        else if (k == "--out") out = v;
        else if (k == "--seconds") seconds = std::stod(v);
        else if (k == "--runs") runs = std::stol(v);
        else if (k == "--seed") seed = std::stoull(v);
    }
    if (inputs.empty() || templates.empty() || out.empty()) {
        std::cerr << "usage: fuzz_pipeline --inputs DIR --templates DIR --out DIR [--seconds N] [--runs N] [--seed S]\n";
        return 2;
    }
    // The seed corpus: every report of every example folder.
    std::vector<Example> corpus;
    for (const auto& d : fs::directory_iterator(inputs)) {
        if (!d.is_directory()) continue;
        Example base;
        base.dir = d.path();
        for (const auto& f : fs::recursive_directory_iterator(d.path()))
            if (f.is_regular_file()) base.files.push_back({fs::relative(f.path(), d.path()).string(), slurp(f.path())});
        for (const auto& [name, bytes] : base.files)
            if (name.rfind("report", 0) == 0 && fs::path(name).extension() == ".yaml") {
                Example ex = base;
                ex.report = name;
                corpus.push_back(ex);
            }
    }
    // In a fixed order: directory order differs between machines, and a seed must
    // give the same mutations everywhere.
    for (auto& ex : corpus) std::sort(ex.files.begin(), ex.files.end());
    std::sort(corpus.begin(), corpus.end(), [](const Example& a, const Example& b) {
        return std::make_pair(a.dir.string(), a.report) < std::make_pair(b.dir.string(), b.report);
    });
    if (corpus.empty()) {
        std::cerr << "fuzz_pipeline: no reports under " << inputs << "\n";
        return 2;
    }
    fs::create_directories(out);
    const fs::path work = fs::temp_directory_path() / ("boardpack-fuzz-" + std::to_string(::getpid()));
    Rng rng{seed};
    const auto start = std::chrono::steady_clock::now();
    long executions = 0, crashes = 0, hangs = 0, internal = 0;
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    while ((runs < 0 || executions < runs) && elapsed() < seconds) {
        Example ex = corpus[rng.below(corpus.size())];
        auto& target = ex.files[rng.below(ex.files.size())];
        target.second = mutate(target.second, rng);
        write_example(work / "in", ex);
        ++executions;
        std::fflush(nullptr);
        const pid_t pid = ::fork();
        if (pid < 0) return 2;
        if (pid == 0) {
            ::alarm(20);  // a hang is a finding too
            bp::BuildOptions o;
            o.out_dir = (work / "out").string();
            o.templates_root = templates;
            const auto res = bp::run_report((work / "in" / ex.report).string(), o);
            ::_exit(res.failed_internally ? 3 : 0);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        // Bad input must end in diagnostics: a signal is a crash, the alarm a hang, and
        // an internal error (exit 3 here) bad input that lost its real error.
        const bool hung = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
        const bool crashed = (WIFSIGNALED(status) && !hung) || (WIFEXITED(status) && WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 3);
        const bool lost = WIFEXITED(status) && WEXITSTATUS(status) == 3;
        if (crashed || hung || lost) {
            const char* kind = crashed ? "crash" : hung ? "hang" : "internal-error";
            (crashed ? crashes : hung ? hangs : internal)++;
            const fs::path keep = fs::path(out) / (std::string(kind) + "-" + std::to_string(executions));
            fs::create_directories(keep);
            fs::copy(work / "in", keep, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
            std::cerr << "fuzz_pipeline: " << kind << " in " << ex.report << " (" << target.first << "): kept as " << keep << "\n";
        }
    }
    fs::remove_all(work);
    const double secs = elapsed();
    std::printf("fuzz_pipeline: %ld executions in %.1f s (%.1f a second), %ld crashes, %ld hangs, %ld internal errors\n",
                executions, secs, secs > 0 ? executions / secs : 0.0, crashes, hangs, internal);
    return crashes + hangs + internal > 0 ? 1 : 0;
}
