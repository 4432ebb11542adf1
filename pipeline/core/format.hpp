// Display formatting: the one place a Num becomes text. Every function rounds once,
// with round_half_away(), to the precision it is given.
#pragma once
#include <string>

#include "core/num.hpp"

namespace bp {

// "1234567.5" -> "1,234,567.5" (the sign, if any, is kept in front).
std::string group_thousands(const std::string& fixed);

// 6049 -> "6,049"
std::string fmt_count(const Num& v, int decimals = 0);

// Finance-table cells: 1234 -> "1,234", -1234 -> "(1,234)", 0 -> "-".
// A value that rounds to zero at the shown precision prints as "-" too.
std::string fmt_accounting(const Num& v, int decimals);

// A percentage value (73.913...) -> "73.9%" at the given decimals.
std::string fmt_percent(const Num& pct, int decimals);

// Money in millions for prose: 8.133 -> "£8.1m" (decimals 1); negative -> "-£3.5m".
std::string fmt_money_m(const Num& millions, int decimals);

// Whole pounds for prose: 600000 -> "£600,000".
std::string fmt_pounds(const Num& pounds);

// A plain decimal with a fixed number of places: 4.6 -> "4.60" (decimals 2).
std::string fmt_fixed(const Num& v, int decimals);

// An exact value as raw text for templates: "8133/1000" reduces to "8.133"; a value
// with no finite decimal stays a fraction ("1700/23").
std::string raw_text(const Num& v);

// A percentage change in words: -17 -> "a 17% reduction", 0.3 -> "no change",
// 80 -> "an 80% increase" (the article as the number is read aloud).
std::string fmt_change_words(const Num& pct);

}  // namespace bp
