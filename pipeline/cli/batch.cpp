#include "cli/batch.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "core/sha256.hpp"
#include "publish/build.hpp"
#include "publish/fingerprint.hpp"
#include "publish/lock.hpp"
#include "publish/manifest.hpp"
#include "publish/publish.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace bp::cli {

std::vector<std::string> shard_of(const std::vector<std::string>& reports, int k, int n) {
    std::vector<std::string> out;
    for (const auto& r : reports) {
        const unsigned long long h = std::stoull(sha256_hex(r).substr(0, 15), nullptr, 16);
        if (static_cast<int>(h % static_cast<unsigned long long>(n)) == k) out.push_back(r);
    }
    return out;
}

namespace {

// What a worker process sends back about its report.
struct Outcome {
    std::string report, id;
    std::vector<std::string> errors, warnings;  // formatted diagnostics
    std::vector<std::string> outputs, output_hashes;
    std::vector<InputHash> inputs;
    bool internal = false;
    std::string internal_error;
    double seconds = 0;
};

json encode(const ReportResult& r) {
    json j;
    j["id"] = r.id;
    j["errors"] = json::array();
    j["warnings"] = json::array();
    for (const auto& d : r.diags.sorted()) j[d.severity == Severity::error ? "errors" : "warnings"].push_back(d.str());
    j["outputs"] = r.outputs;
    j["output_hashes"] = json::array();  // hashed here, in parallel, not in the parent
    for (const auto& o : r.outputs) j["output_hashes"].push_back(sha256_file(o));
    j["inputs"] = json::array();
    for (const auto& i : r.inputs) j["inputs"].push_back({i.name, i.sha256});
    j["internal"] = r.failed_internally;
    j["internal_error"] = r.internal_error;
    return j;
}

Outcome decode(const std::string& report, const std::string& text) {
    Outcome o;
    o.report = report;
    try {
        const json j = json::parse(text);
        o.id = j.at("id");
        o.errors = j.at("errors").get<std::vector<std::string>>();
        o.warnings = j.at("warnings").get<std::vector<std::string>>();
        o.outputs = j.at("outputs").get<std::vector<std::string>>();
        o.output_hashes = j.at("output_hashes").get<std::vector<std::string>>();
        for (const auto& i : j.at("inputs")) o.inputs.push_back({i.at(0), i.at(1)});
        o.internal = j.at("internal");
        o.internal_error = j.at("internal_error");
    } catch (const std::exception&) {
        o.internal = true;
        o.internal_error = "the worker rendering this report stopped without a result";
    }
    return o;
}

struct Worker {
    pid_t pid;
    int fd;
    std::string report, buffer;
    std::chrono::steady_clock::time_point started;
};

Worker spawn(const std::string& report, const BuildOptions& build) {
    int fds[2];
    if (::pipe(fds) != 0) throw InternalError("cannot create a pipe for a worker");
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw InternalError("cannot start a worker process");
    if (pid == 0) {
        // The worker: render one report, send the outcome, leave without running
        // the parent's exit handlers.
        ::close(fds[0]);
        const std::string out = encode(run_report(report, build)).dump();
        for (size_t sent = 0; sent < out.size();) {
            const ssize_t n = ::write(fds[1], out.data() + sent, out.size() - sent);
            if (n <= 0) break;
            sent += static_cast<size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    return Worker{pid, fds[0], report, "", std::chrono::steady_clock::now()};
}

// Runs `reports` in at most `jobs` worker processes; calls `done` as each finishes.
template <typename Done>
void run_workers(const std::vector<std::string>& reports, const BuildOptions& build, int jobs, Done done) {
    size_t next = 0;
    std::vector<Worker> running;
    while (next < reports.size() || !running.empty()) {
        while (next < reports.size() && static_cast<int>(running.size()) < jobs) running.push_back(spawn(reports[next++], build));
        std::vector<pollfd> fds;
        for (const auto& w : running) fds.push_back(pollfd{w.fd, POLLIN, 0});
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) throw InternalError("poll failed");
        for (size_t i = running.size(); i-- > 0;) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char buf[65536];
            const ssize_t n = ::read(running[i].fd, buf, sizeof buf);
            if (n > 0) {
                running[i].buffer.append(buf, static_cast<size_t>(n));
                continue;
            }
            Worker w = running[i];
            running.erase(running.begin() + static_cast<long>(i));
            ::close(w.fd);
            int status = 0;
            ::waitpid(w.pid, &status, 0);
            Outcome o = decode(w.report, w.buffer);
            if (WIFSIGNALED(status)) {
                o.internal = true;
                o.internal_error = "the worker rendering this report died (signal " + std::to_string(WTERMSIG(status)) + ")";
            }
            o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - w.started).count();
            done(o);
        }
    }
}

