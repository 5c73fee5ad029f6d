#pragma once
// Decimal kernels: a decimal(p, s) value is its unscaled __int128 (|v| < 10^p). Rounding is
// HALF_UP like java.math.BigDecimal in Spark; anything that does not fit reports failure so
// callers can return NULL (Spark's non-ANSI overflow behaviour).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::stdlib {

using int128 = __int128;

/// 10^n for 0 <= n <= 38.
int128 pow10i(int n);
/// |v| < 10^precision.
bool fitsPrecision(int128 v, int precision);
/// Changes the scale with HALF_UP rounding; nullopt when the result needs more than
/// `toPrecision` digits.
std::optional<int128> rescaleDecimal(int128 v, int fromScale, int toScale, int toPrecision);
/// Parses a decimal number (`-12.5`, `1e3`, surrounding whitespace allowed) into
/// decimal(precision, scale); nullopt when malformed or too large.
std::optional<int128> parseDecimal(std::string_view s, int precision, int scale);
/// Nearest double.
double decimalToDouble(int128 v, int scale);
/// Spark's Decimal(double): the shortest decimal form of d, then rescaled HALF_UP.
std::optional<int128> doubleToDecimal(double d, int precision, int scale);
/// Plain digits with `scale` fraction digits (`-0.50`).
std::string decimalToString(int128 v, int scale);
/// Truncates toward zero to an integer, keeping the low 64 bits like BigInteger.longValue().
int64_t decimalToLong(int128 v, int scale);

}  // namespace sluice::stdlib
