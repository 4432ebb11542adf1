#include "core/format.hpp"

#include <stdexcept>

namespace bp {

std::string group_thousands(const std::string& fixed) {
    size_t start = (!fixed.empty() && (fixed[0] == '-' || fixed[0] == '+')) ? 1 : 0;
    size_t end = fixed.find('.');
    if (end == std::string::npos) end = fixed.size();
    std::string out = fixed.substr(0, start);
    const std::string digits = fixed.substr(start, end - start);
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out + fixed.substr(end);
}

std::string fmt_count(const Num& v, int decimals) { return group_thousands(to_fixed(v, decimals)); }

std::string fmt_accounting(const Num& v, int decimals) {
    const Num r = round_half_away(v, decimals);
    if (r.is_zero()) return "-";
    const std::string body = group_thousands(to_fixed(r.abs(), decimals));
    return r.is_negative() ? "(" + body + ")" : body;
}

std::string fmt_percent(const Num& pct, int decimals) { return to_fixed(pct, decimals) + "%"; }

std::string fmt_money_m(const Num& millions, int decimals) {
    const Num r = round_half_away(millions, decimals);
    const std::string body = "£" + group_thousands(to_fixed(r.abs(), decimals)) + "m";
    return r.is_negative() ? "-" + body : body;
}

std::string fmt_pounds(const Num& pounds) {
    const Num r = round_half_away(pounds, 0);
    const std::string body = "£" + group_thousands(to_fixed(r.abs(), 0));
    return r.is_negative() ? "-" + body : body;
}

std::string fmt_fixed(const Num& v, int decimals) { return to_fixed(v, decimals); }

namespace {
// "a" or "an" as the number is read aloud: an 8%, an 11%, an 18%, an 80%.
std::string article_for(const std::string& shown) {
    std::string digits;
    for (char c : shown) {
        if (c == '.' || c == '%') break;
        if (c != ',') digits += c;
    }
    const bool eight = !digits.empty() && digits[0] == '8';
    const bool eleven_eighteen = (digits.rfind("11", 0) == 0 || digits.rfind("18", 0) == 0) &&
                                 (digits.size() == 2 || digits.size() == 5 || digits.size() == 6);
    return eight || eleven_eighteen ? "an " : "a ";
}
}  // namespace

std::string raw_text(const Num& v) {
    try {
        for (int d = 0; d <= 12; ++d)
            if (round_half_away(v, d) == v) return to_fixed(v, d);
    } catch (const std::overflow_error&) {
        // No decimal of 12 places or fewer holds it: the fraction does.
    }
    return std::to_string(v.num()) + "/" + std::to_string(v.den());
}

std::string fmt_change_words(const Num& pct) {
    if (round_half_away(pct, 0).is_zero()) return "no change";
    const std::string shown = fmt_percent(pct.abs(), 0);
    return article_for(shown) + shown + (pct.is_negative() ? " reduction" : " increase");
}

}  // namespace bp
