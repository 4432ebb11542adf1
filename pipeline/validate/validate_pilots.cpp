// Pilots: status rules, Star readings on the 1-10 scale, and every count, percentage
// and mean a provider's published Outcome Star tables state.
#include <map>
#include <set>

#include "core/format.hpp"
#include "validate/stated.hpp"
#include "validate/validate.hpp"

namespace bp::validate {
namespace {

std::string of(long long part, long long whole) {
    return fmt_count(Num(part)) + " of " + fmt_count(Num(whole));
}

void check_pct(Diagnostics& diags, const std::optional<Percent>& stated, long long part, long long whole,
               const std::string& what) {
    if (stated && whole > 0) check_stated_percent(diags, *stated, percent_of(Num(part), Num(whole)), what, of(part, whole));
}

void check_stages(const OutcomeStar& s, Diagnostics& diags) {
    int next = 1;
    for (const auto& st : s.stages) {
        if (st.from != next || st.to < st.from) {
            diags.error(st.pos, "stage '" + st.label.value + "' covers " + std::to_string(st.from) + "-" +
                                    std::to_string(st.to) + " but the next score to cover is " + std::to_string(next) +
                                    "; the stages must cover 1 to 10 in order, each score once");
            return;
        }
        next = st.to + 1;
    }
    if (next != 11 && !s.stages.empty())
        diags.error(s.stages.back().pos, "the stages end at " + std::to_string(next - 1) + "; they must cover 1 to 10");
}

void check_readings(const OutcomeStar& s, Diagnostics& diags) {
    std::set<std::string> seen;
    for (const auto& f : s.families) {
        if (!seen.insert(f.family.value).second) diags.error(f.family.pos, "family '" + f.family.value + "' is listed twice");
        if (f.stars.empty()) diags.warning(f.pos, "family '" + f.family.value + "' has no Star readings");
        for (const auto& star : f.stars)
            for (size_t k = 0; k < star.size(); ++k) {
                const Stated& v = star[k];
                if (v.value.den() != 1 || v.value < Num(1) || v.value > Num(10))
                    diags.error(v.pos, "score " + to_fixed(v.value, v.decimals) + " for '" + s.areas[k].value +
                                           "' is outside the Star's 1-10 scale of whole points");
            }
    }
}

void check_distribution(const PublishedDistribution& d, const StarDistribution& f, const StarFigures& sf,
                        const std::string& which, Diagnostics& diags) {
    // Every area of one table covers the same families; an odd total is a transcription
    // or publication slip, and percentages taken over it mean something else.
    std::map<long long, int> freq;
    for (long long t : f.totals) ++freq[t];
    long long usual = 0;
    int best = -1;
    for (const auto& [t, n] : freq) if (n > best) { best = n; usual = t; }
    for (size_t a = 0; a < f.totals.size() && a < d.scores.size(); ++a) {
        const std::string area = "'" + sf.areas[a] + "' (" + which + ")";
        if (f.totals[a] != usual && !d.scores[a].empty())
            diags.warning(d.scores[a].front().pos, area + " covers " + fmt_count(Num(f.totals[a])) +
                                                       " families but the other areas cover " + fmt_count(Num(usual)));
        for (size_t k = 0; k < f.stages[a].size(); ++k) {
            const std::string what = area + " '" + sf.stage_labels[k] + "'";
            if (a < d.stage_counts.size() && k < d.stage_counts[a].size())
                check_stated_count(diags, d.stage_counts[a][k], f.stages[a][k], what, "the score counts");
            if (a < d.stage_percents.size() && k < d.stage_percents[a].size() && f.totals[a] > 0)
                check_stated_percent(diags, d.stage_percents[a][k], f.stage_pct[a][k], what,
                                     of(f.stages[a][k], f.totals[a]));
        }
    }
}

void check_means(const PublishedMeans& m, const std::vector<StarMeansRow>& rows, const StarFigures& sf,
                 const std::string& which, Diagnostics& diags) {
    for (size_t a = 0; a < rows.size(); ++a) {
        const StarMeansRow& r = rows[a];
        const std::string area = "'" + sf.areas[a] + "' (" + which + ")";
        if (r.families_derived && a < m.counts.size())
            check_stated_count(diags, m.counts[a], r.families, area + " families below 7", "the initial distribution");
        auto check_mean = [&](const MeanFigure& mf, const std::vector<Stated>& stated, const char* name) {
            if (a >= stated.size() || stated[a].decimals < 0) return;
            // A mean of n whole scores is a multiple of 1/n, whatever the readings were:
            // the one check a printed mean without its distribution can have.
            const long long n = r.families > 0 ? r.families : m.families ? m.families->value : 0;
            if (!mf.derived && n > 0) {
                const std::string near = granularity_problem(stated[a].value, stated[a].decimals, Num(n), false);
                if (!near.empty())
                    diags.warning(stated[a].pos, area + " " + name + " mean: " + to_fixed(stated[a].value, stated[a].decimals) +
                                                     " cannot be a mean of " + fmt_count(Num(n)) + " whole scores (" + near + ")");
            }
            if (!mf.derived) return;
            if (!mf.value) {
                if (!stated[a].value.is_zero() || r.families > 0)
                    diags.error(stated[a].pos, area + " " + name + " mean: stated " + to_fixed(stated[a].value, stated[a].decimals) +
                                                   " but there are no families to take a mean over");
                return;
            }
            check_stated(diags, stated[a], *mf.value, Num(), area + " " + name + " mean");
        };
        check_mean(r.initial, m.initial, "initial");
        check_mean(r.final, m.final, "final");
        if (r.families == 0 && a < m.initial.size() && m.initial[a].decimals >= 0 && m.initial[a].value.is_zero())
            diags.warning(m.initial[a].pos, area + ": a mean over no families is printed as 0; boardpack prints a dash");
        if (a < m.progress.size() && r.progress && m.progress[a].decimals >= 0) {
            Num rounding;
            if (!r.initial.derived && a < m.initial.size()) rounding += half_unit(m.initial[a].decimals);
            if (!r.final.derived && a < m.final.size()) rounding += half_unit(m.final[a].decimals);
            check_stated(diags, m.progress[a], *r.progress, rounding, area + " progress");
        }
    }
}

// Means over a stated number of families beside a distribution of the same Stars that
// covers another number: the mean was not taken over the distribution printed with it.
// One finding for a table whose every area differs; else one per area that does.
void check_mean_coverage(const PublishedMeans& m, const std::vector<Stated>& stated, const StarDistribution& d,
                         const StarFigures& sf, const std::string& who, const std::string& which, Diagnostics& diags) {
    if (!m.families) return;
    const long long n = m.families->value;
    std::vector<size_t> off;
    size_t shown = 0;
    for (size_t a = 0; a < d.totals.size() && a < stated.size(); ++a) {
        if (stated[a].decimals < 0) continue;
        ++shown;
        if (d.totals[a] != n) off.push_back(a);
    }
    if (off.empty()) return;
    bool same = off.size() == shown;
    for (size_t a : off) same = same && d.totals[a] == d.totals[off.front()];
    if (same && shown > 1) {
        diags.warning(m.families->pos, who + " means are over " + fmt_count(Num(n)) + " families, but the " + which +
                                           " distribution covers " + fmt_count(Num(d.totals[off.front()])) +
                                           " in every area: its means are not taken over the distribution printed");
        return;
    }
    for (size_t a : off)
        diags.warning(stated[a].pos, "'" + sf.areas[a] + "' (" + who + " means): a mean over " + fmt_count(Num(n)) +
                                         " families, but the " + which + " distribution covers " + fmt_count(Num(d.totals[a])) +
                                         " in this area");
}

}  // namespace

void check_pilot_domain(const Pilot& p, Diagnostics& diags) {
    if (p.status == PilotStatus::ceased && p.ceased_reason.value.empty())
        diags.error(p.status_pos, "pilot '" + p.id.value + "' has ceased but gives no 'ceased_reason'");
    if (p.status != PilotStatus::ceased && !p.ceased_reason.value.empty())
        diags.warning(p.ceased_reason.pos, "pilot '" + p.id.value + "' gives a 'ceased_reason' but its status is not ceased");
    if (p.started && p.ends && p.ends->operator<(*p.started))
        diags.error(p.ends->pos, "pilot '" + p.id.value + "' ends (" + p.ends->iso() + ") before it starts (" +
                                     p.started->iso() + ")");
    if (!p.star) return;
    const OutcomeStar& s = *p.star;
    check_stages(s, diags);
    if (s.edition.value.find("Family Star Plus") != std::string::npos && s.areas.size() != 10)
        diags.error(s.pos, "the Family Star Plus has ten areas; " + std::to_string(s.areas.size()) + " are listed");
    check_readings(s, diags);
    if (s.published) {
        const PublishedStar& pub = *s.published;
        if (pub.service_users && pub.first_stars && pub.first_stars->count.value > pub.service_users->count.value)
            diags.error(pub.first_stars->count.pos, "more first Stars than service users");
        if (pub.first_stars && pub.reviewed_once && pub.reviewed_once->count.value > pub.first_stars->count.value)
            diags.error(pub.reviewed_once->count.pos, "more families with a reviewed Star than with a first Star");
        if (pub.reviewed_once && pub.reviewed_twice && pub.reviewed_twice->count.value > pub.reviewed_once->count.value)
            diags.error(pub.reviewed_twice->count.pos, "more families with two reviewed Stars than with one");
    }
}

void check_pilot_stated(const Pilot& p, const PilotFigures& f, Diagnostics& diags) {
    const std::string who = "pilot '" + p.id.value + "'";
    for (size_t i = 0; i < p.referrals.size() && i < f.referrals.size(); ++i) {
        const auto& r = p.referrals[i];
        if (r.stated_change && f.referrals[i].defined)
            check_stated_percent(diags, *r.stated_change, f.referrals[i].change_pct, who + " referrals from " + r.source.value,
                                 "the change from " + std::to_string(r.before.value) + " to " + std::to_string(r.after.value));
    }
    if (!p.star || !p.star->published || !f.star) return;
    const PublishedStar& pub = *p.star->published;
    const StarFigures& sf = *f.star;
    if (pub.service_users) {
        const long long users = pub.service_users->count.value;
        if (pub.first_stars) check_pct(diags, pub.first_stars->stated, pub.first_stars->count.value, users, who + " first Stars");
        if (pub.reviewed_once) check_pct(diags, pub.reviewed_once->stated, pub.reviewed_once->count.value, users, who + " with a reviewed Star");
        if (pub.reviewed_twice) check_pct(diags, pub.reviewed_twice->stated, pub.reviewed_twice->count.value, users, who + " with two reviewed Stars");
    }
    if (!pub.completed_by.empty()) {
        long long sum = 0;
        for (const auto& [label, c] : pub.completed_by) sum += c.count.value;
        if (pub.completed_by_total) check_stated_count(diags, *pub.completed_by_total, sum, who + " first Stars by who completed them", "the rows");
        for (const auto& [label, c] : pub.completed_by) check_pct(diags, c.stated, c.count.value, sum, who + " first Stars completed by " + label.value);
        if (pub.first_stars && sum != pub.first_stars->count.value)
            diags.error(pub.completed_by.front().second.pos,
                        who + ": the table of who completed the first Stars counts " + fmt_count(Num(sum)) +
                            " Stars, but " + fmt_count(Num(pub.first_stars->count.value)) + " first Stars were completed");
    }
    if (pub.change_negative && pub.change_none && pub.change_positive) {
        const long long total = sf.change_total();
        if (pub.change_total) check_stated_count(diags, *pub.change_total, total, who + " overall change total", "the rows");
        check_pct(diags, pub.change_negative->stated, pub.change_negative->count.value, total, who + " negative change");
        check_pct(diags, pub.change_none->stated, pub.change_none->count.value, total, who + " no change");
        check_pct(diags, pub.change_positive->stated, pub.change_positive->count.value, total, who + " positive change");
    }
    if (pub.initial && sf.initial) check_distribution(*pub.initial, *sf.initial, sf, who + " first Stars", diags);
    if (pub.recent && sf.recent) check_distribution(*pub.recent, *sf.recent, sf, who + " latest Stars", diags);
    if (pub.means) check_means(*pub.means, sf.means, sf, who + " means", diags);
    if (pub.means && pub.initial && sf.initial) check_mean_coverage(*pub.means, pub.means->initial, *sf.initial, sf, who, "first-Star", diags);
    if (pub.means && pub.recent && sf.recent) check_mean_coverage(*pub.means, pub.means->final, *sf.recent, sf, who, "latest-Star", diags);
    // A change is seen between two readings: the change table counts at most the Stars
    // that were reviews (every Star completed but the first ones).
    if (pub.change_negative && pub.change_none && pub.change_positive && pub.stars_total && pub.first_stars) {
        const long long changes = sf.change_total();
        const long long reviews = pub.stars_total->value - pub.first_stars->count.value;
        if (reviews >= 0 && changes > reviews)
            diags.warning(pub.change_total ? pub.change_total->pos : pub.change_negative->pos,
                          who + ": the change table counts " + fmt_count(Num(changes)) + " changes, but only " +
                              fmt_count(Num(reviews)) + " reviewed Stars were completed (" + fmt_count(Num(pub.stars_total->value)) +
                              " Stars, " + fmt_count(Num(pub.first_stars->count.value)) +
                              " of them first Stars); a change needs a reviewed Star");
    }
    if (pub.below_seven) check_means(*pub.below_seven, sf.below_seven, sf, who + " starting below 7", diags);
}

}  // namespace bp::validate
