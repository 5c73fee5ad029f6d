#include "stdlib/math_abi.h"

#include <cmath>
#include <optional>

#include "stdlib/decimal.h"
#include "stdlib/math.h"

namespace {

namespace sl = sluice::stdlib;

template <typename T>
uint8_t opt(const std::optional<T>& v, T* out) {
  if (!v) return 0;
  *out = *v;
  return 1;
}

}  // namespace

extern "C" {

double sluice_math_round_f64(double x, int32_t scale) {
  return sl::roundHalfUp(x, scale);
}
double sluice_math_bround_f64(double x, int32_t scale) {
  return sl::roundHalfEven(x, scale);
}
int64_t sluice_math_round_i64(int64_t x, int32_t scale, uint8_t halfEven) {
  return sl::roundIntegral(x, scale, halfEven != 0);
}
uint8_t sluice_math_round_decimal(__int128 v, int32_t inScale, int32_t scale, uint8_t mode,
                                  int32_t precision, int32_t resultScale, __int128* out) {
  const __int128 q = sl::roundDecimal(v, inScale, scale, static_cast<sl::RoundMode>(mode));
  // q is at scale max(scale, 0); express it at the result scale.
  return opt(sl::rescaleDecimal(q, scale > 0 ? scale : 0, resultScale, precision), out);
}
int64_t sluice_math_floor_f64(double x) {
  return sl::floorToLong(x);
}
int64_t sluice_math_ceil_f64(double x) {
  return sl::ceilToLong(x);
}
__int128 sluice_math_floor_decimal(__int128 v, int32_t scale) {
  return sl::decimalFloor(v, scale);
}
__int128 sluice_math_ceil_decimal(__int128 v, int32_t scale) {
  return sl::decimalCeil(v, scale);
}

double sluice_math_pow(double x, double y) {
  return std::pow(x, y);
}
double sluice_math_sqrt(double x) {
  return std::sqrt(x);
}
double sluice_math_cbrt(double x) {
  return std::cbrt(x);
}
double sluice_math_exp(double x) {
  return std::exp(x);
}
double sluice_math_sign(double x) {
  return sl::signum(x);
}
double sluice_math_sin(double x) {
  return std::sin(x);
}
double sluice_math_cos(double x) {
  return std::cos(x);
}
double sluice_math_tan(double x) {
  return std::tan(x);
}
double sluice_math_asin(double x) {
  return std::asin(x);
}
double sluice_math_acos(double x) {
  return std::acos(x);
}
double sluice_math_atan(double x) {
  return std::atan(x);
}
double sluice_math_sinh(double x) {
  return std::sinh(x);
}
double sluice_math_cosh(double x) {
  return std::cosh(x);
}
double sluice_math_tanh(double x) {
  return std::tanh(x);
}
double sluice_math_atan2(double y, double x) {
  return std::atan2(y, x);
}
double sluice_math_degrees(double x) {
  return x * 180.0 / M_PI;
}
double sluice_math_radians(double x) {
  return x / 180.0 * M_PI;
}
uint8_t sluice_math_ln(double x, double* out) {
  return opt(sl::logOf(x), out);
}
uint8_t sluice_math_log10(double x, double* out) {
  return opt(sl::log10Of(x), out);
}
uint8_t sluice_math_log2(double x, double* out) {
  return opt(sl::log2Of(x), out);
}
uint8_t sluice_math_log(double base, double x, double* out) {
  return opt(sl::logBase(base, x), out);
}

uint8_t sluice_decimal_arith(int32_t op, __int128 a, int32_t s1, __int128 b, int32_t s2,
                             int32_t precision, int32_t scale, __int128* out) {
  return opt(sl::decimalArith(static_cast<char>(op), a, s1, b, s2, precision, scale), out);
}
uint8_t sluice_decimal_div(__int128 a, int32_t s1, __int128 b, int32_t s2, int64_t* out) {
  return opt(sl::decimalIntegralDivide(a, s1, b, s2), out);
}
uint8_t sluice_decimal_pmod(__int128 a, int32_t s1, __int128 b, int32_t s2, int32_t precision,
                            int32_t scale, __int128* out) {
  return opt(sl::decimalPmod(a, s1, b, s2, precision, scale), out);
}

}  // extern "C"
