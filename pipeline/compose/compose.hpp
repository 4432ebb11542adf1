// Stage 5, compose: the report spec, its templates, the evaluated declared tables and the
// named figures become one
// document IR. Paragraph, table and figure numbers and cross-references ("Table 1")
// are assigned here, in reading order, so inserting a paragraph renumbers everything.
#pragma once
#include <optional>
#include <string>

#include "compute/tables.hpp"
#include "core/tvalue.hpp"
#include "core/diag.hpp"
#include "doc/doc.hpp"
#include "model/model.hpp"

namespace bp::compose {

struct Options {
    std::string templates_root;  // the house styles: <root>/<style>/<name>.mustache
};

// `named`: the named figures the programme's kinds computed (kinds/kinds.hpp).
// `names`, when given, receives every name the templates saw, with its value.
std::optional<doc::Document> compose(const Programme& prog, const TableSet& tables, const TValue& named,
                                     const Options& opts, Diagnostics& diags, TValue* names = nullptr);

// Where a named template comes from: the programme's own templates/ folder first
// (an override), then the house style, then templates shared by every style.
// Empty when none has it.
// A name the confinement rule refuses (absolute, "..", a link out, a FIFO ...) gives ""
// with the reason in `problem`.
std::string find_template(const Programme& prog, const Options& opts, const std::string& name,
                          std::string* problem = nullptr);

}  // namespace bp::compose
