#include "stdlib/cast_abi.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"
#include "stdlib/timestamp_ntz.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

void put(StringArena* a, std::string_view r, StringView* out) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  *out = StringView{p, static_cast<int64_t>(r.size())};
}

template <typename T>
uint8_t integral(const char* s, int64_t n, T* out) {
  auto v =
      sl::parseIntegral(sv(s, n), std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  if (!v) return 0;
  *out = static_cast<T>(*v);
  return 1;
}

template <typename T>
uint8_t opt(const std::optional<T>& v, T* out) {
  if (!v) return 0;
  *out = *v;
  return 1;
}

// Java's (long) double: NaN -> 0, saturating.
int64_t doubleToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

}  // namespace

extern "C" {

uint8_t sluice_cast_str_to_bool(const char* s, int64_t n, uint8_t* out) {
  auto b = sl::parseBoolean(sv(s, n));
  if (!b) return 0;
  *out = *b ? 1 : 0;
  return 1;
}
uint8_t sluice_cast_str_to_i8(const char* s, int64_t n, int8_t* out) {
  return integral(s, n, out);
}
uint8_t sluice_cast_str_to_i16(const char* s, int64_t n, int16_t* out) {
  return integral(s, n, out);
}
uint8_t sluice_cast_str_to_i32(const char* s, int64_t n, int32_t* out) {
  return integral(s, n, out);
}
uint8_t sluice_cast_str_to_i64(const char* s, int64_t n, int64_t* out) {
  return integral(s, n, out);
}
uint8_t sluice_cast_str_to_f32(const char* s, int64_t n, float* out) {
  auto d = sl::parseDouble(sv(s, n));
  if (!d) return 0;
  *out = static_cast<float>(*d);
  return 1;
}
uint8_t sluice_cast_str_to_f64(const char* s, int64_t n, double* out) {
  return opt(sl::parseDouble(sv(s, n)), out);
}
uint8_t sluice_cast_str_to_decimal(const char* s, int64_t n, int32_t precision, int32_t scale,
                                   __int128* out) {
  return opt(sl::parseDecimal(sv(s, n), precision, scale), out);
}
uint8_t sluice_cast_str_to_date(const char* s, int64_t n, int32_t* out) {
  int64_t d;
  if (!sl::parseDate(sv(s, n), &d) || d < INT32_MIN || d > INT32_MAX) return 0;
  *out = static_cast<int32_t>(d);
  return 1;
}
uint8_t sluice_cast_str_to_timestamp(const char* s, int64_t n, int64_t* out) {
  return sl::parseTimestamp(sv(s, n), out) ? 1 : 0;
}

uint8_t sluice_cast_str_to_timestamp_ntz(const char* s, int64_t n, int64_t* out) {
  return sl::parseTimestampNtz(sv(s, n), out) ? 1 : 0;
}

void sluice_cast_bool_to_str(StringArena* a, uint8_t v, StringView* out) {
  put(a, v ? "true" : "false", out);
}
void sluice_cast_i64_to_str(StringArena* a, int64_t v, StringView* out) {
  put(a, std::to_string(v), out);
}
void sluice_cast_f32_to_str(StringArena* a, float v, StringView* out) {
  put(a, sl::formatDouble(v, true), out);
}
void sluice_cast_f64_to_str(StringArena* a, double v, StringView* out) {
  put(a, sl::formatDouble(v, false), out);
}
void sluice_cast_decimal_to_str(StringArena* a, __int128 v, int32_t scale, StringView* out) {
  put(a, sl::decimalToString(v, scale), out);
}
void sluice_cast_date_to_str(StringArena* a, int32_t days, StringView* out) {
  put(a, sl::formatDate(days), out);
}
void sluice_cast_timestamp_to_str(StringArena* a, int64_t micros, StringView* out) {
  put(a, sl::formatTimestamp(micros), out);
}
void sluice_cast_i64_to_binary(StringArena* a, int64_t v, int32_t width, StringView* out) {
  char* p = a->allocate(static_cast<size_t>(width));
  uint64_t x = static_cast<uint64_t>(v);
  for (int i = width - 1; i >= 0; --i, x >>= 8) p[i] = static_cast<char>(x & 0xff);
  *out = StringView{p, width};
}

uint8_t sluice_cast_decimal_to_decimal(__int128 v, int32_t fromScale, int32_t precision,
                                       int32_t scale, __int128* out) {
  return opt(sl::rescaleDecimal(v, fromScale, scale, precision), out);
}
uint8_t sluice_cast_i64_to_decimal(int64_t v, int32_t precision, int32_t scale, __int128* out) {
  return opt(sl::rescaleDecimal(v, 0, scale, precision), out);
}
uint8_t sluice_cast_f64_to_decimal(double v, int32_t precision, int32_t scale, __int128* out) {
  return opt(sl::doubleToDecimal(v, precision, scale), out);
}
double sluice_cast_decimal_to_f64(__int128 v, int32_t scale) {
  return sl::decimalToDouble(v, scale);
}
int64_t sluice_cast_decimal_to_i64(__int128 v, int32_t scale) {
  return sl::decimalToLong(v, scale);
}
uint8_t sluice_cast_decimal_to_timestamp(__int128 v, int32_t scale, int64_t* out) {
  auto us = sl::rescaleDecimal(v, scale, 6, 38);
  if (!us || *us > INT64_MAX || *us < INT64_MIN) return 0;
  *out = static_cast<int64_t>(*us);
  return 1;
}

int64_t sluice_cast_i64_to_timestamp(int64_t seconds) {
  int64_t out;
  if (__builtin_mul_overflow(seconds, sl::kMicrosPerSecond, &out))
    out = seconds < 0 ? INT64_MIN : INT64_MAX;
  return out;
}
uint8_t sluice_cast_f64_to_timestamp(double seconds, int64_t* out) {
  if (!std::isfinite(seconds)) return 0;
  *out = doubleToLong(seconds * 1e6);
  return 1;
}

}  // extern "C"
