#pragma once
// C entry points of the math functions and decimal arithmetic for generated code, wrapping
// stdlib/math.h and stdlib/decimal.h (the kernels constant folding uses). Conventions as in
// cast_abi.h: decimals travel as unscaled __int128 with their scales / precisions as int32_t
// arguments; a result that can be NULL (overflow, division by zero, log of x <= 0) is written
// to the trailing pointer and the function returns 1, or 0 for NULL.
#include <cstdint>

extern "C" {

// ---- rounding (the scale is the constant second argument of round / bround, 0 without)
double sluice_math_round_f64(double x, int32_t scale);
double sluice_math_bround_f64(double x, int32_t scale);
/// Integral round at a negative scale (round(15, -1) = 20); wraps to 64 bits like Spark.
int64_t sluice_math_round_i64(int64_t x, int32_t scale, uint8_t halfEven);
/// decimal(_, inScale) rounded at `scale` with `mode` (sluice::stdlib::RoundMode: 0 HALF_UP,
/// 1 HALF_EVEN, 2 CEILING, 3 FLOOR), expressed in the result type decimal(P, S).
uint8_t sluice_math_round_decimal(__int128 v, int32_t inScale, int32_t scale, uint8_t mode,
                                  int32_t precision, int32_t resultScale, __int128* out);
/// Java's Math.floor / ceil then (long) (saturating; NaN -> 0).
int64_t sluice_math_floor_f64(double x);
int64_t sluice_math_ceil_f64(double x);
/// floor / ceil of decimal(_, scale) as decimal(_, 0).
__int128 sluice_math_floor_decimal(__int128 v, int32_t scale);
__int128 sluice_math_ceil_decimal(__int128 v, int32_t scale);

// ---- double functions
double sluice_math_pow(double x, double y);
double sluice_math_sqrt(double x);
double sluice_math_cbrt(double x);
double sluice_math_exp(double x);
double sluice_math_sign(double x);
double sluice_math_sin(double x);
double sluice_math_cos(double x);
double sluice_math_tan(double x);
double sluice_math_asin(double x);
double sluice_math_acos(double x);
double sluice_math_atan(double x);
double sluice_math_sinh(double x);
double sluice_math_cosh(double x);
double sluice_math_tanh(double x);
double sluice_math_atan2(double y, double x);
double sluice_math_degrees(double x);
double sluice_math_radians(double x);
/// Logarithms: NULL for x <= 0 (and base <= 0), as Spark.
uint8_t sluice_math_ln(double x, double* out);
uint8_t sluice_math_log10(double x, double* out);
uint8_t sluice_math_log2(double x, double* out);
uint8_t sluice_math_log(double base, double x, double* out);

// ---- decimal arithmetic (Spark's DecimalPrecision result type decimal(P, S))
/// `a op b`, op one of '+', '-', '*', '/', '%'; NULL on overflow or division by zero.
uint8_t sluice_decimal_arith(int32_t op, __int128 a, int32_t s1, __int128 b, int32_t s2,
                             int32_t precision, int32_t scale, __int128* out);
/// `a div b` -> bigint; NULL when b is 0.
uint8_t sluice_decimal_div(__int128 a, int32_t s1, __int128 b, int32_t s2, int64_t* out);
/// pmod(a, b); NULL when b is 0.
uint8_t sluice_decimal_pmod(__int128 a, int32_t s1, __int128 b, int32_t s2, int32_t precision,
                            int32_t scale, __int128* out);
}
