// One report through every stage: load, check the domain, compute, check every stated
// figure, then (for a build) compose, render both writers and publish. A report with
// errors stops before rendering; its previous outputs are left alone.
#pragma once
#include <string>
#include <vector>

#include "compose/compose.hpp"
#include "compute/tables.hpp"
#include "core/diag.hpp"
#include "core/tvalue.hpp"
#include "doc/doc.hpp"
#include "model/model.hpp"

namespace bp {

struct BuildOptions {
    std::string out_dir = "outputs";
    std::string templates_root = "templates";
    bool render = true;  // false: validate only (every check, the PDF laid out in memory; nothing written)
    std::string previous_dir;  // --previous DIR: each report's previous is DIR/<id>.figures.json
    bool csv = false;          // --csv: also <id>.tables/<table>.csv, a CSV per declared table
};

struct InputHash {
    std::string name, sha256;
};

struct ReportResult {
    std::string report;
    std::string id;
    std::vector<InputHash> inputs;     // every input and template it came from
    Diagnostics diags;
    std::vector<std::string> outputs;  // files written
    std::vector<std::string> output_hashes;  // their SHA-256, taken as they were written
    bool failed_internally = false;    // I/O or library failure, not the input's fault
    std::string internal_error;
};

ReportResult run_report(const std::string& report_path, const BuildOptions& opts);

// Compute, the kinds' declarations and every declared table evaluated, with stated
// figures and checks validated into `diags`: what compose takes.
struct Evaluated {
    TableSet tables;
    TValue named;
};
Evaluated evaluate(const Programme& prog, Diagnostics& diags);
// The same, with the data files' tables given apart (moved in; prog.tables is not read).
Evaluated evaluate(const Programme& prog, std::vector<DeclaredTable> data_tables, Diagnostics& diags);

// evaluate() and compose(), for a programme already loaded and checked.
std::optional<doc::Document> compose_programme(const Programme& prog, const compose::Options& opts, Diagnostics& diags,
                                               TValue* names = nullptr);

}  // namespace bp
