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
#include "model/model.hpp"

namespace bp::figures {

// 2: paragraphs added (the narrative's text, for diff).
constexpr int kFormatVersion = 2;

// Streams the file to `out` a cell per line, so that even a 100,000-row table is never
// held whole as JSON.
void write_figures_json(const Programme& prog, const TableSet& set, const TValue& named, const doc::Document& d,
                        std::ostream& out);

// A number exactly: a terminating decimal as plain decimal text ("1234.5", "-0.0125"),
// any other rational as "numerator/denominator" ("2/3").
std::string exact_text(const Num& v);

}  // namespace bp::figures
