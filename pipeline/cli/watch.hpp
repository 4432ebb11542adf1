// `boardpack watch`: build, then render again each report whose inputs change, until
// Ctrl-C. A save with errors keeps the last good outputs; `--serve` also serves the
// output folder to a browser that reloads after each render (watch/live_server.hpp).
#pragma once
#include <string>
#include <vector>

#include "cli/batch.hpp"

namespace bp::cli {

struct WatchOptions {
    BatchOptions batch;
    int serve_port = -1;  // -1: do not serve; 0: any free port
};

int run_watch(const std::vector<std::string>& reports, const WatchOptions& opts);

}  // namespace bp::cli
