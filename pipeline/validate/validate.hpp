// Stage 2 and 4, validate. Two passes around compute/:
//  * check_domain: rules on the input alone (scores on the 1-10 scale, closures not
//    above families attached, a ceased pilot's reason ...). Run before computing.
//  * check_stated: every total, percentage and mean the source states, against the
//    figure compute/ derived, by the rule in stated.hpp.
// Errors stop this report from rendering; warnings do not.
#pragma once
#include "compute/figures.hpp"
#include "compute/tables.hpp"
#include "core/diag.hpp"
#include "core/tvalue.hpp"
#include "model/model.hpp"

namespace bp::validate {

void check_domain(const Programme& prog, Diagnostics& diags);
void check_stated(const Programme& prog, const Figures& figs, Diagnostics& diags);
// Declared tables: stated figures beside cells, and the checks a data file declares.
// Claims of the prose recorded as data: the largest or smallest of a column or row, and
// rates over a base (or over the bases the prose leaves open).
void check_claims(const TableSet& tables, const std::vector<TableClaim>& claims, const std::vector<Fact>& facts,
                  const TValue& named, Diagnostics& diags);
// Populations a table, row or column declares: granularity, bounds and coverage.
void check_populations(const TableSet& tables, Diagnostics& diags);
// `named`: the figures templates print, whose raw.* values a check may name.
void check_tables(const TableSet& tables, const std::vector<TableCheck>& checks, const std::vector<Fact>& facts,
                  const TValue& named, Diagnostics& diags);

// The report against the previous one its spec names: a unit that changed is an
// error; a table, row or column that is gone, a warning (validate_previous.cpp).
void check_previous(const TableSet& tables, const PreviousReport& prev, Diagnostics& diags);

// One expression of a check or claim (cells, facts, raw.* figures, numbers, + - * /),
// exactly; an error at its place when it names nothing or mixes units.
struct ExprValue {
    bool ok = false;
    std::optional<Num> value;  // none: a cell it names has no figure
    ExprUnit unit;
};
ExprValue evaluate_expression(const TableSet& tables, const std::vector<Fact>& facts, const TValue& named,
                              const CheckExpr& expr, Diagnostics& diags);

// The parts, one file each.
void check_mtfs_domain(const Mtfs& m, Diagnostics& diags);
void check_mtfs_stated(const Programme& prog, const Figures& figs, Diagnostics& diags);
void check_brfc_domain(const Brfc& b, Diagnostics& diags);
void check_brfc_stated(const Brfc& b, const BrfcFigures& f, Diagnostics& diags);
void check_pilot_domain(const Pilot& p, Diagnostics& diags);
void check_pilot_stated(const Pilot& p, const PilotFigures& f, Diagnostics& diags);

}  // namespace bp::validate
