// Stage 1, load: a report spec and the data files it names become one typed Programme.
// Schema problems (types, unknown/missing/duplicate keys, row lengths, financial-year
// sequences) are reported here; arithmetic and domain rules are for validate/.
#pragma once
#include <string>

#include "core/diag.hpp"
#include "model/model.hpp"

namespace bp::load {

// `previous_dir`: `build --previous DIR`, which names DIR/<id>.figures.json as the
// previous report in place of the spec's `previous:` (a cron job's dated folders).
Programme load_programme(const std::string& report_path, Diagnostics& diags, const std::string& previous_dir = "");

// The report spec alone, with the paths of the data files it names (and its previous
// figures file) in input_files (unread): enough to tell what a report is made from, at
// a fraction of the cost.
Programme load_spec(const std::string& report_path, Diagnostics& diags, const std::string& previous_dir = "");

}  // namespace bp::load
