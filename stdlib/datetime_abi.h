#pragma once
// C entry points of the datetime functions for generated code, wrapping stdlib/datetime.h
// (the kernels constant folding uses). Conventions as in strings_abi.h and cast_abi.h: dates
// are int32_t days, timestamps int64_t microseconds since the epoch, the session time zone
// is UTC; a function that can produce NULL from non-NULL input (text that does not parse, an
// invalid pattern or unit) returns uint8_t 0 for NULL and writes its result to the trailing
// pointer otherwise. Patterns are compiled once per thread and pattern text (cached), so a
// literal pattern costs one compilation per query, not one per row.
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

/// to_timestamp(s, fmt) / to_date(s, fmt): parses with a Spark pattern.
uint8_t sluice_dt_parse_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                            int64_t* out);
uint8_t sluice_dt_parse_date_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                 int32_t* out);
/// Date -> timestamp at midnight UTC; timestamp -> its date (floor).
int64_t sluice_dt_date_to_timestamp(int32_t days);
int32_t sluice_dt_timestamp_to_date(int64_t micros);
/// The identity, for to_timestamp(timestamp) / to_date(date).
int64_t sluice_dt_timestamp_identity(int64_t micros);
int32_t sluice_dt_date_identity(int32_t days);

/// The forms with a pattern whose input is already a date or timestamp: Spark ignores the
/// pattern then (it only parses strings), so these do too.
int64_t sluice_dt_date_to_timestamp_fmt(int32_t days, const char* fmt, int64_t fmtLen);
int64_t sluice_dt_timestamp_identity_fmt(int64_t micros, const char* fmt, int64_t fmtLen);
int32_t sluice_dt_date_identity_fmt(int32_t days, const char* fmt, int64_t fmtLen);
int32_t sluice_dt_timestamp_to_date_fmt(int64_t micros, const char* fmt, int64_t fmtLen);
int64_t sluice_dt_unix_seconds_date_fmt(int32_t days, const char* fmt, int64_t fmtLen);
int64_t sluice_dt_unix_seconds_timestamp_fmt(int64_t micros, const char* fmt, int64_t fmtLen);

/// unix_timestamp / to_unix_timestamp: seconds since the epoch; text is parsed with
/// `yyyy-MM-dd HH:mm:ss` unless a pattern is given.
uint8_t sluice_dt_unix_seconds_str(const char* s, int64_t n, int64_t* out);
uint8_t sluice_dt_unix_seconds_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                   int64_t* out);
int64_t sluice_dt_unix_seconds_date(int32_t days);
int64_t sluice_dt_unix_seconds_timestamp(int64_t micros);

/// from_unixtime(seconds [, fmt]): NULL when the seconds overflow microseconds.
uint8_t sluice_dt_from_unixtime(StringArena* a, int64_t seconds, StringView* out);
uint8_t sluice_dt_from_unixtime_fmt(StringArena* a, int64_t seconds, const char* fmt,
                                    int64_t fmtLen, StringView* out);
/// date_format(ts, fmt).
uint8_t sluice_dt_date_format(StringArena* a, int64_t micros, const char* fmt, int64_t fmtLen,
                              StringView* out);

/// date_trunc(unit, ts) and trunc(date, unit): NULL for an unknown unit.
uint8_t sluice_dt_date_trunc(const char* unit, int64_t unitLen, int64_t micros, int64_t* out);
uint8_t sluice_dt_trunc_date(int32_t days, const char* unit, int64_t unitLen, int32_t* out);

// ---- fields
int32_t sluice_dt_year(int32_t days);
int32_t sluice_dt_quarter(int32_t days);
int32_t sluice_dt_month(int32_t days);
int32_t sluice_dt_dayofmonth(int32_t days);
int32_t sluice_dt_dayofweek(int32_t days);
int32_t sluice_dt_dayofyear(int32_t days);
int32_t sluice_dt_hour(int64_t micros);
int32_t sluice_dt_minute(int64_t micros);
int32_t sluice_dt_second(int64_t micros);

// ---- date arithmetic (int arithmetic wraps like Spark's)
int32_t sluice_dt_date_add(int32_t days, int32_t n);
int32_t sluice_dt_date_sub(int32_t days, int32_t n);
int32_t sluice_dt_datediff(int32_t end, int32_t start);
int32_t sluice_dt_add_months(int32_t days, int32_t months);
int32_t sluice_dt_last_day(int32_t days);

// ---- timestamp_seconds(numeric) (Spark's SecondsToTimestamp; stdlib/datetime.h)
/// Integral seconds (narrower integers arrive widened): an overflowing product raises the
/// kernel error "long overflow" and returns 0.
int64_t sluice_dt_timestamp_seconds(int64_t seconds);
/// Fractional seconds (floats arrive widened): NULL for NaN and infinities.
uint8_t sluice_dt_timestamp_seconds_double(double seconds, int64_t* out);
/// Decimal seconds (unscaled value at `scale`): a value with digits below a microsecond or
/// one too large raises a kernel error (BigDecimal.longValueExact's) and returns 0.
int64_t sluice_dt_timestamp_seconds_decimal(__int128 unscaled, int32_t scale);

