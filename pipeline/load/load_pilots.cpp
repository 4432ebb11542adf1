// District pilots: status, referral comparisons and Outcome Star data, either as
// per-family readings or as the aggregate tables a provider publishes.
#include "load/loaders.hpp"

namespace bp::load {
namespace {

// A list of exactly `want` items read by `reader`; reports the wrong length.
template <typename T, typename R>
std::vector<T> read_row(const Ctx& ctx, const YAML::Node& n, const std::string& what, size_t want,
                        const std::string& of_what, R reader) {
    std::vector<T> out;
    bool good = true;
    const bool is_list = read_list(ctx, n, what, [&](const YAML::Node& item) {
        auto v = reader(ctx, item, what);
        if (v) out.push_back(*v); else good = false;
    });
    if (!is_list || !good) return {};
    if (out.size() != want) {
        ctx.error(n, "'" + what + "' has " + std::to_string(out.size()) + " values but there are " +
                         std::to_string(want) + " " + of_what);
        return {};
    }
    return out;
}

// A table: one row per Star area, each row `cols` wide.
template <typename T, typename R>
std::vector<std::vector<T>> read_grid(const Ctx& ctx, const YAML::Node& n, const std::string& what,
                                      size_t rows, size_t cols, const std::string& col_name, R reader) {
    std::vector<std::vector<T>> grid;
    bool good = true;
    const bool is_list = read_list(ctx, n, what, [&](const YAML::Node& row) {
        auto r = read_row<T>(ctx, row, what, cols, col_name, reader);
        if (r.empty()) good = false;
        grid.push_back(r);
    });
    if (!is_list || !good) return {};
    if (grid.size() != rows) {
        ctx.error(n, "'" + what + "' has " + std::to_string(grid.size()) + " rows but the Star has " +
                         std::to_string(rows) + " areas");
        return {};
    }
    return grid;
}

std::optional<CountPct> read_count_pct(const Ctx& ctx, const YAML::Node& n) {
    Obj o(ctx, n, "count_pct");
    if (!o.ok()) return std::nullopt;
    auto c = field(o, "count", read_count);
    if (!c) return std::nullopt;
    return CountPct{*c, field(o, "stated", read_percent), o.pos()};
}

std::optional<PublishedDistribution> read_distribution(const Ctx& ctx, const YAML::Node& n, size_t areas,
                                                       size_t stages) {
    Obj o(ctx, n, "distribution");
    if (!o.ok()) return std::nullopt;
    PublishedDistribution d;
    d.pos = o.pos();
    d.scores = read_grid<Count>(ctx, o.get("scores"), "scores", areas, 10, "scores (1 to 10)", read_count);
    if (o.has("stage_counts"))
        d.stage_counts = read_grid<Count>(ctx, o.get("stage_counts"), "stage_counts", areas, stages, "stages", read_count);
    if (o.has("stage_percents"))
        d.stage_percents = read_grid<Percent>(ctx, o.get("stage_percents"), "stage_percents", areas, stages,
                                              "stages", read_percent);
    if (d.scores.empty()) return std::nullopt;
    return d;
}

// A mean as printed; `~` stands for the dash a table prints where there is no mean
// (decimals -1 marks it).
std::optional<Stated> read_mean(const Ctx& ctx, const YAML::Node& n, const std::string& what) {
    if (n.IsNull()) return Stated{Num(), -1, ctx.pos(n)};
    return read_number(ctx, n, what);
}

std::optional<PublishedMeans> read_means(const Ctx& ctx, const YAML::Node& n, size_t areas) {
    Obj o(ctx, n, "means");
    if (!o.ok()) return std::nullopt;
    PublishedMeans m;
    m.pos = o.pos();
    m.families = field(o, "families", read_count);
    m.initial = read_row<Stated>(ctx, o.get("initial"), "initial", areas, "Star areas", read_mean);
    m.final = read_row<Stated>(ctx, o.get("final"), "final", areas, "Star areas", read_mean);
    if (o.has("progress")) m.progress = read_row<Stated>(ctx, o.get("progress"), "progress", areas, "Star areas", read_mean);
    if (o.has("counts")) m.counts = read_row<Count>(ctx, o.get("counts"), "counts", areas, "Star areas", read_count);
    if (m.initial.empty() || m.final.empty()) return std::nullopt;
    return m;
}

std::optional<PublishedStar> read_published(const Ctx& ctx, const YAML::Node& n, size_t areas, size_t stages) {
    Obj o(ctx, n, "published_star");
    if (!o.ok()) return std::nullopt;
    PublishedStar p;
    p.pos = o.pos();
    auto cp = [&](const char* key) -> std::optional<CountPct> {
        return o.has(key) ? read_count_pct(ctx, o.get(key)) : std::nullopt;
    };
    p.service_users = cp("service_users");
    p.first_stars = cp("first_stars");
    p.reviewed_once = cp("reviewed_once");
    p.reviewed_twice = cp("reviewed_twice");
    p.stars_total = field(o, "stars_total", read_count);
    if (o.has("completed_by")) {
        read_list(ctx, o.get("completed_by"), "completed_by", [&](const YAML::Node& item) {
            Obj c(ctx, item, "completed_by");
            if (!c.ok()) return;
            auto who = field(c, "who", read_text);
            auto count = field(c, "count", read_count);
            if (who && count) p.completed_by.push_back({*who, CountPct{*count, field(c, "stated", read_percent), c.pos()}});
        });
    }
    p.completed_by_total = field(o, "completed_by_total", read_count);
    if (o.has("change")) {
        Obj c(ctx, o.get("change"), "star_change");
        if (c.ok()) {
            p.change_negative = read_count_pct(ctx, c.get("negative"));
            p.change_none = read_count_pct(ctx, c.get("no_change"));
            p.change_positive = read_count_pct(ctx, c.get("positive"));
            p.change_total = field(c, "stated_total", read_count);
        }
    }
    if (o.has("initial")) p.initial = read_distribution(ctx, o.get("initial"), areas, stages);
    if (o.has("recent")) p.recent = read_distribution(ctx, o.get("recent"), areas, stages);
    if (o.has("means")) p.means = read_means(ctx, o.get("means"), areas);
    if (o.has("below_seven")) {
        p.below_seven = read_means(ctx, o.get("below_seven"), areas);
        if (p.below_seven && p.below_seven->counts.empty())
            ctx.error(o.get("below_seven"), "'below_seven' needs 'counts': the number of families below 7 in each area");
    }
    return p;
}

std::optional<OutcomeStar> read_star(const Ctx& ctx, const YAML::Node& n) {
    Obj o(ctx, n, "outcome_star");
    if (!o.ok()) return std::nullopt;
    OutcomeStar s;
    s.pos = o.pos();
    if (auto t = field(o, "edition", read_text)) s.edition = *t;
    if (auto t = field(o, "data_source", read_text)) s.data_source = *t;
    read_list(ctx, o.get("areas"), "areas", [&](const YAML::Node& item) {
        if (auto t = read_text(ctx, item, "areas")) s.areas.push_back(*t);
    });
    read_list(ctx, o.get("stages"), "stages", [&](const YAML::Node& item) {
        Obj st(ctx, item, "star_stage");
        if (!st.ok()) return;
        auto label = field(st, "label", read_text);
        auto range = read_row<Count>(ctx, st.get("scores"), "scores", 2, "ends to a score range (from, to)", read_count);
        if (!label || range.empty()) return;
        s.stages.push_back(StarStage{*label, static_cast<int>(range[0].value), static_cast<int>(range[1].value), st.pos()});
    });
    if (s.areas.empty() || s.stages.empty()) return std::nullopt;
    if (o.has("families")) {
        read_list(ctx, o.get("families"), "families", [&](const YAML::Node& item) {
            Obj f(ctx, item, "star_family");
            if (!f.ok()) return;
            FamilyReadings fr;
            fr.pos = f.pos();
            if (auto t = field(f, "family", read_text)) fr.family = *t;
            read_list(ctx, f.get("stars"), "stars", [&](const YAML::Node& star) {
                auto scores = read_row<Stated>(ctx, star, "stars", s.areas.size(), "Star areas", read_number);
                if (!scores.empty()) fr.stars.push_back(scores);
            });
            s.families.push_back(fr);
        });
    }
    if (o.has("published")) s.published = read_published(ctx, o.get("published"), s.areas.size(), s.stages.size());
    return s;
}

}  // namespace

std::vector<Pilot> load_pilots(const Ctx& ctx, const YAML::Node& n) {
    std::vector<Pilot> pilots;
    read_list(ctx, n, "pilots", [&](const YAML::Node& item) {
        Obj o(ctx, item, "pilot");
        if (!o.ok()) return;
        Pilot p;
        p.pos = o.pos();
        if (auto t = field(o, "id", read_text)) p.id = *t;
        if (auto t = field(o, "district", read_text)) p.district = *t;
        if (auto t = field(o, "name", read_text)) p.name = *t;
        if (o.has("providers"))
            read_list(ctx, o.get("providers"), "providers", [&](const YAML::Node& x) {
                if (auto t = read_text(ctx, x, "providers")) p.providers.push_back(*t);
            });
        p.started = field(o, "started", read_date);
        p.ends = field(o, "ends", read_date);
        if (auto st = field(o, "status", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
                return read_enum(c, x, w, {"running", "extended", "ceased"});
            })) {
            p.status_pos = st->pos;
            p.status = st->value == "running" ? PilotStatus::running
                       : st->value == "extended" ? PilotStatus::extended
                                                 : PilotStatus::ceased;
        }
        if (auto t = field(o, "status_note", read_text)) p.status_note = *t;
        if (auto t = field(o, "ceased_reason", read_text)) p.ceased_reason = *t;
        if (o.has("referrals"))
            read_list(ctx, o.get("referrals"), "referrals", [&](const YAML::Node& x) {
                Obj r(ctx, x, "referral");
                if (!r.ok()) return;
                ReferralComparison rc;
                rc.pos = r.pos();
                if (auto t = field(r, "source", read_text)) rc.source = *t;
                Obj before(ctx, r.get("before"), "referral_period"), after(ctx, r.get("after"), "referral_period");
                if (!before.ok() || !after.ok()) return;
                auto bp_ = field(before, "period", read_text);
                auto bc = field(before, "count", read_count);
                auto ap = field(after, "period", read_text);
                auto ac = field(after, "count", read_count);
                if (!bp_ || !bc || !ap || !ac) return;
                rc.before_period = *bp_;
                rc.before = *bc;
                rc.after_period = *ap;
                rc.after = *ac;
                rc.stated_change = field(r, "stated_change", read_percent);
                p.referrals.push_back(rc);
            });
        if (o.has("outcome_star")) p.star = read_star(ctx, o.get("outcome_star"));
        pilots.push_back(p);
    });
    return pilots;
}

}  // namespace bp::load
