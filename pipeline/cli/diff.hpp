// boardpack diff OLD NEW: what moved between two packs. Each side is a figures file, an
// output folder (its *.figures.json), or a report as committed at a git revision
// (REV:path/report.yaml, built afresh into a temporary folder). Exit 0 when nothing
// moved, 1 when something did (or a side could not be read: stderr says which).
#pragma once
#include <string>
#include <vector>

namespace bp::cli {

int run_diff(const std::vector<std::string>& args, const std::string& templates_root);

}  // namespace bp::cli
