// Reading a figures file (<id>.figures.json, written by render/figures/) back: what
// `boardpack diff` compares and what a report's `previous:` names. A file that is not
// one, of a format version this boardpack does not read, or damaged, is an error at
// its file:line:col, never a crash or a silent empty comparison.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"
#include "model/figures_file.hpp"

namespace bp::movement {

using bp::Figure;
using bp::FiguresFile;
using bp::FiguresTable;
using bp::Line;
using bp::Paragraph;

// The format version this boardpack writes and reads.
int figures_format_version();

// Parses `text`, read from `path`; errors go to diags at their file:line:col.
std::optional<FiguresFile> parse_figures_file(const std::string& text, const std::string& path, Diagnostics& diags);

// Reads and parses the file at `path` (at most kMaxFiguresBytes).
std::optional<FiguresFile> read_figures_file(const std::string& path, Diagnostics& diags);

// A figures file of a 100,000-row report is about 135 MB.
constexpr std::uintmax_t kMaxFiguresBytes = 512u << 20;

// "1234.5", "-0.0125" or "2/3" (as the writer writes exact values); nullopt otherwise.
std::optional<Num> parse_exact(const std::string& text);

}  // namespace bp::movement
