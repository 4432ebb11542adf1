// Formatting helpers: one rule each, and what a template sees.
#include <catch2/catch.hpp>

#include "compose/helpers.hpp"
#include "compose/narrative.hpp"
#include "support.hpp"

using namespace bp;
using namespace bp::compose;

namespace {
std::string h(const std::string& name, const std::string& input) {
    auto out = apply_helper(name, input);
    return out ? *out : "<none>";
}
}  // namespace

TEST_CASE("money helpers", "[helpers]") {
    CHECK(h("m1", "8.133") == "£8.1m");
    CHECK(h("m1", "15.611") == "£15.6m");
    CHECK(h("m1", "0.05") == "£0.1m");  // half away from zero
    CHECK(h("m3", "3.453") == "£3.453m");
    CHECK(h("m3", "-3.453") == "-£3.453m");
    CHECK(h("pounds", "600000") == "£600,000");
    CHECK(h("pounds", "1836000") == "£1,836,000");
    CHECK(h("thousands", "-7118") == "(7,118)");
    CHECK(h("thousands", "0") == "-");
    CHECK(h("thousands", "2530") == "2,530");
}

TEST_CASE("count, percentage and change helpers", "[helpers]") {
    CHECK(h("count", "6049") == "6,049");
    CHECK(h("count", "23667") == "23,667");
    CHECK(h("pct", "59.74358") == "60%");
    CHECK(h("pct", "279600/4680") == "60%");      // exact fractions are taken as they are
    CHECK(h("pct1", "1700/23") == "73.9%");
    CHECK(h("pct", "25/2") == "13%");             // 12.5 rounds half away from zero
    CHECK(h("signed_pct", "128") == "+128%");
    CHECK(h("signed_pct", "-17") == "-17%");
    CHECK(h("change", "-17") == "a 17% reduction");
    CHECK(h("change", "-81.8") == "an 82% reduction");
    CHECK(h("change", "128") == "a 128% increase");
    CHECK(h("change", "11") == "an 11% increase");
    CHECK(h("change", "0.4") == "no change");
}

TEST_CASE("year, date and range helpers", "[helpers]") {
    CHECK(h("fy", "2019") == "2019/20");
    CHECK(h("fy", "2019-11-20") == "2019/20");
    CHECK(h("fy", "2020-03-31") == "2019/20");  // March is the end of the financial year
    CHECK(h("fy", "2099") == "2099/00");
    CHECK(h("date", "2019-11-07") == "7 November 2019");
    CHECK(h("month", "2020-03-31") == "March 2020");
    CHECK(h("range", "1490 2281") == "between 1,490 and 2,281");
}

TEST_CASE("a helper given what it cannot format says so; nothing is guessed", "[helpers]") {
    CHECK_FALSE(apply_helper("m1", "eight"));
    CHECK_FALSE(apply_helper("count", "1,000"));
    CHECK_FALSE(apply_helper("date", "7/11/2019"));
    CHECK_FALSE(apply_helper("range", "1490"));
    CHECK_FALSE(apply_helper("nosuch", "1"));
}

TEST_CASE("raw values are exact text", "[helpers]") {
    CHECK(raw_text(Num::ratio(8133, 1000)) == "8.133");
    CHECK(raw_text(Num(6049)) == "6049");
    CHECK(raw_text(Num::ratio(1700, 23)) == "1700/23");
    CHECK(raw_text(Num::ratio(-1, 8)) == "-0.125");
}

TEST_CASE("templates use helpers round raw values, and misuse is an error", "[helpers][templates]") {
    TValue d;
    d.set("m1", TValue::helper("m1"));
    d.set("pct1", TValue::helper("pct1"));
    d.set("raw.total", TValue::raw("8.133", "£m"));
    d.set("raw.rate", TValue::raw("1700/23", "%"));
    d.set("word", TValue::str("eight"));
    auto none = [](const std::string&) -> std::optional<TemplateSource> { return std::nullopt; };
    auto src = [](const std::string& t) {
        return TemplateSource{"t", t, SourcePos{std::make_shared<const std::string>("t.mustache"), 1, 1}};
    };
    Diagnostics ok;
    const auto out = render_template(src("Invest {{#m1}}{{raw.total}}{{/m1}}; {{#pct1}}{{raw.rate}}{{/pct1}}."), d, none, ok);
    REQUIRE(out);
    CHECK(*out == "Invest £8.1m; 73.9%.");
    Diagnostics bad;
    CHECK_FALSE(render_template(src("{{#m1}}{{word}}{{/m1}}"), d, none, bad));
    CHECK(test::has(bad, "t.mustache", 1, 8, Severity::error, "helper 'm1' is given 'word', which is formatted text"));
    Diagnostics misuse;
    CHECK_FALSE(render_template(src("x {{m1}}"), d, none, misuse));
    CHECK(test::has(misuse, "t.mustache", 1, 3, Severity::error, "'m1' is a formatting helper"));
}

