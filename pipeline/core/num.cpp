#include "core/num.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace bp {
namespace {

__extension__ typedef __int128 Wide;

long long narrow(Wide v) {
    if (v > static_cast<Wide>(INT64_MAX) || v < -static_cast<Wide>(INT64_MAX))
        throw std::overflow_error("number too large for exact arithmetic");
    return static_cast<long long>(v);
}

Wide gcd_wide(Wide a, Wide b) {
    if (a < 0) a = -a;
    if (b < 0) b = -b;
    while (b != 0) { Wide t = a % b; a = b; b = t; }
    return a;
}

Num make(Wide n, Wide d) {
    if (d == 0) throw std::domain_error("division by zero");
    if (d < 0) { n = -n; d = -d; }
    Wide g = gcd_wide(n, d);
    if (g > 1) { n /= g; d /= g; }
    return Num::ratio(narrow(n), narrow(d));
}

}  // namespace

Num Num::ratio(long long num, long long den) {
    if (den == 0) throw std::domain_error("division by zero");
    if (den < 0) { num = -num; den = -den; }
    long long g = std::gcd(num < 0 ? -num : num, den);
    Num r;
    r.n_ = g > 1 ? num / g : num;
    r.d_ = g > 1 ? den / g : den;
    return r;
}

Num Num::operator+(const Num& o) const {
    return make(static_cast<Wide>(n_) * o.d_ + static_cast<Wide>(o.n_) * d_,
                static_cast<Wide>(d_) * o.d_);
}
Num Num::operator-(const Num& o) const { return *this + (-o); }
Num Num::operator*(const Num& o) const {
    return make(static_cast<Wide>(n_) * o.n_, static_cast<Wide>(d_) * o.d_);
}
Num Num::operator/(const Num& o) const {
    if (o.n_ == 0) throw std::domain_error("division by zero");
    return make(static_cast<Wide>(n_) * o.d_, static_cast<Wide>(d_) * o.n_);
}
bool Num::operator<(const Num& o) const {
    return static_cast<Wide>(n_) * o.d_ < static_cast<Wide>(o.n_) * d_;
}

Num pow10(int decimals) {
    if (decimals < 0 || decimals > 12) throw std::domain_error("unsupported precision");
    long long p = 1;
    for (int i = 0; i < decimals; ++i) p *= 10;
    return Num(p);
}

Num round_half_away(const Num& v, int decimals) {
    // In 128 bits throughout: v x 10^12 may not fit in 64 even when the result does.
    const Wide p = pow10(decimals).num();
    const Wide n = static_cast<Wide>(v.num()) * p, d = v.den();
    const Wide mag = n < 0 ? -n : n;
    Wide q = mag / d;
    if ((mag % d) * 2 >= d) ++q;  // exactly half rounds away from zero
    return make(n < 0 ? -q : q, p);
}

std::string exact_text(const Num& v) {
    // A denominator of only 2s and 5s terminates: 10^k / den is whole for k = max(a, b).
    long long d = v.den();
    int twos = 0, fives = 0;
    while (d % 2 == 0) d /= 2, ++twos;
    while (d % 5 == 0) d /= 5, ++fives;
    const int k = std::max(twos, fives);
    if (d == 1 && k <= 12) return to_fixed(v, k);
    return std::to_string(v.num()) + "/" + std::to_string(v.den());
}

std::string to_fixed(const Num& v, int decimals) {
    const Num r = round_half_away(v, decimals) * pow10(decimals);  // now an integer
    long long units = r.num();
    const bool neg = units < 0;
    if (neg) units = -units;
    std::string digits = std::to_string(units);
    if (decimals > 0) {
        if (digits.size() <= static_cast<size_t>(decimals))
            digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
    }
    return neg ? "-" + digits : digits;
}

std::optional<Num> parse_decimal(const std::string& text, int* decimals) {
    size_t i = 0;
    bool neg = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) { neg = text[i] == '-'; ++i; }
    const size_t int_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    const size_t int_len = i - int_start;
    if (int_len == 0) return std::nullopt;
    if (int_len > 1 && text[int_start] == '0') return std::nullopt;  // "012": octal in YAML 1.1
    int frac = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') { ++i; ++frac; }
        if (frac == 0) return std::nullopt;
    }
    // At most 17 digits (exact in 64 bits) and 12 places (the finest precision shown).
    if (i != text.size() || int_len + static_cast<size_t>(frac) > 17 || frac > 12) return std::nullopt;
    long long mant = 0;
    for (char c : text.substr(int_start)) {
        if (c == '.') continue;
        mant = mant * 10 + (c - '0');
    }
    if (decimals) *decimals = frac;
    return Num::ratio(neg ? -mant : mant, pow10(frac).num());
}

}  // namespace bp
