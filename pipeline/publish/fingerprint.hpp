// Whether a report needs rendering again: a SHA-256 over the boardpack version and
// the content of everything that could change its outputs (the spec, its data files,
// and every template it could use: its own, its house style's and the shared ones).
// Timestamps play no part: a file touched but unchanged changes nothing.
#pragma once
#include <string>

#include "core/diag.hpp"

namespace bp::publish {

struct Fingerprint {
    std::string id;     // the report's output name
    SourcePos id_at;    // where the spec names it (its start, when its folder does)
    std::string value;  // empty when the spec cannot even be read
};

Fingerprint fingerprint_report(const std::string& report_path, const std::string& templates_root,
                               const std::string& version);

}  // namespace bp::publish
