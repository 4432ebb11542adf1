// The figures as data: <id>.figures.json, every declared-table cell and every named
// figure of a report with its identity, unit, exact value, the text the paper prints,
// whether it was typed or derived (and from what), and where it was typed or declared.
// It is the paper's open-data companion, and what `boardpack diff` and a later report's
// `previous:` read. Written from the same computed model the PDF and the workbook come
// from; deterministic (no clock, paths relative to the report's folder). The format is
// described in schema/figures.schema.json and the README ("The figures as data").
#pragma once
#include <ostream>

#include "compute/tables.hpp"
#include "core/tvalue.hpp"
#include "doc/doc.hpp"
#include "model/figures_file.hpp"
#include "model/model.hpp"

namespace bp::figures {

constexpr int kFormatVersion = kFiguresFormatVersion;  // model/figures_file.hpp

// Streams the file to `out` a cell per line, so that even a 100,000-row table is never
// held whole as JSON.
void write_figures_json(const Programme& prog, const TableSet& set, const TValue& named, const doc::Document& d,
                        std::ostream& out);

}  // namespace bp::figures
