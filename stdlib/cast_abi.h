#pragma once
// C entry points of Spark's non-ANSI CAST for generated code (casts a plain LLVM instruction
// cannot do: text, decimals, datetimes). Conventions as in strings_abi.h, plus:
// - a decimal travels as its unscaled __int128 whatever its precision (the code generator
//   widens i64 decimals), with its precision / scale as int32_t arguments;
// - a cast that can fail (malformed text, overflow) writes its result to the trailing pointer
//   and returns 1, or returns 0 for NULL;
// - dates are int32_t days, timestamps int64_t microseconds since the epoch (UTC).
// Each wraps the kernel constant folding uses (stdlib/strings.h, decimal.h, datetime.h).
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

// ---- from string
uint8_t sluice_cast_str_to_bool(const char* s, int64_t n, uint8_t* out);
uint8_t sluice_cast_str_to_i8(const char* s, int64_t n, int8_t* out);
uint8_t sluice_cast_str_to_i16(const char* s, int64_t n, int16_t* out);
uint8_t sluice_cast_str_to_i32(const char* s, int64_t n, int32_t* out);
uint8_t sluice_cast_str_to_i64(const char* s, int64_t n, int64_t* out);
uint8_t sluice_cast_str_to_f32(const char* s, int64_t n, float* out);
uint8_t sluice_cast_str_to_f64(const char* s, int64_t n, double* out);
uint8_t sluice_cast_str_to_decimal(const char* s, int64_t n, int32_t precision, int32_t scale,
                                   __int128* out);
uint8_t sluice_cast_str_to_date(const char* s, int64_t n, int32_t* out);
uint8_t sluice_cast_str_to_timestamp(const char* s, int64_t n, int64_t* out);

// ---- to string (Spark's display forms)
void sluice_cast_bool_to_str(StringArena* a, uint8_t v, StringView* out);
void sluice_cast_i64_to_str(StringArena* a, int64_t v, StringView* out);
void sluice_cast_f32_to_str(StringArena* a, float v, StringView* out);
void sluice_cast_f64_to_str(StringArena* a, double v, StringView* out);
void sluice_cast_decimal_to_str(StringArena* a, __int128 v, int32_t scale, StringView* out);
void sluice_cast_date_to_str(StringArena* a, int32_t days, StringView* out);
void sluice_cast_timestamp_to_str(StringArena* a, int64_t micros, StringView* out);
/// Integral -> binary: the big-endian bytes of the `width`-byte two's complement value.
void sluice_cast_i64_to_binary(StringArena* a, int64_t v, int32_t width, StringView* out);

// ---- decimals
uint8_t sluice_cast_decimal_to_decimal(__int128 v, int32_t fromScale, int32_t precision,
                                       int32_t scale, __int128* out);
uint8_t sluice_cast_i64_to_decimal(int64_t v, int32_t precision, int32_t scale, __int128* out);
/// Spark's Decimal(double): the shortest decimal form of `v`, then HALF_UP; NULL for NaN / inf.
uint8_t sluice_cast_f64_to_decimal(double v, int32_t precision, int32_t scale, __int128* out);
double sluice_cast_decimal_to_f64(__int128 v, int32_t scale);
/// Truncates toward zero, keeping the low 64 bits (BigInteger.longValue).
int64_t sluice_cast_decimal_to_i64(__int128 v, int32_t scale);
/// Seconds (with fraction) -> microseconds; NULL when out of range.
uint8_t sluice_cast_decimal_to_timestamp(__int128 v, int32_t scale, int64_t* out);

// ---- timestamps from numbers (seconds since the epoch)
/// Saturates on overflow like Spark's SECONDS.toMicros.
int64_t sluice_cast_i64_to_timestamp(int64_t seconds);
/// NULL for NaN / infinity; (long)(v * 1e6) otherwise.
uint8_t sluice_cast_f64_to_timestamp(double seconds, int64_t* out);
}
