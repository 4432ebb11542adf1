// Cohort projections: actual and target numbers by date, and a do-nothing range.
#include "load/loaders.hpp"

namespace bp::load {

std::vector<Cohort> load_cohorts(const Ctx& ctx, const YAML::Node& n) {
    std::vector<Cohort> cohorts;
    read_list(ctx, n, "cohorts", [&](const YAML::Node& item) {
        Obj o(ctx, item, "cohort");
        if (!o.ok()) return;
        Cohort c;
        c.pos = o.pos();
        if (auto t = field(o, "id", read_text)) c.id = *t;
        if (auto t = field(o, "name", read_text)) c.name = *t;
        read_list(ctx, o.get("points"), "points", [&](const YAML::Node& x) {
            Obj p(ctx, x, "cohort_point");
            if (!p.ok()) return;
            auto date = field(p, "date", read_date);
            if (!date) return;
            CohortPoint pt{*date, field(p, "actual", read_count), field(p, "target", read_count), p.pos()};
            if (!pt.actual && !pt.target) {
                ctx.error(x, "a cohort point needs an 'actual' or a 'target' number");
                return;
            }
            if (!c.points.empty() && !(c.points.back().date < pt.date))
                ctx.error(x, "cohort points must be in date order: " + pt.date.iso() + " follows " +
                                 c.points.back().date.iso());
            c.points.push_back(pt);
        });
        if (o.has("do_nothing")) {
            Obj d(ctx, o.get("do_nothing"), "do_nothing");
            if (d.ok()) {
                c.do_nothing_by = field(d, "by", read_date);
                c.do_nothing_low = field(d, "low", read_count);
                c.do_nothing_high = field(d, "high", read_count);
                c.do_nothing_cost_low = field(d, "cost_low", read_number);
                c.do_nothing_cost_high = field(d, "cost_high", read_number);
            }
        }
        cohorts.push_back(c);
    });
    return cohorts;
}

}  // namespace bp::load
