#include "cli/batch.hpp"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <optional>

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
    bool unchanged = false;   // same fingerprint as last time, outputs intact: not rendered
    std::string fingerprint;  // of the report's inputs, as the worker found them
    double seconds = 0;
};

json encode(const ReportResult& r) {
    json j;
    j["id"] = r.id;
    j["errors"] = json::array();
    j["warnings"] = json::array();
    for (const auto& d : r.diags.sorted()) j[d.severity == Severity::error ? "errors" : "warnings"].push_back(d.str());
    j["outputs"] = r.outputs;
    j["output_hashes"] = json::array();  // hashed in the worker as written, not re-read in the parent
    for (size_t i = 0; i < r.outputs.size(); ++i)
        j["output_hashes"].push_back(i < r.output_hashes.size() ? r.output_hashes[i] : sha256_file(r.outputs[i]));
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
        o.fingerprint = j.at("fingerprint");
        if (j.value("unchanged", false)) {
            o.unchanged = true;
            return o;
        }
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

// A worker process renders reports one after another as the parent hands them over,
// a line each way: the report's path in, its outcome out. Fonts, templates and the
// heap stay warm from one report to the next, where a fresh fork per report spent a
// third of its CPU time faulting in new pages. A worker that dies takes only the report
// in its hands with it; the parent starts another for the rest.
struct Worker {
    pid_t pid = -1;
    int to = -1, from = -1;  // task pipe (parent writes), result pipe (parent reads)
    std::string report;      // the report in hand; empty when idle
    std::string buffer;      // the result as read so far
    std::chrono::steady_clock::time_point started;
    bool timed_out = false;  // killed by the parent for taking longer than --timeout
};

// What bounds each worker: one report may fail for taking too long or too much memory,
// but never stall the batch or eat the machine.
struct Limits {
    int timeout_seconds = 0;
    long memory_mb = 0;
};

bool outputs_intact(const json& outputs, const std::string& out_dir) {
    if (outputs.empty()) return false;
    for (const auto& o : outputs) {
        const fs::path p = fs::path(out_dir) / o.at(0).get<std::string>();
        if (!fs::exists(p) || sha256_file(p.string()) != o.at(1).get<std::string>()) return false;
    }
    return true;
}

// Asks the parent for a report's output name; returns the report that already has it
// in this run, or "" when it is this report's.
using Claim = std::function<std::string(const std::string& report, const std::string& id)>;

// One task, in a worker: the report's fingerprint first (in parallel, not in the
// parent), then its output name claimed for this run, and a render only when the
// fingerprint differs from the last build's or an output is missing or altered.
json serve_one(const json& task, const BuildOptions& build, const Claim& claim) {
    const std::string report = task.at("report");
    const publish::Fingerprint fp = publish::fingerprint_report(report, build.templates_root, BOARDPACK_VERSION, build.previous_dir, build.csv);
    // Two reports with one output name would overwrite each other's files: the second
    // to claim it fails, and nothing of the first is touched.
    if (const std::string holder = claim(report, fp.id); !holder.empty()) {
        ReportResult r;
        r.report = report;
        r.id = fp.id;
        r.diags.error(fp.id_at, "the output name '" + fp.id + "' is taken in this run by " + holder +
                                         ", whose files this report would overwrite; give one of the two its own 'id'");
        json j = encode(r);
        j["fingerprint"] = fp.value;
        return j;
    }
    const std::string previous = task.at("previous");
    if (!previous.empty() && previous == fp.value && outputs_intact(task.at("outputs"), build.out_dir))
        return json{{"unchanged", true}, {"fingerprint", fp.value}};
    json j = encode(run_report(report, build));
    j["fingerprint"] = fp.value;
    return j;
}

// Writes all of `line` to a pipe; false when the other end has gone.
bool send_line(int fd, const std::string& line) {
    for (size_t sent = 0; sent < line.size();) {
        const ssize_t n = ::write(fd, line.data() + sent, line.size() - sent);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

[[noreturn]] void serve(int tasks, int results, const BuildOptions& build) {
    FILE* in = ::fdopen(tasks, "r");
    char* line = nullptr;
    size_t cap = 0;
    auto read_json = [&](json& j) {
        if (!in || ::getline(&line, &cap, in) <= 0) return false;
        try {
            j = json::parse(line);
            return true;
        } catch (const std::exception&) {
            return false;
        }
    };
    const Claim claim = [&](const std::string& report, const std::string& id) {
        if (!send_line(results, json{{"claim", id}, {"report", report}}.dump() + "\n")) ::_exit(1);
        json reply;
        if (!read_json(reply)) ::_exit(1);  // the parent has gone
        return reply.at("holder").get<std::string>();
    };
    for (json task; read_json(task);)
        if (!send_line(results, serve_one(task, build, claim).dump() + "\n")) ::_exit(1);  // dump() escapes newlines
    ::_exit(0);  // without the parent's exit handlers
}

Worker start_worker(const BuildOptions& build, const std::vector<Worker>& others, const Limits& limits) {
    int tasks[2], results[2];
    if (::pipe(tasks) != 0) throw InternalError("cannot create a pipe for a worker");
    if (::pipe(results) != 0) throw InternalError("cannot create a pipe for a worker");
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw InternalError("cannot start a worker process");
    if (pid == 0) {
        // A worker dies with its parent: after a kill -9 of the run, no orphan keeps
        // rendering (or holds the output folder's lock through an inherited descriptor).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);  // the parent died before the line above
#if !defined(__SANITIZE_ADDRESS__)  // AddressSanitizer reserves terabytes of address space
        if (limits.memory_mb > 0) {
            // The address space, not the resident set: the kernel enforces it, and a
            // report that asks for more gets an allocation failure, not the machine.
            const rlim_t bytes = static_cast<rlim_t>(limits.memory_mb) << 20;
            const rlimit lim{bytes, bytes};
            ::setrlimit(RLIMIT_AS, &lim);
        }
#endif
        // Other workers' pipe ends would keep them from ever seeing end-of-file.
        for (const Worker& w : others) {
            if (w.to >= 0) ::close(w.to);
            if (w.from >= 0) ::close(w.from);
        }
        ::close(tasks[1]);
        ::close(results[0]);
        serve(tasks[0], results[1], build);
    }
    ::close(tasks[0]);
    ::close(results[1]);
    Worker w;
    w.pid = pid;
    w.to = tasks[1];
    w.from = results[0];
    return w;
}

// A report to render, with what its last build left, to judge whether it changed.
struct Task {
    std::string report;
    std::string line;  // the JSON the worker reads
};

// A failed write needs no handling here: the worker has died, and its end-of-file
// reports the report in its hands.
void hand_over(Worker& w, const Task& task) {
    w.report = task.report;
    w.buffer.clear();
    w.started = std::chrono::steady_clock::now();
    send_line(w.to, task.line);
}

// The output name a worker's message claims, if it is a claim and not an outcome.
std::optional<std::string> claimed_name(const std::string& message) {
    if (message.rfind("{\"claim\":", 0) != 0) return std::nullopt;
    try {
        return json::parse(message).at("claim").get<std::string>();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Runs `reports` in at most `jobs` worker processes; calls `done` as each finishes.
template <typename Done>
void run_workers(const std::vector<Task>& reports, const BuildOptions& build, int jobs, const Limits& limits, Done done) {
    // A worker that died between reports must not take the parent with it.
    ::signal(SIGPIPE, SIG_IGN);
    size_t next = 0;
    std::vector<Worker> workers;
    std::map<std::string, std::string> owners;  // output name -> the report that has it
    // Gives an idle worker the next report, or lets it go when there is none.
    auto feed = [&](Worker& w) {
        if (next < reports.size()) {
            hand_over(w, reports[next++]);
        } else if (w.to >= 0) {
            ::close(w.to);
            w.to = -1;
            w.report.clear();
        }
    };
    auto died = [&](const Worker& w, int status) {
        Outcome o = decode(w.report, "");
        if (w.timed_out)
            o.internal_error = "the report was still rendering after " + std::to_string(limits.timeout_seconds) +
                               " s, and was stopped (--timeout)";
        else if (WIFSIGNALED(status))
            o.internal_error = "the worker rendering this report died (signal " + std::to_string(WTERMSIG(status)) + ")";
        o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - w.started).count();
        done(o);
    };
    const size_t wanted = std::min(reports.size(), static_cast<size_t>(std::max(jobs, 1)));
    while (workers.size() < wanted) {
        workers.push_back(start_worker(build, workers, limits));
        feed(workers.back());
    }
    while (!workers.empty()) {
        std::vector<pollfd> fds;
        for (const auto& w : workers) fds.push_back(pollfd{w.from, POLLIN, 0});
        // Wake for the first report to pass its deadline; a worker past it is killed, and
        // its end-of-file below fails that one report.
        int wait_ms = -1;
        if (limits.timeout_seconds > 0) {
            const auto now = std::chrono::steady_clock::now();
            for (auto& w : workers) {
                if (w.report.empty() || w.timed_out) continue;
                const auto left = w.started + std::chrono::seconds(limits.timeout_seconds) - now;
                const long ms = std::chrono::duration_cast<std::chrono::milliseconds>(left).count();
                if (ms <= 0) {
                    w.timed_out = true;
                    ::kill(w.pid, SIGKILL);
                } else if (wait_ms < 0 || ms < wait_ms) {
                    wait_ms = static_cast<int>(std::min<long>(ms + 1, 60000));
                }
            }
        }
        if (::poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR) throw InternalError("poll failed");
        for (size_t i = workers.size(); i-- > 0;) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Worker& w = workers[i];
            char buf[65536];
            const ssize_t n = ::read(w.from, buf, sizeof buf);
            if (n > 0) {
                w.buffer.append(buf, static_cast<size_t>(n));
                const size_t end = w.buffer.find('\n');
                if (end == std::string::npos) continue;
                const std::string message = w.buffer.substr(0, end);
                w.buffer.erase(0, end + 1);
                if (auto id = claimed_name(message)) {
                    // The first report to claim an output name keeps it for the run.
                    const auto [it, fresh] = owners.emplace(*id, w.report);
                    // (A worker that has died meanwhile shows as end-of-file.)
                    send_line(w.to, json{{"holder", fresh || it->second == w.report ? "" : it->second}}.dump() + "\n");
                    continue;
                }
                Outcome o = decode(w.report, message);
                o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - w.started).count();
                w.buffer.clear();
                feed(w);
                done(o);
                continue;
            }
            // End of file: the worker has finished, or has died.
            Worker gone = w;
            workers.erase(workers.begin() + static_cast<long>(i));
            ::close(gone.from);
            if (gone.to >= 0) ::close(gone.to);
            int status = 0;
            ::waitpid(gone.pid, &status, 0);
            if (!gone.report.empty()) {
                died(gone, status);
                if (next < reports.size()) {
                    workers.push_back(start_worker(build, workers, limits));
                    feed(workers.back());
                }
            }
        }
    }
}

// Temporary files of a run that was killed: nobody else writes here while we hold the lock.
// An output as the manifest names it: its path inside the output folder ("x.pdf",
// "x.tables/funding.csv").
std::string output_name(const std::string& path, const std::string& out_dir) {
    const fs::path rel = fs::path(path).lexically_normal().lexically_relative(fs::path(out_dir).lexically_normal());
    if (rel.empty() || rel.native().rfind("..", 0) == 0) return fs::path(path).filename().string();
    return rel.string();
}

void remove_leftovers(const std::string& dir) {
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.size() > 1 && name[0] == '.' && name.find(".tmp.") != std::string::npos)
            fs::remove(e.path());
    }
}

