// Whether a report needs rendering again: a SHA-256 over the boardpack version and
// the content of everything that could change its outputs (the spec, its data files,
// and every template it could use: its own, its house style's and the shared ones).
// Timestamps play no part: a file touched but unchanged changes nothing.
#pragma once
#include <string>
#include <vector>

#include "core/diag.hpp"

namespace bp::publish {

struct Fingerprint {
    std::string id;     // the report's output name
    SourcePos id_at;    // where the spec names it (its start, when its folder does)
    std::string value;  // empty when the spec cannot even be read
};

// Every file that could change a report's outputs, whether or not it exists yet (a
// data file the spec names but the author has not written), and the folders in which
// a new one would count (the report's own, its templates/, its house styles'): what
// `fingerprint_report` hashes and `boardpack watch` watches.
struct ReportInputs {
    std::string id;
    SourcePos id_at;
    std::vector<std::string> files;
    std::vector<std::string> folders;
};
// `previous_dir`: `--previous DIR`, whose <id>.figures.json is then an input.
ReportInputs report_inputs(const std::string& report_path, const std::string& templates_root,
                           const std::string& previous_dir = "");

// `csv`: whether the build writes the tables' CSVs too (an edition of its own).
Fingerprint fingerprint_report(const std::string& report_path, const std::string& templates_root,
                               const std::string& version, const std::string& previous_dir = "", bool csv = false);

}  // namespace bp::publish
