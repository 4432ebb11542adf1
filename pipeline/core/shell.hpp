// Running other programs: the few places boardpack reads an output back the way a user
// would (check's text comparison through pdftotext), and asks git for a revision (diff).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace bp {

// Runs `command` with /bin/sh and returns what it printed; empty when it could not start.
std::string shell_output(const std::string& command);

// Runs argv[0] (found on PATH) with these arguments, no shell between: an argument
// is never read as shell syntax. Its standard output and error go to `output`; stdin
// is /dev/null. Returns its exit status, or nullopt when it could not be started or
// was killed.
std::optional<int> run_program(const std::vector<std::string>& argv, std::string& output);

}  // namespace bp
