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

std::string Date::long_form() const {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(day) + " " + months[(month - 1) % 12] + " " + std::to_string(year);
}

bool Date::operator<(const Date& o) const {
    return std::tie(year, month, day) < std::tie(o.year, o.month, o.day);
}

}  // namespace bp
