#include "kinds/kinds.hpp"

namespace bp::kinds {

Declared declare(const Programme& prog, const Figures& figs) {
    Declared out;
    declare_facts(prog, figs, out);
    declare_mtfs(prog, figs, out);
    declare_brfc(prog, figs, out);
    declare_cohorts(prog, figs, out);
    declare_pilots(prog, figs, out);
    return out;
}

}  // namespace bp::kinds