// Temporary files of a run that was killed: nobody else writes here while we hold the lock.
void remove_leftovers(const std::string& dir) {
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.size() > 1 && name[0] == '.' && name.find(".tmp.") != std::string::npos)
            fs::remove(e.path());
    }
}

bool outputs_intact(const publish::ReportEntry& e, const std::string& out_dir) {
    if (e.outputs.empty()) return false;
    for (const auto& o : e.outputs) {
        const fs::path p = fs::path(out_dir) / o.path;
        if (!fs::exists(p) || sha256_file(p.string()) != o.sha256) return false;
    }
    return true;
}

}  // namespace

int run_batch(const std::vector<std::string>& all_reports, const BatchOptions& opts) {
    const bool terminal = ::isatty(2) && !opts.quiet;
    std::string holder;
    auto lock = publish::OutputLock::acquire(opts.out_dir, opts.wait, &holder);
    if (!lock) {
        std::cerr << "boardpack: " << opts.out_dir << " is being written by " << holder
                  << " (another boardpack run); run again when it has finished, or use --wait\n";
        return kBusy;
    }
    remove_leftovers(opts.out_dir);
    const std::vector<std::string> reports = opts.shards > 1 ? shard_of(all_reports, opts.shard, opts.shards) : all_reports;
    const std::string manifest_path = (fs::path(opts.out_dir) / opts.manifest_name).string();
    publish::Manifest manifest = publish::read_manifest(manifest_path).value_or(publish::Manifest{});
    manifest.boardpack = BOARDPACK_VERSION;

    // Unchanged reports are not rendered again: same fingerprint, outputs as written.
    std::vector<std::string> todo;
    std::map<std::string, std::string> fingerprints;
    size_t unchanged = 0;
    for (const auto& r : reports) {
        const auto fp = publish::fingerprint_report(r, opts.templates_root, BOARDPACK_VERSION);
        fingerprints[r] = fp.value;
        const publish::ReportEntry* prev = manifest.find(r);
        if (!opts.force && prev && prev->status != "failed" && prev->fingerprint == fp.value &&
            outputs_intact(*prev, opts.out_dir)) {
            publish::ReportEntry e = *prev;
            e.status = "unchanged";
            manifest.put(e);
            ++unchanged;
            if (opts.verbose) std::cerr << "unchanged " << r << "\n";
            continue;
        }
        todo.push_back(r);
    }

    BuildOptions build;
    build.out_dir = opts.out_dir;
    build.templates_root = opts.templates_root;
    const int jobs = opts.jobs > 0 ? opts.jobs : std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
    size_t done = 0, failed = 0, errors = 0, warnings = 0;
    bool internal = false;
    run_workers(todo, build, jobs, [&](const Outcome& o) {
        ++done;
        errors += o.errors.size();
        warnings += o.warnings.size();
        if (terminal) std::cerr << "\r\033[K";
        for (const auto& e : o.errors) std::cerr << e << "\n";
        if (terminal || opts.verbose)
            for (const auto& w : o.warnings) std::cerr << w << "\n";
        publish::ReportEntry e;
        if (const auto* prev = manifest.find(o.report)) e = *prev;  // a failed render leaves its old outputs
        e.report = o.report;
        e.id = o.id;
        e.errors = o.errors.size();
        e.warnings = o.warnings.size();
        const bool ok = !o.internal && o.errors.empty() && !o.outputs.empty();
        if (ok) {
            e.status = "built";
            e.fingerprint = fingerprints[o.report];
            e.inputs.clear();
            for (const auto& i : o.inputs) e.inputs.push_back({i.name, i.sha256});
            e.outputs.clear();
            for (size_t k = 0; k < o.outputs.size(); ++k)
                e.outputs.push_back({fs::path(o.outputs[k]).filename().string(), o.output_hashes[k]});
        } else {
            e.status = "failed";
            e.fingerprint.clear();
            ++failed;
            if (o.internal) {
                internal = true;
                std::cerr << o.report << ": internal error: " << o.internal_error << "\n";
            }
        }
        manifest.put(e);
        if (opts.verbose) {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%.3f", o.seconds);
            std::cerr << (ok ? "built " : "failed ") << o.report << " in " << secs << " s\n";
        } else if (terminal) {
            std::cerr << "[" << done << "/" << todo.size() << "] " << o.report << std::flush;
        }
    });
    if (terminal) std::cerr << "\r\033[K";
    publish::write_atomically(manifest_path, publish::to_json(manifest));
    if (!opts.quiet)
        std::cerr << "boardpack: " << reports.size() << (reports.size() == 1 ? " report: " : " reports: ")
                  << todo.size() - failed << " built, " << unchanged << " unchanged, " << failed << " failed; "
                  << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                  << (warnings == 1 ? " warning" : " warnings") << "\n";
    if (internal) return kInternal;
    return failed > 0 ? kInvalid : kOk;
}

}  // namespace bp::cli
