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
#include "style/style.hpp"

namespace bp::compose {

struct Options {
    std::string templates_root;  // the house styles: <root>/<style>/<name>.mustache
};

// `named`: the named figures the programme's kinds computed (kinds/kinds.hpp).
// `names`, when given, receives every name the templates saw, with its value.
std::optional<doc::Document> compose(const Programme& prog, const TableSet& tables, const TValue& named,
                                     const Options& opts, Diagnostics& diags, TValue* names = nullptr);

// Where templates are looked up, in order: the programme's own templates/ folder (an
// override), the house style and each style it extends, then the templates shared by
// every style.
std::vector<std::string> template_folders(const Programme& prog, const Options& opts, const style::HouseStyle& style);

// Where a named template comes from: the first of `folders` that has it; "" when none
// has it. A name the confinement rule refuses (absolute, "..", a link out, a FIFO ...)
// gives "" with the reason in `problem`.
std::string find_template(const std::vector<std::string>& folders, const std::string& name, std::string* problem = nullptr);

}  // namespace bp::compose
