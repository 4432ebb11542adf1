// The standard output of a shell command, for the few places boardpack reads an output
// back the way a user would (check's text comparison through pdftotext).
#pragma once
#include <string>

namespace bp {

// Runs `command` with /bin/sh and returns what it printed; empty when it could not start.
std::string shell_output(const std::string& command);

}  // namespace bp