// A report's diagnostics as an operator sees them: grouped under the report with a
// count, errors first, at most a screenful (all of them with --verbose); `validate`
// lists every one. --quiet leaves out the warnings.
void print_diagnostics(const std::string& report, const std::vector<std::string>& errors,
                       const std::vector<std::string>& warnings, bool unchanged, const BatchOptions& opts) {
    constexpr size_t kScreenful = 20;
    const std::vector<std::string> none;
    const std::vector<std::string>& shown_warnings = opts.quiet ? none : warnings;
    if (errors.empty() && shown_warnings.empty()) return;
    auto count = [](size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); };
    std::string head = report + ": ";
    if (!errors.empty()) head += count(errors.size(), "error") + (shown_warnings.empty() ? "" : ", ");
    if (!shown_warnings.empty()) head += count(shown_warnings.size(), "warning");
    if (unchanged) head += " (unchanged since the last build)";
    std::cerr << head << "\n";
    size_t printed = 0;
    for (const auto* list : {&errors, &shown_warnings})
        for (const auto& line : *list)
            if (opts.verbose || printed < kScreenful) {
                std::cerr << line << "\n";
                ++printed;
            }
    const size_t total = errors.size() + shown_warnings.size();
    if (printed < total)
        std::cerr << "… and " << total - printed << " more: see `boardpack validate " << report << "`\n";
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
    // The workers judge that, in parallel; they are told what the last build left.
    std::vector<Task> tasks;
    for (const auto& r : reports) {
        json t{{"report", r}, {"previous", ""}, {"outputs", json::array()}};
        const publish::ReportEntry* prev = manifest.find(r);
        if (!opts.force && prev && prev->status != "failed") {
            t["previous"] = prev->fingerprint;
            for (const auto& o : prev->outputs) t["outputs"].push_back({o.path, o.sha256});
        }
        tasks.push_back(Task{r, t.dump() + "\n"});
    }
    size_t unchanged = 0;

    BuildOptions build;
    build.out_dir = opts.out_dir;
    build.templates_root = opts.templates_root;
    build.previous_dir = opts.previous_dir;
    build.csv = opts.csv;
    const int jobs = opts.jobs > 0 ? opts.jobs : std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
    size_t done = 0, failed = 0, errors = 0, warnings = 0;
    bool internal = false;
    run_workers(tasks, build, jobs, Limits{opts.timeout_seconds, opts.memory_mb}, [&](const Outcome& o) {
        ++done;
        if (o.unchanged) {
            publish::ReportEntry e = *manifest.find(o.report);  // only a report with an entry can be unchanged
            e.status = "unchanged";
            manifest.put(e);
            ++unchanged;
            warnings += e.warning_messages.size();
            if (terminal) std::cerr << "\r\033[K";
            print_diagnostics(o.report, {}, e.warning_messages, true, opts);
            if (opts.verbose) std::cerr << "unchanged " << o.report << "\n";
            if (opts.on_report) opts.on_report(e.id, {});
            return;
        }
        errors += o.errors.size();
        warnings += o.warnings.size();
        if (terminal) std::cerr << "\r\033[K";
        print_diagnostics(o.report, o.errors, o.warnings, false, opts);
        publish::ReportEntry e;
        if (const auto* prev = manifest.find(o.report)) e = *prev;  // a failed render leaves its old outputs
        e.report = o.report;
        e.id = o.id;
        e.errors = o.errors.size();
        e.warnings = o.warnings.size();
        e.warning_messages = o.warnings;
        const bool ok = !o.internal && o.errors.empty() && !o.outputs.empty();
        if (ok) {
            e.status = "built";
            e.fingerprint = o.fingerprint;
            e.inputs.clear();
            for (const auto& i : o.inputs) e.inputs.push_back({i.name, i.sha256});
            e.outputs.clear();
            for (size_t k = 0; k < o.outputs.size(); ++k)
                e.outputs.push_back({output_name(o.outputs[k], opts.out_dir), o.output_hashes[k]});
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
        if (opts.on_report) {
            std::vector<std::string> problems = o.errors;
            if (o.internal) problems.push_back(o.report + ": internal error: " + o.internal_error);
            opts.on_report(o.id, ok ? std::vector<std::string>{} : problems);
        }
        if (opts.verbose) {
            char secs[32];
            std::snprintf(secs, sizeof secs, "%.3f", o.seconds);
            std::cerr << (ok ? "built " : "failed ") << o.report << " in " << secs << " s\n";
        } else if (terminal) {
            std::cerr << "[" << done << "/" << tasks.size() << "] " << o.report << std::flush;
        }
    });
    if (terminal) std::cerr << "\r\033[K";
    publish::write_atomically(manifest_path, publish::to_json(manifest));
    if (!opts.quiet)
        std::cerr << "boardpack: " << reports.size() << (reports.size() == 1 ? " report: " : " reports: ")
                  << tasks.size() - unchanged - failed << " built, " << unchanged << " unchanged, " << failed << " failed; "
                  << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                  << (warnings == 1 ? " warning" : " warnings") << "\n";
    if (internal) return kInternal;
    return failed > 0 ? kInvalid : kOk;
}

}  // namespace bp::cli