// ---- session time zone forms (stdlib/timezone.h). Each takes the zone id as its last
// argument (text, resolved once per thread and id); generated code calls them when the
// session zone is not UTC. An unknown zone id fails the query (kernel error).
uint8_t sluice_cast_str_to_timestamp_tz(const char* s, int64_t n, const char* z, int64_t zLen,
                                        int64_t* out);
void sluice_cast_timestamp_to_str_tz(StringArena* a, int64_t micros, const char* z, int64_t zLen,
                                     StringView* out);
uint8_t sluice_dt_parse_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                               const char* z, int64_t zLen, int64_t* out);
uint8_t sluice_dt_parse_date_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                    const char* z, int64_t zLen, int32_t* out);
int64_t sluice_dt_date_to_timestamp_tz(int32_t days, const char* z, int64_t zLen);
int32_t sluice_dt_timestamp_to_date_tz(int64_t micros, const char* z, int64_t zLen);
int64_t sluice_dt_date_to_timestamp_fmt_tz(int32_t days, const char* fmt, int64_t fmtLen,
                                           const char* z, int64_t zLen);
int32_t sluice_dt_timestamp_to_date_fmt_tz(int64_t micros, const char* fmt, int64_t fmtLen,
                                           const char* z, int64_t zLen);
uint8_t sluice_dt_unix_seconds_str_tz(const char* s, int64_t n, const char* z, int64_t zLen,
                                      int64_t* out);
uint8_t sluice_dt_unix_seconds_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                      const char* z, int64_t zLen, int64_t* out);
int64_t sluice_dt_unix_seconds_date_tz(int32_t days, const char* z, int64_t zLen);
int64_t sluice_dt_unix_seconds_date_fmt_tz(int32_t days, const char* fmt, int64_t fmtLen,
                                           const char* z, int64_t zLen);
uint8_t sluice_dt_from_unixtime_tz(StringArena* a, int64_t seconds, const char* z, int64_t zLen,
                                   StringView* out);
uint8_t sluice_dt_from_unixtime_fmt_tz(StringArena* a, int64_t seconds, const char* fmt,
                                       int64_t fmtLen, const char* z, int64_t zLen,
                                       StringView* out);
uint8_t sluice_dt_date_format_tz(StringArena* a, int64_t micros, const char* fmt, int64_t fmtLen,
                                 const char* z, int64_t zLen, StringView* out);
uint8_t sluice_dt_date_trunc_tz(const char* unit, int64_t unitLen, int64_t micros, const char* z,
                                int64_t zLen, int64_t* out);
int32_t sluice_dt_hour_tz(int64_t micros, const char* z, int64_t zLen);
int32_t sluice_dt_minute_tz(int64_t micros, const char* z, int64_t zLen);
int32_t sluice_dt_second_tz(int64_t micros, const char* z, int64_t zLen);
/// The date of `micros` in the zone (current_date: the batch clock's date there).
int32_t sluice_dt_local_date_tz(int64_t micros, const char* z, int64_t zLen);
/// The wall-clock micros of instant `micros` in the zone (extract / date_part fields).
int64_t sluice_dt_to_local_tz(int64_t micros, const char* z, int64_t zLen);
/// timestamp + interval (months, days, micros) on the zone's wall clock (UTC when zLen is 0).
int64_t sluice_dt_timestamp_add_interval(int64_t micros, int32_t months, int32_t days, int64_t us,
                                         const char* z, int64_t zLen);

/// timestampadd(unit, quantity, ts) / timestampdiff(unit, start, end) (datetime_units.h):
/// NULL for an unknown unit (a constant unit is checked at analysis).
uint8_t sluice_dt_timestampadd(const char* unit, int64_t unitLen, int64_t quantity, int64_t micros,
                               int64_t* out);
uint8_t sluice_dt_timestampadd_tz(const char* unit, int64_t unitLen, int64_t quantity,
                                  int64_t micros, const char* z, int64_t zLen, int64_t* out);
uint8_t sluice_dt_timestampdiff(const char* unit, int64_t unitLen, int64_t start, int64_t end,
                                int64_t* out);
uint8_t sluice_dt_timestampdiff_tz(const char* unit, int64_t unitLen, int64_t start, int64_t end,
                                   const char* z, int64_t zLen, int64_t* out);

/// The wall clock in microseconds since the epoch (current_timestamp: generated code calls it
/// once per kernel invocation, see ExprCodegen).
int64_t sluice_dt_now_micros();
}
