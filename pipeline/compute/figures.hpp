// Stage 3, compute: every derived figure, computed once, exactly. Nothing here is
// rounded; display precision is chosen by compose/ and applied by core/format.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/num.hpp"
#include "model/model.hpp"

namespace bp {

struct MtfsFigures {
    std::vector<std::vector<Num>> group_totals;  // [group][year]
    std::vector<Num> investment_total;           // [year]
    Num investment_sum;                          // over all years: the "£8.1m"
    std::vector<Num> savings_total;              // [year], negative = saving
    std::vector<Num> roi;                        // investment + savings: (surplus)/deficit
    std::vector<Num> position;                   // roi + position lines: impact on the MTFS
    // The first year from which the position stays at or below zero.
    std::optional<size_t> break_even;
    Num one_off_sum, ongoing_sum;                // investment over all years, by nature
    std::vector<Num> cashable_savings, non_cashable_savings;  // [year], by nature
};

struct OutstandingFigures {
    std::vector<Num> total;  // [year]
};

struct BrfcFigures {
    Num base;                 // the denominator the conversion rate is taken over
    std::string base_label;   // "the original target of 4,680 families"
    Num conversion_pct;       // closures / base x 100
    Num closures_of_attached_pct;
    long long above_target = 0;  // families attached beyond the original target
};

// How one population of families is spread over the Star's scores and stages.
struct StarDistribution {
    std::vector<std::array<long long, 10>> scores;   // [area][score-1]
    std::vector<std::vector<long long>> stages;      // [area][stage]
    std::vector<long long> totals;                   // [area]
    std::vector<std::vector<Num>> stage_pct;         // [area][stage], percent of the area total
    std::vector<std::optional<Num>> mean;            // [area]; none for an empty area
    std::vector<long long> below_seven;              // [area]: families scoring 1-6
    std::vector<std::optional<Num>> below_seven_mean;
};

// A mean taken from readings or a distribution is `derived`; one copied from a
// published table (because the data to derive it is not there) is not.
struct MeanFigure {
    std::optional<Num> value;
    bool derived = false;
};

struct StarMeansRow {
    long long families = 0;
    bool families_derived = false;
    MeanFigure initial, final;
    std::optional<Num> progress;  // final - initial, from the exact means
};

struct StarFigures {
    bool from_readings = false;
    std::vector<std::string> areas, stage_labels;
    std::optional<long long> service_users, first_stars, reviewed_once, reviewed_twice, stars_total;
    std::optional<StarDistribution> initial, recent;
    std::vector<StarMeansRow> means;        // [area], all families with a reviewed star
    std::vector<StarMeansRow> below_seven;  // [area], families starting at 1-6
    std::optional<long long> change_negative, change_none, change_positive;
    long long change_total() const {
        return change_negative.value_or(0) + change_none.value_or(0) + change_positive.value_or(0);
    }
};

struct ReferralFigure {
    Num change_pct;  // (after - before) / before x 100; negative = a reduction
    bool defined = false;  // false when `before` is zero
};

struct PilotFigures {
    std::vector<ReferralFigure> referrals;  // parallel to Pilot::referrals
    std::optional<StarFigures> star;
};

struct CohortFigures {
    std::optional<size_t> latest_actual;  // index into points
    std::optional<size_t> final_target;
    std::optional<Num> planned_reduction;      // latest actual - final target
    std::optional<Num> planned_reduction_pct;  // of the latest actual
};

struct Figures {
    std::optional<MtfsFigures> mtfs;
    std::optional<OutstandingFigures> outstanding;
    std::vector<Num> differences;  // parallel to Programme::differences
    std::optional<BrfcFigures> brfc;
    std::vector<PilotFigures> pilots;    // parallel to Programme::pilots
    std::vector<CohortFigures> cohorts;  // parallel to Programme::cohorts
};

// Computes every figure. Safe on data that failed domain validation (it skips what it
// cannot use), but its results are only meaningful for data that passed.
Figures compute(const Programme& prog);

MtfsFigures compute_mtfs(const Mtfs& m);
StarFigures compute_star(const OutcomeStar& star);
// Sum of a row of stated values.
Num sum_values(const std::vector<Stated>& values);
// The percentage a/b x 100, exactly.
Num percent_of(const Num& part, const Num& whole);

}  // namespace bp
