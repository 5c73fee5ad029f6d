#pragma once
// Math kernels with Spark semantics (rounding modes, NULL-producing domains).
#include <cstdint>
#include <optional>

namespace sluice::stdlib {

/// Spark's round(x, d) on doubles: BigDecimal of the shortest decimal form, HALF_UP.
double roundHalfUp(double x, int32_t scale);
/// bround: HALF_EVEN.
double roundHalfEven(double x, int32_t scale);
/// Rounds an integer at a negative scale (round(15, -1) = 20); wraps on overflow like Spark.
int64_t roundIntegral(int64_t x, int32_t scale, bool halfEven);
/// How roundDecimal settles the dropped digits (java.math.RoundingMode's names); the values
/// are the `mode` byte of sluice_math_round_decimal.
enum class RoundMode : uint8_t { HalfUp = 0, HalfEven = 1, Ceiling = 2, Floor = 3 };
/// Rounds an unscaled decimal from `scale` to `newScale` (<= scale) digits.
__int128 roundDecimal(__int128 unscaled, int32_t scale, int32_t newScale, bool halfEven);
/// The same with any rounding mode (ceil / floor with a scale use Ceiling / Floor).
__int128 roundDecimal(__int128 unscaled, int32_t scale, int32_t newScale, RoundMode mode);

/// Java's Math.floor/ceil then (long) conversion (saturating, NaN -> 0).
int64_t floorToLong(double x);
int64_t ceilToLong(double x);
/// Positive modulus (pmod): NULL-free callers check b != 0.
int64_t pmodLong(int64_t a, int64_t b);
double pmodDouble(double a, double b);
/// log with Spark's domain: NULL (nullopt) for x <= 0.
std::optional<double> logOf(double x);
std::optional<double> log10Of(double x);
std::optional<double> log2Of(double x);
std::optional<double> logBase(double base, double x);
double signum(double x);

}  // namespace sluice::stdlib
