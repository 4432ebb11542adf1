// Exact numbers. Every figure in a committee paper is a decimal the council typed
// (128, -0.050, 4.60) or a sum, difference or ratio of such decimals. Keeping them as
// exact rationals means 17/23 is 17/23 until the moment it is printed, and rounding
// happens once, at display, by the rule in round_half_away().
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace bp {

class Num {
public:
    Num() = default;
    Num(long long whole) : n_(whole), d_(1) {}          // NOLINT: integers convert implicitly
    static Num ratio(long long num, long long den);      // throws std::domain_error on den == 0

    long long num() const { return n_; }
    long long den() const { return d_; }

    Num operator+(const Num& o) const;
    Num operator-(const Num& o) const;
    Num operator*(const Num& o) const;
    Num operator/(const Num& o) const;                    // throws std::domain_error on zero
    Num operator-() const { Num r; r.n_ = -n_; r.d_ = d_; return r; }
    Num& operator+=(const Num& o) { return *this = *this + o; }
    Num& operator-=(const Num& o) { return *this = *this - o; }

    bool operator==(const Num& o) const { return n_ == o.n_ && d_ == o.d_; }
    bool operator!=(const Num& o) const { return !(*this == o); }
    bool operator<(const Num& o) const;
    bool operator<=(const Num& o) const { return !(o < *this); }
    bool operator>(const Num& o) const { return o < *this; }
    bool operator>=(const Num& o) const { return !(*this < o); }

    bool is_zero() const { return n_ == 0; }
    bool is_negative() const { return n_ < 0; }
    Num abs() const { return n_ < 0 ? -*this : *this; }
    double to_double() const { return static_cast<double>(n_) / static_cast<double>(d_); }

private:
    long long n_ = 0;
    long long d_ = 1;   // always > 0, gcd(n_, d_) == 1
};

// 10^decimals as a Num; decimals in 0..12.
Num pow10(int decimals);

// THE rounding rule of boardpack: round half away from zero to `decimals` places.
// It reproduces the seeds: 1/8 = 12.5% prints "13%", 49/56 = 87.5% prints "88%",
// a mean of 8.75 prints "8.8", and a progress of 2.25 prints "2.3".
Num round_half_away(const Num& v, int decimals);

// Plain decimal text of an already-rounded value: "-1234.50" (no separators).
std::string to_fixed(const Num& v, int decimals);

// A number exactly, as the figures file writes it: a terminating decimal as plain
// decimal text ("1234.5", "-0.0125"), any other rational as "numerator/denominator"
// ("2/3").
std::string exact_text(const Num& v);

// Parses a YAML scalar written as a plain decimal: optional sign, digits, optional
// fraction. No exponents, no thousands separators, no leading zeros ("012" is
// rejected rather than read as octal). Returns nullopt if the text is not that.
// `decimals` receives the number of fraction digits as written ("4.60" gives 2).
// At most 17 digits in all and 12 after the point: more is nullopt, not a rounding.
std::optional<Num> parse_decimal(const std::string& text, int* decimals = nullptr);

}  // namespace bp
