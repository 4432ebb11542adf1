#include "kinds/kinds.hpp"

namespace bp::kinds {

Declared declare(const Programme& prog, const Figures& figs) {
    Declared out;
    // Each kind's tables point at the part of the data they came from, for messages.
    auto placed = [&](void (*kind)(const Programme&, const Figures&, Declared&), const SourcePos& pos) {
        const size_t before = out.tables.size();
        kind(prog, figs, out);
        for (size_t i = before; i < out.tables.size(); ++i)
            if (!out.tables[i].pos.known()) out.tables[i].pos = pos;
    };
    declare_facts(prog, figs, out);
    placed(declare_mtfs, prog.mtfs ? prog.mtfs->pos : prog.outstanding_savings ? prog.outstanding_savings->pos : SourcePos{});
    placed(declare_brfc, prog.brfc ? prog.brfc->pos : SourcePos{});
    placed(declare_cohorts, prog.cohorts.empty() ? SourcePos{} : prog.cohorts.front().pos);
    placed(declare_pilots, prog.pilots.empty() ? SourcePos{} : prog.pilots.front().pos);
    return out;
}

}  // namespace bp::kinds
