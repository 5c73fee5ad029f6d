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

/// Spark's decimal `a op b` (op one of + - * / %) of a decimal(_, s1) and a decimal(_, s2)
/// into the result type decimal(P, S) the binder computed (DecimalPrecision): exact, then
/// rounded HALF_UP to S; nullopt on overflow of P digits or division by zero.
std::optional<int128> decimalArith(char op, int128 a, int s1, int128 b, int s2, int P, int S);
/// `a div b` on decimals: the integral part of the exact quotient, as BigDecimal's
/// divideToIntegralValue then longValue (low 64 bits); nullopt when b is 0.
std::optional<int64_t> decimalIntegralDivide(int128 a, int s1, int128 b, int s2);
/// pmod(a, b) on decimals into decimal(P, S): r = a % b; r < 0 ? (r + b) % b : r.
std::optional<int128> decimalPmod(int128 a, int s1, int128 b, int s2, int P, int S);
/// floor / ceil of decimal(_, scale) as an unscaled decimal(_, 0).
int128 decimalFloor(int128 v, int scale);
int128 decimalCeil(int128 v, int scale);

}  // namespace sluice::stdlib
