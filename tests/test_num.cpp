// Exact numbers, the rounding rule and display formats.
#include <catch2/catch.hpp>

#include "core/format.hpp"
#include "core/num.hpp"

using bp::Num;

TEST_CASE("exact arithmetic keeps fractions exact until display", "[num]") {
    const Num third = Num(1) / Num(3);
    CHECK(third * Num(3) == Num(1));
    CHECK(Num::ratio(17, 23) * Num(100) == Num::ratio(1700, 23));
    CHECK(Num::ratio(2, 4) == Num::ratio(1, 2));
    CHECK(Num::ratio(-3, -6) == Num::ratio(1, 2));
    CHECK(Num(-5) < Num(3));
    CHECK_THROWS(Num(1) / Num(0));
}

TEST_CASE("rounding is half away from zero, as the seeds were rounded", "[num][rounding]") {
    // Seed 003: 1 of 8 families is printed 13%; 49 of 56 Stars is printed 88%.
    CHECK(bp::fmt_percent((Num(1) * Num(100) / Num(8)), 0) == "13%");
    CHECK(bp::fmt_percent((Num(49) * Num(100) / Num(56)), 0) == "88%");
    // Cannock: a mean of 8.75 prints 8.8 and a progress of 2.25 prints 2.3.
    CHECK(bp::fmt_fixed(Num::ratio(875, 100), 1) == "8.8");
    CHECK(bp::fmt_fixed(Num::ratio(225, 100), 1) == "2.3");
    // Negative halves round away from zero too.
    CHECK(bp::fmt_fixed(Num::ratio(-25, 10), 0) == "-3");
    CHECK(bp::round_half_away(Num::ratio(-5, 100), 1) == Num::ratio(-1, 10));
    // Not half: ordinary rounding.
    CHECK(bp::fmt_percent((Num(17) * Num(100) / Num(23)), 1) == "73.9%");
    CHECK(bp::fmt_percent((Num(2796) * Num(100) / Num(4680)), 0) == "60%");
}

TEST_CASE("decimal literals parse exactly and refuse YAML's traps", "[num]") {
    int d = -1;
    REQUIRE(bp::parse_decimal("4.60", &d));
    CHECK(*bp::parse_decimal("4.60") == Num::ratio(46, 10));
    CHECK(d == 2);
    CHECK(*bp::parse_decimal("-0.050", &d) == Num::ratio(-5, 100));
    CHECK(d == 3);
    CHECK(*bp::parse_decimal("0") == Num(0));
    CHECK_FALSE(bp::parse_decimal("012"));     // octal in YAML 1.1
    CHECK_FALSE(bp::parse_decimal("1,000"));   // thousands separator
    CHECK_FALSE(bp::parse_decimal("1e3"));
    CHECK_FALSE(bp::parse_decimal("0x1F"));
    CHECK_FALSE(bp::parse_decimal("5."));
    CHECK_FALSE(bp::parse_decimal(""));
}

TEST_CASE("finance cells print as the council prints them", "[format]") {
    CHECK(bp::fmt_accounting(Num(-7118), 0) == "(7,118)");
    CHECK(bp::fmt_accounting(Num(2530), 0) == "2,530");
    CHECK(bp::fmt_accounting(Num(0), 0) == "-");
    CHECK(bp::fmt_accounting(Num::ratio(-50, 1000), 3) == "(0.050)");
    CHECK(bp::fmt_count(Num(23667)) == "23,667");
    CHECK(bp::fmt_count(Num(-1234567)) == "-1,234,567");
    CHECK(bp::fmt_money_m(Num::ratio(8133, 1000), 1) == "£8.1m");
    CHECK(bp::fmt_money_m(Num::ratio(3453, 1000), 3) == "£3.453m");
    CHECK(bp::fmt_pounds(Num(600000)) == "£600,000");
}

TEST_CASE("rounding and raw text hold large exact values without overflow", "[num]") {
    // 9e15/7 x 10^12 does not fit in 64 bits; the rounded value does.
    const Num big = Num::ratio(9000000000000000, 7);
    CHECK(bp::round_half_away(big, 2) == Num::ratio(128571428571428571, 100));
    CHECK(bp::round_half_away(big, 0) == Num(1285714285714286));
    // 123456789 x 10^12 does not fit in 64 bits either, on the way to 0.124999998861.
    CHECK(bp::round_half_away(Num::ratio(123456789, 987654321), 12) == Num::ratio(124999998861, 1000000000000));
    // No decimal of 12 places holds it: the fraction does, never an exception.
    CHECK(bp::raw_text(Num::ratio(9000000000000000000LL, 7)) == "9000000000000000000/7");
    CHECK(bp::raw_text(Num::ratio(5700, 550123)) == "5700/550123");
    CHECK(bp::raw_text(Num::ratio(8133, 1000)) == "8.133");
    CHECK(bp::parse_decimal("0.0000000000001") == std::nullopt);  // 13 places
    CHECK(bp::parse_decimal("0.000000000001"));                     // 12 places
}
