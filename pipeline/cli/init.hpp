// boardpack init DIR: a working programme folder to start from (a report spec, a data
// file with a declared table, a chart and a claim, a narrative template, and the JSON
// Schema beside them for editors), which `boardpack build` renders at once.
// boardpack schema [--out DIR]: the JSON Schema of the input files.
// boardpack names REPORT.yaml: the names a template may use.
#pragma once
#include <string>
#include <vector>

namespace bp::cli {

int run_init(const std::vector<std::string>& args);
// boardpack names REPORT.yaml: every name the report's templates may use, with its
// value, one a line, so that the list of names cannot drift from the code.
int run_names(const std::vector<std::string>& args, const std::string& templates_root);
int run_schema(const std::vector<std::string>& args);

}  // namespace bp::cli
