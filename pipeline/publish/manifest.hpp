// outputs/manifest.json: every output with its SHA-256, the SHA-256 of each input and
// template it came from, and each report's status, diagnostics count and warnings. Written in a
// stable order with no timestamps, so the same run writes the same bytes.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace bp::publish {

struct FileHash {
    std::string path;
    std::string sha256;
};

struct ReportEntry {
    std::string report;        // the report spec, as named on the command line
    std::string id;
    std::string status;        // "built", "unchanged" or "failed"
    size_t errors = 0, warnings = 0;
    std::vector<std::string> warning_messages;  // re-reported when the report is unchanged
    std::string fingerprint;   // of everything that decides the outputs; empty unless built
    std::vector<FileHash> inputs, outputs;
};

struct Manifest {
    std::string boardpack;     // version that wrote it
    std::vector<ReportEntry> reports;

    const ReportEntry* find(const std::string& report) const;
    void put(ReportEntry e);   // replaces the entry for the same report
};

std::string to_json(const Manifest& m);
// nullopt with a reason when the file is missing or is not a manifest.
std::optional<Manifest> read_manifest(const std::string& path, std::string* why = nullptr);
// Shards' manifests into one: every report once (a later manifest wins).
Manifest merge(const std::vector<Manifest>& parts);

}  // namespace bp::publish