TEST_CASE("a helper given a figure in another unit or scale is an error at the tag, never another number", "[helpers][templates]") {
    TValue d;
    for (const auto& h : helpers()) d.set(h.name, TValue::helper(h.name));
    d.set("raw.roi_m", TValue::raw("-17.872", "£m"));
    d.set("raw.grant", TValue::raw("600000", "£"));
    d.set("raw.cell", TValue::raw("-7118", "£'000s"));
    d.set("raw.families", TValue::raw("6049", "count"));
    d.set("raw.rate", TValue::raw("1700/23", "%"));
    d.set("raw.mean", TValue::raw("2.25", "number"));
    d.set("raw.when", TValue::raw("2019-11-20", "date"));
    auto none = [](const std::string&) -> std::optional<TemplateSource> { return std::nullopt; };
    auto src = [](const std::string& t) {
        return TemplateSource{"t", t, SourcePos{std::make_shared<const std::string>("t.mustache"), 1, 1}};
    };
    struct Case {
        const char* text;
        const char* message;
    };
    // The cases first: "£0" and "-" were printed for a £m value.
    for (const auto& c : {Case{"x {{#pounds}}{{raw.roi_m}}{{/pounds}}", "helper 'pounds' prints whole pounds, but 'raw.roi_m' is in £m; use m1 or m3"},
                          Case{"x {{#thousands}}{{raw.roi_m}}{{/thousands}}", "but 'raw.roi_m' is in £m; use m1 or m3"},
                          Case{"x {{#m1}}{{raw.grant}}{{/m1}}", "helper 'm1' prints money in millions to one place, but 'raw.grant' is in £; use pounds"},
                          Case{"x {{#pct}}{{raw.families}}{{/pct}}", "but 'raw.families' is in count; use count or range"},
                          Case{"x {{#count}}{{raw.rate}}{{/count}}", "but 'raw.rate' is in %; use pct or pct1 or signed_pct or change"},
                          Case{"x {{#count}}{{raw.mean}}{{/count}}", "but 'raw.mean' is in number; no helper prints that unit"},
                          Case{"x {{#pounds}}{{raw.cell}}{{/pounds}}", "but 'raw.cell' is in £'000s; use thousands"},
                          Case{"x {{#m1}}{{raw.when}}{{/m1}}", "but 'raw.when' is in date; use fy or date or month"}}) {
        SECTION(c.text) {
            Diagnostics diags;
            CHECK_FALSE(render_template(src(c.text), d, none, diags));
            INFO(test::listing(diags));
            CHECK(test::has(diags, "t.mustache", 1, std::string(c.text).find("{{raw") + 1, Severity::error, c.message));
        }
    }
    SECTION("each in its own unit prints") {
        Diagnostics diags;
        const auto out = render_template(src("{{#m3}}{{raw.roi_m}}{{/m3}} {{#pounds}}{{raw.grant}}{{/pounds}} {{#thousands}}{{raw.cell}}{{/thousands}} "
                                             "{{#count}}{{raw.families}}{{/count}} {{#pct1}}{{raw.rate}}{{/pct1}} {{#date}}{{raw.when}}{{/date}}"),
                                         d, none, diags);
        INFO(test::listing(diags));
        REQUIRE(out);
        CHECK(*out == "-£17.872m £600,000 (7,118) 6,049 73.9% 20 November 2019");
    }
}

TEST_CASE("a refused value is an error where it would print, and nowhere else", "[helpers][templates]") {
    TValue d;
    d.set("above", TValue::refused("says how far above, but it is below"));
    d.set("exceeds", TValue::boolean(false));
    d.set("empty", TValue::list({}));
    auto none = [](const std::string&) -> std::optional<TemplateSource> { return std::nullopt; };
    auto src = [](const std::string& t) {
        return TemplateSource{"t", t, SourcePos{std::make_shared<const std::string>("t.mustache"), 1, 1}};
    };
    Diagnostics printed;
    CHECK_FALSE(render_template(src("By {{above}}."), d, none, printed));
    CHECK(test::has(printed, "t.mustache", 1, 4, Severity::error, "'above' says how far above, but it is below"));
    for (const char* guarded : {"{{#exceeds}}By {{above}}.{{/exceeds}}", "{{^exceeds}}Below.{{/exceeds}}{{#empty}}{{above}}{{/empty}}"}) {
        Diagnostics diags;
        CHECK(render_template(src(guarded), d, none, diags));
        CHECK(diags.error_count() == 0);
    }
    Diagnostics inverted;
    CHECK_FALSE(render_template(src("{{^exceeds}}By {{above}}.{{/exceeds}}"), d, none, inverted));
}
