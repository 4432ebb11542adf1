// Tables and figures of the document, built from computed figures. Each source name
// ("mtfs.investment", "pilot.cannock.stages_initial" ...) is one builder; the README
// lists them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compute/figures.hpp"
#include "core/diag.hpp"
#include "doc/doc.hpp"
#include "model/model.hpp"

namespace bp::compose {

// The ids of the tables the spec declares, by source, so that a table can point its
// formulas at another (Table 3's first row is Table 1's last).
struct TableIndex {
    std::vector<std::pair<std::string, std::string>> id_by_source;
    std::string id_of(const std::string& source) const;
};

std::optional<doc::Table> build_table(const TableSpec& spec, const Programme& prog, const Figures& figs,
                                      const TableIndex& index, Diagnostics& diags);
std::optional<doc::Figure> build_figure(const FigureSpec& spec, const Programme& prog, const Figures& figs,
                                        Diagnostics& diags);
// A figure's data as a table (categories by series), for readers who cannot see it.
doc::Table chart_data_table(const doc::Figure& f);

// Every source name a table or figure can use with this programme's data.
std::vector<std::string> table_sources(const Programme& prog);
std::vector<std::string> figure_sources(const Programme& prog);

}  // namespace bp::compose
