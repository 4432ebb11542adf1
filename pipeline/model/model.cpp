#include "model/model.hpp"

#include <cstdio>
#include <tuple>

namespace bp {

std::string FinancialYear::label() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d", start, (start + 1) % 100);
    return buf;
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

const char* month_name(int month) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    return months[((month - 1) % 12 + 12) % 12];
}

std::string Date::long_form() const { return std::to_string(day) + " " + month_name(month) + " " + std::to_string(year); }
std::string Date::month_year() const { return std::string(month_name(month)) + " " + std::to_string(year); }
std::string Date::short_month_year() const { return std::string(month_name(month)).substr(0, 3) + " " + std::to_string(year); }

bool Date::operator<(const Date& o) const {
    return std::tie(year, month, day) < std::tie(o.year, o.month, o.day);
}

}  // namespace bp
