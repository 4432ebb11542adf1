// The per-part loaders behind load_programme(). Each reads one part of a data file
// into the typed model, reporting what is wrong and keeping what is right.
#pragma once
#include "load/yaml_reader.hpp"
#include "model/model.hpp"

namespace bp::load {

ReportSpec load_report_spec(const Ctx& ctx, const YAML::Node& root);
std::optional<Mtfs> load_mtfs(const Ctx& ctx, const YAML::Node& n);
std::optional<OutstandingSavings> load_outstanding_savings(const Ctx& ctx, const YAML::Node& n);
std::vector<Fact> load_facts(const Ctx& ctx, const YAML::Node& n);
std::vector<Difference> load_differences(const Ctx& ctx, const YAML::Node& n);
std::optional<Brfc> load_brfc(const Ctx& ctx, const YAML::Node& n);
std::vector<Pilot> load_pilots(const Ctx& ctx, const YAML::Node& n);
std::vector<Cohort> load_cohorts(const Ctx& ctx, const YAML::Node& n);
std::vector<DeclaredTable> load_tables(const Ctx& ctx, const YAML::Node& n);
std::vector<TableCheck> load_checks(const Ctx& ctx, const YAML::Node& n);
std::vector<TableClaim> load_claims(const Ctx& ctx, const YAML::Node& n);

// Shared by the MTFS tables: a list of financial years, checked to be consecutive.
std::vector<FinancialYear> read_years(const Ctx& ctx, const YAML::Node& n);
// One value per financial year; a list of the wrong length is reported.
std::vector<Stated> read_year_values(const Ctx& ctx, const YAML::Node& n, const std::string& what,
                                     const std::vector<FinancialYear>& years);
std::optional<YearLine> read_year_line(const Ctx& ctx, const YAML::Node& n,
                                       const std::vector<FinancialYear>& years);

}  // namespace bp::load
