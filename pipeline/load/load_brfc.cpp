// BRFC (Building Resilient Families and Communities) programme figures.
#include "load/loaders.hpp"

namespace bp::load {

std::optional<Brfc> load_brfc(const Ctx& ctx, const YAML::Node& n) {
    Obj o(ctx, n, "brfc");
    if (!o.ok()) return std::nullopt;
    Brfc b;
    b.pos = o.pos();
    b.as_at = field(o, "as_at", read_date);
    auto attached = field(o, "families_attached", read_count);
    auto target = field(o, "original_target", read_count);
    auto closures = field(o, "successful_closures", read_count);
    b.people = field(o, "people", read_count);
    if (!attached || !target || !closures) return std::nullopt;
    b.families_attached = *attached;
    b.original_target = *target;
    b.successful_closures = *closures;

    Obj conv(ctx, o.get("conversion"), "brfc_conversion");
    if (!conv.ok()) return std::nullopt;
    auto base = field(conv, "base", [](const Ctx& c, const YAML::Node& x, const std::string& w) {
        return read_enum(c, x, w, {"families_attached", "original_target", "successful_closures"});
    });
    if (!base) return std::nullopt;
    b.conversion_base_pos = base->pos;
    b.conversion_base = base->value == "families_attached" ? RateBase::families_attached
                        : base->value == "original_target" ? RateBase::original_target
                                                           : RateBase::successful_closures;
    b.conversion_stated = field(conv, "stated", read_percent);
    b.conversion_target = field(conv, "target", read_percent);
    b.conversion_target_date = field(conv, "target_date", read_date);

    if (o.has("subsequent_interventions")) {
        Obj sub(ctx, o.get("subsequent_interventions"), "brfc_subsequent");
        if (sub.ok()) {
            b.subsequent_interventions = field(sub, "stated", read_percent);
            b.subsequent_as_at = field(sub, "as_at", read_date);
        }
    }
    if (o.has("districts")) {
        read_list(ctx, o.get("districts"), "districts", [&](const YAML::Node& item) {
            Obj d(ctx, item, "brfc_district");
            if (!d.ok()) return;
            BrfcDistrict row;
            row.pos = d.pos();
            if (auto t = field(d, "district", read_text)) row.district = *t;
            if (auto t = field(d, "quarter", read_text)) row.quarter = *t;
            row.families_attached = field(d, "families_attached", read_count);
            row.successful_closures = field(d, "successful_closures", read_count);
            b.districts.push_back(row);
        });
    }
    return b;
}

}  // namespace bp::load
