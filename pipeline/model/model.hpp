// The typed input model: what the YAML says, nothing derived. Every value keeps the
// file:line:col it came from, so that validation can point at it.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diag.hpp"
#include "core/num.hpp"
#include "model/figures_file.hpp"
#include "model/tables.hpp"

namespace bp {

struct Text {
    std::string value;
    SourcePos pos;
};

// A number as the source printed it: its exact value and how many decimals it showed.
struct Stated {
    Num value;
    int decimals = 0;
    SourcePos pos;
};

// A percentage as printed ("73.9%"): value is the percentage (73.9), not the fraction.
struct Percent {
    Num value;
    int decimals = 0;
    SourcePos pos;
};

struct Count {
    long long value = 0;
    SourcePos pos;
};

// A financial year "2019/20", April to March; `start` is 2019.
struct FinancialYear {
    int start = 0;
    SourcePos pos;
    std::string label() const;  // "2019/20"
};

// "January" for 1 ... "December" for 12: the one table of month names.
const char* month_name(int month);

struct Date {
    int year = 0, month = 0, day = 0;
    SourcePos pos;
    std::string iso() const;   // "2019-11-20"
    std::string long_form() const;  // "20 November 2019"
    std::string month_year() const;  // "November 2019"
    std::string short_month_year() const;  // "Nov 2019"
    bool operator<(const Date& o) const;
};

// ---------------------------------------------------------------- MTFS (seed 002)
enum class Nature { unstated, one_off, ongoing, cashable, non_cashable };

struct YearLine {
    Text label;
    Nature nature = Nature::unstated;
    std::vector<Stated> values;  // one per financial year column
    SourcePos pos;
};

struct LineGroup {
    Text name;
    Text total_label;
    std::vector<YearLine> lines;
    std::vector<Stated> stated_total;  // empty when the source states none
    SourcePos pos;
};

struct Mtfs {
    Text unit;                          // "£'000s" or "£m"
    std::vector<FinancialYear> years;
    Text investment_label;              // "Investment Total"
    std::vector<LineGroup> investment;  // Stabilisation, Model ...
    std::vector<Stated> investment_stated_total;
    LineGroup savings;
    Text roi_label;
    std::vector<Stated> roi_stated;
    Text position_label;
    std::vector<YearLine> position_lines;  // MTFS still to be delivered, overspend, growth
    std::vector<Stated> position_stated;
    std::optional<FinancialYear> break_even_stated;
    SourcePos pos;
};

// Table 2 of seed 002: existing savings still to be delivered, in its own unit.
struct OutstandingSavings {
    Text title;
    Text unit;
    int decimals = 0;
    std::vector<FinancialYear> years;
    std::vector<YearLine> lines;
    std::vector<Stated> stated_total;
    SourcePos pos;
};

// A single figure the narrative quotes ("£3.3m MTFS saving carried forward").
struct Fact {
    Text name;
    Stated value;
    Text unit;  // "£m", "£'000s", "£", "count", "%"
    Text note;
    SourcePos pos;
};

// A figure the source derives from two others: stated = a - b (e.g. overspend net of grant).
struct Difference {
    Text name;
    Text unit;
    Stated minuend, subtrahend;
    std::optional<Stated> stated;
    SourcePos pos;
};

// ---------------------------------------------------------------- BRFC (seed 000)
enum class RateBase { families_attached, original_target, successful_closures };

struct BrfcDistrict {
    Text district;
    Text quarter;
    std::optional<Count> families_attached;
    std::optional<Count> successful_closures;
    SourcePos pos;
};

struct Brfc {
    std::optional<Date> as_at;
    Count families_attached;
    Count original_target;
    std::optional<Count> people;
    Count successful_closures;
    RateBase conversion_base = RateBase::original_target;
    SourcePos conversion_base_pos;
    std::optional<Percent> conversion_stated;
    std::optional<Percent> conversion_target;
    std::optional<Date> conversion_target_date;
    std::optional<Percent> subsequent_interventions;  // of families with successful outcomes
    std::optional<Date> subsequent_as_at;
    std::vector<BrfcDistrict> districts;
    SourcePos pos;
};

// ---------------------------------------------------------------- Pilots (seed 003)
enum class PilotStatus { running, extended, ceased };

struct ReferralComparison {
    Text source;
    Text before_period;
    Count before;
    Text after_period;
    Count after;
    std::optional<Percent> stated_change;
    SourcePos pos;
};

struct StarStage {
    Text label;
    int from = 0, to = 0;  // inclusive score range on the 1-10 scale
    SourcePos pos;
};

struct FamilyReadings {
    Text family;
    std::vector<std::vector<Stated>> stars;  // each star: one score per area, in order
    SourcePos pos;
};

// A count with the percentage the provider printed beside it.
struct CountPct {
    Count count;
    std::optional<Percent> stated;
    SourcePos pos;
};

// "How were service users distributed across the stages": a published table.
struct PublishedDistribution {
    std::vector<std::vector<Count>> scores;            // area x score 1..10
    std::vector<std::vector<Count>> stage_counts;      // area x stage, as printed
    std::vector<std::vector<Percent>> stage_percents;  // area x stage, as printed
    SourcePos pos;
};

struct PublishedMeans {
    std::optional<Count> families;        // population, when the source states it
    std::vector<Stated> initial, final, progress;  // per area; decimals -1: printed as a dash
    std::vector<Count> counts;            // below-seven table: families per area
    SourcePos pos;
};

struct PublishedStar {
    std::optional<CountPct> service_users, first_stars, reviewed_once, reviewed_twice;
    std::optional<Count> stars_total;
    std::vector<std::pair<Text, CountPct>> completed_by;  // who completed the first stars
    std::optional<Count> completed_by_total;
    std::optional<CountPct> change_negative, change_none, change_positive;
    std::optional<Count> change_total;
    std::optional<PublishedDistribution> initial, recent;
    std::optional<PublishedMeans> means, below_seven;
    SourcePos pos;
};

struct OutcomeStar {
    Text edition;
    Text data_source;
    std::vector<Text> areas;
    std::vector<StarStage> stages;
    std::vector<FamilyReadings> families;  // per-family readings, when available
    std::optional<PublishedStar> published;
    SourcePos pos;
};

struct Pilot {
    Text id;
    Text district;
    Text name;
    std::vector<Text> providers;
    std::optional<Date> started, ends;
    PilotStatus status = PilotStatus::running;
    SourcePos status_pos;
    Text status_note;
    Text ceased_reason;
    std::vector<ReferralComparison> referrals;
    std::optional<OutcomeStar> star;
    SourcePos pos;
};

// ---------------------------------------------------------------- Cohorts (seed 002)
struct CohortPoint {
    Date date;
    std::optional<Count> actual, target;
    SourcePos pos;
};

struct Cohort {
    Text id;
    Text name;
    std::vector<CohortPoint> points;
    std::optional<Date> do_nothing_by;
    std::optional<Count> do_nothing_low, do_nothing_high;
    std::optional<Stated> do_nothing_cost_low, do_nothing_cost_high;  // £m
    SourcePos pos;
};

// ---------------------------------------------------------------- Report spec
struct SectionSpec {
    Text heading;
    Text template_name;
    SourcePos pos;
};

struct TableSpec {
    Text id;
    Text source;   // a declared table: a data file's own ("funding") or a kind's ("mtfs.investment")
    Text caption;  // empty: the declared table's title
    // The author's words for rows and columns ("closures: Families turned around"):
    // a kind's labels are defaults, reworded here.
    std::vector<std::pair<Text, Text>> row_labels, column_labels;
    Text rounding;  // "exact" | "displayed"; empty: the table's own, else the spec's
    SourcePos pos;
};

struct FigureSpec {
    Text id;
    Text source;   // a kind's named chart, e.g. "mtfs.investment_by_year", "cohort.lac"
    ChartDecl chart;  // or a chart of a declared table (chart.table set)
    Text caption;
    Text alt;      // alternative text for readers who cannot see the chart
    Text data_table;  // a table holding the charted figures; empty: one is generated
    SourcePos pos;
};

struct AppendixSpec {
    Text title;
    Text template_name;  // optional narrative
    Text about;          // a prefix of names ("pilot.cannock") its template sees as about.*
    std::vector<Text> tables, figures;
    SourcePos pos;
};

struct Contact {
    Text role, name, title, phone, email;
    SourcePos pos;
};

// What the workbook's cover sheet says beyond the report's title, date and contacts,
// and how it prints negative figures and zeros.
struct WorkbookSpec {
    Text description;  // what the data are
    Text coverage;     // where (or whom) the figures cover
    Text period;       // when
    Text numbers;      // "plain" (the default: -1,234 and 0) or "accounting" ((1,234) and -)
};

// The previous report a report compares itself with: its figures file, relative to the
// report's folder, and the id of the report it is of when that is not this report's
// (a quarter's report beside the last quarter's, each with its own id).
struct PreviousSpec {
    Text figures;
    Text report;
    SourcePos pos;
    // Named by `build --previous DIR` (DIR/<id>.figures.json): the operator's own path,
    // outside the confinement rule, and a missing file only a warning (a new report).
    bool from_command_line = false;
    bool given() const { return !figures.value.empty(); }
};

struct ReportSpec {
    Text id;
    Text style;   // a built-in style ("cabinet") or a style folder beside the report
    Text committee;
    Date meeting_date;
    Text title;
    Text report_of;
    Text local_members_interest;
    Text cabinet_member, cabinet_member_role;
    Text quote_template, summary_template;
    std::vector<Text> recommendations;  // Mustache, lettered a., b. ...
    std::vector<SectionSpec> sections;
    std::vector<TableSpec> tables;
    std::vector<FigureSpec> figures;
    std::vector<AppendixSpec> appendices;
    std::vector<Text> background_documents;
    std::vector<Text> scrutiny_links;
    std::vector<Contact> contacts;
    std::vector<Text> data_files;
    long long contents_after_pages = 0;  // 0: never print a contents list
    std::optional<bool> html;  // write the HTML edition; unset: as the house style says
    Text rounding;  // every table's rounding policy unless it sets one (model/tables.hpp)
    WorkbookSpec workbook;
    PreviousSpec previous;
    std::string dir;   // folder of the report spec, for data and template look-up
    SourcePos pos;
};

// Everything one report is built from.
struct Programme {
    ReportSpec spec;
    std::optional<Mtfs> mtfs;
    std::optional<OutstandingSavings> outstanding_savings;
    std::vector<Fact> facts;
    std::vector<Difference> differences;
    std::optional<Brfc> brfc;
    std::vector<Pilot> pilots;
    std::vector<Cohort> cohorts;
    std::vector<DeclaredTable> tables;  // the data files' own tables
    std::vector<TableCheck> checks;
    std::vector<TableClaim> claims;
    std::vector<std::string> input_files;  // every file read, for the manifest and hashes
    // The previous report's figures (spec `previous:`), read and checked; null when none.
    std::shared_ptr<const PreviousReport> previous;
};

}  // namespace bp
