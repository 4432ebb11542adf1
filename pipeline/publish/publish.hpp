// Stage 7, publish: outputs reach their final name only whole. Each is written to a
// temporary file beside its target and renamed into place, so a crash, a kill or a
// full disk leaves the previous output as it was.
#pragma once
#include <string>

namespace bp::publish {

// A temporary path in the target's folder (rename is atomic only within a filesystem).
std::string temp_path_for(const std::string& target);

// Writes bytes to a temporary file, flushes them to disk and renames it over target.
// Throws InternalError on any failure, leaving target untouched.
void write_atomically(const std::string& target, const std::string& bytes);

// Renames a finished temporary file over target (fsyncing it first).
void commit(const std::string& temp, const std::string& target);

}  // namespace bp::publish
