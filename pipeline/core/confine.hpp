// The confinement rule, enforced here and nowhere else: a report reads only inside its
// programme folder, its house style's folder and the shared templates. A name it reads
// by is a relative path with no "..", no NUL and no backslash; it must resolve (links
// followed) inside its folder, to a regular file (never a FIFO, a device or a folder)
// of at most kMaxInputBytes. The README states the rule.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace bp {

constexpr std::uintmax_t kMaxInputBytes = 8u << 20;  // 8 MB: far above any real programme's YAML

// What is wrong with `name` as a name to read by ("is absolute", "climbs out of its
// folder with '..'" ...), or "" when it is well formed.
std::string name_problem(const std::string& name);

struct ConfinedFile {
    std::optional<std::string> path;  // the file to read, when it may be read
    std::string problem;              // why not, when it exists but may not be; "" when absent
};

// `root / name`, if the rule allows reading it. Absent is not a problem: the caller
// may look in the next folder. `max_bytes`: a previous report's figures file may be
// larger than any YAML input (135 MB for a 100,000-row table).
ConfinedFile confined_file(const std::string& root, const std::string& name, std::uintmax_t max_bytes = kMaxInputBytes);

// What is wrong with `id` as the name a report's outputs are written under
// (<out>/<id>.pdf), or "". An id is 1 to 100 of A-Z a-z 0-9 . _ -, starting with a
// letter or digit: never a path, never hidden, never shaped like boardpack's own
// temporary files (".<name>.tmp.<pid>"), which a later run deletes.
std::string output_name_problem(const std::string& id);

// A file named on the command line (the report spec): no folder rule, but a regular
// file of at most `max_bytes`. "" when it may be read.
std::string readable_file_problem(const std::string& path, std::uintmax_t max_bytes = kMaxInputBytes);

}  // namespace bp
