#include "load/schema.hpp"

#include <stdexcept>

namespace bp::load {

const std::vector<ObjectSchema>& all_schemas() {
    static const std::vector<ObjectSchema> schemas = {
        // report spec
        {"report",
         {"boardpack", "style", "committee", "meeting_date", "title", "report_of", "data"},
         {"id", "local_members_interest", "cabinet_member", "summary", "recommendations",
          "sections", "tables", "figures", "appendices", "background_documents", "contacts",
          "contents_after_pages", "scrutiny_links", "rounding", "workbook", "html", "previous"}},
        {"previous", {"figures"}, {"report"}},
        {"workbook", {}, {"description", "coverage", "period", "numbers"}},
        // a house style's style.yaml (style/load_style.cpp)
        {"style", {}, {"extends", "organisation", "logo", "colours", "font", "page", "footer", "numbered_paragraphs",
                       "committee_question", "workbook", "html"}},
        {"style_logo", {"file", "alt"}, {"width_mm", "header"}},
        {"style_colours", {}, {"accent", "table_header", "chart"}},
        {"style_page", {}, {"size", "margins_mm"}},
        {"style_margins", {}, {"top", "bottom", "left", "right"}},
        {"style_footer", {}, {"left", "right"}},
        {"style_workbook", {}, {"numbers"}},
        {"cabinet_member", {"name", "role"}, {"quote"}},
        {"section", {"heading", "template"}, {}},
        {"table", {"id"}, {"source", "caption", "rows", "columns", "rounding"}},
        {"figure", {"id", "caption", "alt"},
         {"source", "data_table", "table", "kind", "series", "series_from", "series_names", "categories", "axis", "decimals"}},
        {"appendix", {"title"}, {"template", "about", "tables", "figures"}},
        {"contact", {"role", "name"}, {"title", "phone", "email"}},
        // programme data files
        {"data_file",
         {},
         {"mtfs", "outstanding_savings", "figures", "differences", "brfc", "pilots", "cohorts", "tables", "checks", "claims"}},
        // declared tables (load_tables.cpp)
        {"declared_table", {"id", "title", "unit", "columns", "rows"},
         {"decimals", "rows_heading", "unit_row", "note", "source", "rounding", "population"}},
        {"table_column", {}, {"id", "label", "unit", "decimals", "bold", "text", "words", "stated", "population",
                              "sum", "difference", "product", "ratio", "percentage", "change", "share",
                              "running_total", "carried_forward", "ref", "since"}},
        {"table_row", {"label"}, {"id", "values", "unit", "decimals", "bold", "total", "stated", "words", "population",
                                  "sum", "difference", "product", "ratio", "percentage", "change", "share",
                                  "running_total", "carried_forward", "ref", "since"}},
        {"table_group", {"group", "label", "rows"}, {"subtotal"}},
        {"table_subtotal", {"id", "label"}, {"stated", "words"}},
        {"table_cell", {}, {"sum", "difference", "product", "ratio", "percentage", "change", "ref"}},
        {"sum_group", {"group"}, {}},
        {"carried_forward", {"opening"}, {"from", "change"}},
        {"constant", {"value", "unit"}, {}},
        {"sign_words", {"positive", "negative"}, {"zero"}},
        {"table_check", {"left", "right"}, {"decimals", "each", "says"}},
        {"table_claim", {}, {"largest", "smallest", "is", "stated", "rate", "of", "over", "says"}},
        {"mtfs", {"unit", "years", "investment", "savings", "return_on_investment"}, {"position"}},
        {"mtfs_investment", {"label", "groups"}, {"stated_total"}},
        {"line_group", {"name", "total_label", "lines"}, {"stated_total"}},
        {"year_line", {"label", "values"}, {"nature"}},
        {"mtfs_roi", {"label"}, {"stated"}},
        {"mtfs_position", {"label", "lines"}, {"stated", "break_even"}},
        {"outstanding_savings", {"title", "unit", "years", "lines"}, {"stated_total"}},
        {"fact", {"name", "value", "unit"}, {"note"}},
        {"difference", {"name", "unit", "value", "less"}, {"stated"}},
        {"brfc", {"families_attached", "original_target", "successful_closures", "conversion"},
         {"as_at", "people", "subsequent_interventions", "districts"}},
        {"brfc_conversion", {"base"}, {"stated", "target", "target_date"}},
        {"brfc_subsequent", {"stated"}, {"as_at"}},
        {"brfc_district", {"district"}, {"quarter", "families_attached", "successful_closures"}},
        {"pilot", {"id", "district", "name", "status"},
         {"providers", "started", "ends", "status_note", "ceased_reason", "referrals", "outcome_star"}},
        {"referral", {"source", "before", "after"}, {"stated_change"}},
        {"referral_period", {"period", "count"}, {}},
        {"outcome_star", {"edition", "areas", "stages"}, {"data_source", "families", "published"}},
        {"star_stage", {"label", "scores"}, {}},
        {"star_family", {"family", "stars"}, {}},
        {"published_star",
         {},
         {"service_users", "first_stars", "reviewed_once", "reviewed_twice", "stars_total",
          "completed_by", "completed_by_total", "change", "initial", "recent", "means",
          "below_seven"}},
        {"count_pct", {"count"}, {"stated"}},
        {"completed_by", {"who", "count"}, {"stated"}},
        {"star_change", {"negative", "no_change", "positive"}, {"stated_total"}},
        {"distribution", {"scores"}, {"stage_counts", "stage_percents"}},
        {"means", {"initial", "final"}, {"families", "progress", "counts"}},
        {"cohort", {"id", "name", "points"}, {"do_nothing"}},
        {"cohort_point", {"date"}, {"actual", "target"}},
        {"do_nothing", {"by", "low", "high"}, {"cost_low", "cost_high"}},
    };
    return schemas;
}

const ObjectSchema& schema(const std::string& name) {
    for (const auto& s : all_schemas())
        if (s.name == name) return s;
    throw std::out_of_range("no schema named " + name);
}

}  // namespace bp::load
