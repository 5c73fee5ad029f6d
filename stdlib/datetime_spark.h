#pragma once
// Spark datetime constructors and conversions beyond datetime.h: make_date, make_timestamp,
// timestamp_millis / unix_millis and friends, from_utc_timestamp / to_utc_timestamp, ISO
// week fields, and extract / date_part. Kernels (namespace) for constant folding, extern "C"
// entry points for generated code; both call the same code. Dates are days since the epoch,
// timestamps microseconds since the epoch (UTC).
#include <cstdint>
#include <optional>
#include <string_view>

namespace sluice::stdlib {

/// make_date(y, m, d): nullopt for a date that does not exist (Spark's non-ANSI NULL).
std::optional<int64_t> makeDate(int64_t y, int64_t m, int64_t d);
/// make_timestamp(y, mo, d, h, mi, sec[, zone]) with `secMicros` the seconds in microseconds
/// (decimal(16,6) unscaled): nullopt for invalid fields; 60 seconds with no fraction is the
/// next minute (Spark's rule). An empty zone is the session zone (UTC); throws
/// std::invalid_argument for an unknown zone.
std::optional<int64_t> makeTimestamp(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi,
                                     int64_t secMicros, std::string_view zone = {});
/// millis * 1000 and friends; throws std::invalid_argument("long overflow") like Java's
/// Math.multiplyExact.
int64_t timestampFromMillis(int64_t millis);
/// from_utc_timestamp(ts, zone): the wall-clock time in `zone` at UTC instant ts.
/// to_utc_timestamp(ts, zone): the UTC instant of wall-clock time ts in `zone`. Both throw
/// std::invalid_argument for an unknown zone.
int64_t fromUtcTimestamp(int64_t micros, std::string_view zone);
int64_t toUtcTimestamp(int64_t micros, std::string_view zone);
/// Throws std::invalid_argument unless `zone` is a zone id the functions above accept.
void checkZone(std::string_view zone);
/// ISO-8601 week of the year (1..53) and the week-based year of a date.
int32_t isoWeekOfYear(int64_t days);
int32_t isoWeekYear(int64_t days);
/// weekday: 0 = Monday ... 6 = Sunday.
int32_t weekday(int64_t days);

/// The fields of extract / date_part. Second yields decimal(8,6) (seconds with fraction).
enum class DateField : int32_t {
  Year,
  YearOfWeek,
  Quarter,
  Month,
  Week,
  Day,
  DayOfWeek,
  DayOfWeekIso,
  DayOfYear,
  Hour,
  Minute,
  Second,
};
/// A field name as Spark spells it (YEAR, Y, YEARS, ..., case-insensitive); nullopt if unknown.
std::optional<DateField> dateFieldOf(std::string_view name);
/// The integral field of a timestamp (every field but Second).
int32_t extractField(DateField f, int64_t micros);
/// Seconds with their fraction, as a decimal(8,6) unscaled value.
int64_t extractSecondsMicros(int64_t micros);

}  // namespace sluice::stdlib

extern "C" {
/// NULL for an invalid date.
uint8_t sluice_dt_make_date(int32_t y, int32_t m, int32_t d, int32_t* out);
/// sec: decimal(16,6) unscaled (an i64: an __int128 here would straddle registers and stack,
/// which LLVM and GCC lay out differently); NULL for invalid fields.
uint8_t sluice_dt_make_timestamp(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi,
                                 int64_t sec, int64_t* out);
/// The zone form: an unknown zone fails the query (kernel error) and gives NULL.
uint8_t sluice_dt_make_timestamp_tz(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi,
                                    int64_t sec, const char* z, int64_t zLen, int64_t* out);
/// Overflow fails the query (kernel error).
uint8_t sluice_dt_timestamp_millis(int64_t millis, int64_t* out);
int64_t sluice_dt_timestamp_micros(int64_t micros);
int64_t sluice_dt_unix_seconds_of(int64_t micros);
int64_t sluice_dt_unix_millis(int64_t micros);
int64_t sluice_dt_unix_micros(int64_t micros);
int32_t sluice_dt_unix_date(int32_t days);
int32_t sluice_dt_date_from_unix_date(int32_t days);
uint8_t sluice_dt_from_utc_timestamp(int64_t micros, const char* z, int64_t zLen, int64_t* out);
uint8_t sluice_dt_to_utc_timestamp(int64_t micros, const char* z, int64_t zLen, int64_t* out);
int32_t sluice_dt_weekofyear(int32_t days);
int32_t sluice_dt_weekday(int32_t days);
/// extract(field FROM ts) for a DateField code other than Second.
int32_t sluice_dt_extract(int32_t field, int64_t micros);
/// extract(SECOND FROM ts) as decimal(8,6).
__int128 sluice_dt_extract_seconds(int64_t micros);
}
