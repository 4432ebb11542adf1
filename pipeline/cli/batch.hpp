// Many reports in one run, as cron and CI need it: in parallel worker processes, only
// those whose inputs changed, one run per output folder at a time, each report's
// failure its own, and a manifest of everything at the end.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace bp::cli {

// Exit codes (README, "Command line").
constexpr int kOk = 0, kInvalid = 1, kInternal = 2, kBusy = 3;

struct BatchOptions {
    std::string out_dir = "outputs";
    std::string templates_root = "templates";
    std::string previous_dir;  // --previous DIR: last run's output folder, for since:
    bool csv = false;          // --csv: a CSV per declared table, <id>.tables/<table>.csv
    int jobs = 0;            // 0: one per core
    bool force = false;      // render even when nothing changed
    bool wait = false;       // wait for another run's lock instead of exiting
    bool quiet = false;      // only errors
    bool verbose = false;    // a log line per report with its time
    int shard = 0, shards = 1;  // render the shard-th of `shards` parts (0-based)
    int timeout_seconds = 600;  // a report still rendering after this fails; 0: no limit
    long memory_mb = 4096;      // each worker's address-space limit; 0: no limit
    std::string manifest_name = "manifest.json";
    // Told of each report as it finishes: its output name and its errors (none when it
    // was built or unchanged). `boardpack watch` shows them in the served page.
    std::function<void(const std::string& id, const std::vector<std::string>& errors)> on_report;
};

// The reports of shard k of n: by a hash of each report's path, so the parts are
// stable however the list is ordered, and together cover it exactly once.
std::vector<std::string> shard_of(const std::vector<std::string>& reports, int k, int n);

int run_batch(const std::vector<std::string>& reports, const BatchOptions& opts);

}  // namespace bp::cli
