// Programme kinds: what is particular to the built-in programmes (MTFS investment and
// savings, BRFC, pilots' Outcome Stars, cohorts) ends here. Each kind hands on what
// it loaded and computed as declared tables, named charts of them and named figures
// for the narrative; from here on nothing knows which kind a table came from.
#pragma once
#include <vector>

#include "compute/figures.hpp"
#include "core/tvalue.hpp"
#include "model/model.hpp"

namespace bp::kinds {

struct Declared {
    std::vector<DeclaredTable> tables;
    std::vector<ChartDecl> charts;
    TValue named;  // named figures: "mtfs.investment_total", "brfc.conversion_rate" ...
};

Declared declare(const Programme& prog, const Figures& figs);

// One kind each (kinds/<kind>.cpp).
void declare_mtfs(const Programme& prog, const Figures& figs, Declared& out);
void declare_brfc(const Programme& prog, const Figures& figs, Declared& out);
void declare_pilots(const Programme& prog, const Figures& figs, Declared& out);
void declare_cohorts(const Programme& prog, const Figures& figs, Declared& out);
void declare_facts(const Programme& prog, const Figures& figs, Declared& out);

}  // namespace bp::kinds
