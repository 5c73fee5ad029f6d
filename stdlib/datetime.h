#pragma once
// Date and timestamp kernels with Spark semantics. Dates are days since 1970-01-01,
// timestamps microseconds since the epoch (instants). Functions that read or show wall-clock
// time take the session time zone (stdlib/timezone.h; UTC when not given). Parse functions
// return false for input Spark would turn into NULL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/timezone.h"

namespace sluice::stdlib {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

int64_t floorDiv(int64_t a, int64_t b);
int64_t floorMod(int64_t a, int64_t b);

/// Days since the epoch of a proleptic Gregorian date.
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d);
struct CivilDate {
  int64_t year;
  unsigned month, day;
};
CivilDate civilFromDays(int64_t days);
bool isLeapYear(int64_t y);
unsigned daysInMonth(int64_t y, unsigned m);

/// Spark's CAST(string AS DATE): `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d` optionally followed by
/// ' ' or 'T' and anything.
bool parseDate(std::string_view s, int64_t* days);
/// Spark's CAST(string AS TIMESTAMP): a date as above, then `[h]h:[m]m[:[s]s[.fraction]]` after
/// ' ' or 'T', then an optional zone (`Z`, `+hh[:mm]`, `UTC`, `GMT+1`, region ids); text
/// without a zone is wall-clock time in `zone`.
bool parseTimestamp(std::string_view s, int64_t* micros, const Zone& zone = Zone::utc());
/// Offset in seconds of a zone id at the given UTC instant (`Z`, `+08:00`, `UTC`,
/// `America/New_York`); false for unknown zones.
bool zoneOffsetSeconds(std::string_view zone, int64_t utcMicros, int64_t* offsetSeconds);
/// Applies `zone` to a local wall-clock time (micros read as UTC): the UTC instant, the
/// offset valid at that instant (so a DST gap or overlap resolves like Java's ZonedDateTime
/// in most cases); false for an unknown zone.
bool localToUtc(std::string_view zone, int64_t localMicros, int64_t* utc);

/// `yyyy-MM-dd`.
std::string formatDate(int64_t days);
/// `yyyy-MM-dd HH:mm:ss[.ffffff]` (trailing fraction zeros dropped, Spark's display form) of
/// the wall-clock time in `zone`.
std::string formatTimestamp(int64_t micros, const Zone& zone = Zone::utc());
/// The date of instant `micros` in `zone` (CAST(timestamp AS DATE)).
inline int64_t localDateOf(int64_t micros, const Zone& zone) {
  return floorDiv(zone.toLocal(micros), kMicrosPerDay);
}
/// The instant of midnight starting `days` in `zone` (CAST(date AS TIMESTAMP)).
inline int64_t startOfDay(int64_t days, const Zone& zone) {
  return zone.toUtc(days * kMicrosPerDay);
}

/// A compiled Spark datetime pattern (DateTimeFormatter subset: y M L d D H h K k m s S a E z
/// V X x Z, 'quoted' literals, other punctuation literal).
class DateTimePattern {
 public:
  /// Compiles; on failure returns nullopt and sets `error` (Spark: "Fail to recognize pattern").
  static std::optional<DateTimePattern> compile(std::string_view pattern, std::string* error);
  /// Parses the whole string; false when it does not match (Spark returns NULL). Text
  /// without an offset or zone field is wall-clock time in `zone`.
  bool parse(std::string_view s, int64_t* micros, const Zone& zone = Zone::utc()) const;
  /// Formats instant `micros` as wall-clock time in `zone` (zone letters print `zone`).
  std::string format(int64_t micros, const Zone& zone = Zone::utc()) const;

  struct Token {
    char letter = 0;  ///< 0 for a literal
    int count = 0;
    std::string literal;
  };

 private:
  std::vector<Token> tokens_;
};

/// Parses with a pattern (compiled each call; cache a DateTimePattern in hot paths).
bool parseWithPattern(std::string_view s, std::string_view pattern, int64_t* micros,
                      const Zone& zone = Zone::utc());
/// Formats with a pattern; false if the pattern is invalid.
bool formatWithPattern(int64_t micros, std::string_view pattern, std::string* out,
                       const Zone& zone = Zone::utc());

// ---- field extraction (Spark's year(), month(), ...)
int32_t yearOf(int64_t days);
int32_t monthOf(int64_t days);
int32_t dayOfMonth(int64_t days);
int32_t dayOfWeek(int64_t days);  ///< 1 = Sunday ... 7 = Saturday
int32_t dayOfYear(int64_t days);
int32_t quarterOf(int64_t days);
int32_t hourOf(int64_t micros);
int32_t minuteOf(int64_t micros);
int32_t secondOf(int64_t micros);
inline int64_t dateOfTimestamp(int64_t micros) {
  return floorDiv(micros, kMicrosPerDay);
}

// ---- arithmetic
/// Spark's add_months: the day is clamped to the target month's length.
int64_t addMonths(int64_t days, int32_t months);
/// timestamp + interval: months, then days on the wall clock of `zone` (a day across a DST
/// change is 23 or 25 hours, as Spark's timestampAddInterval), then microseconds.
int64_t timestampAddInterval(int64_t micros, int32_t months, int32_t days, int64_t us,
                             const Zone& zone = Zone::utc());
/// timestamp + day-time interval (Spark's timestampAddDayTime): on the wall clock of `zone`.
inline int64_t timestampAddDayTime(int64_t micros, int64_t us, const Zone& zone = Zone::utc()) {
  return zone.isUtc() ? micros + us : zone.toUtc(zone.toLocal(micros) + us);
}
/// timestamp - timestamp as a day-time interval (Spark's subtractTimestamps): the difference
/// of the wall-clock times in `zone`.
inline int64_t subtractTimestamps(int64_t end, int64_t start, const Zone& zone = Zone::utc()) {
  return zone.toLocal(end) - zone.toLocal(start);
}
/// date + CalendarInterval (Spark's non-ANSI DateAddInterval): months then days on the date
/// when there are no microseconds, else through the timestamp of the date's start in `zone`.
int64_t dateAddInterval(int64_t days, int32_t months, int32_t addDays, int64_t us,
                        const Zone& zone = Zone::utc());
/// Spark's date_trunc(unit, ts) on the wall clock of `zone`: false for an unknown unit.
bool truncTimestamp(std::string_view unit, int64_t micros, int64_t* out,
                    const Zone& zone = Zone::utc());
/// Spark's trunc(date, unit): year, quarter, month, week; false for an unknown unit.
bool truncDate(std::string_view unit, int64_t days, int64_t* out);

// ---- intervals
struct IntervalValue {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};
/// Spark's interval strings: `1 hour 30 minutes`, `interval 2 days`, `-1 day`, `1.5 seconds`.
std::optional<IntervalValue> parseInterval(std::string_view s);

// ---- timestamp_seconds (Spark's SecondsToTimestamp)
/// Integral seconds as microseconds; false when the product overflows (Spark's
/// Math.multiplyExact fails the query with "long overflow").
bool integralSecondsToMicros(int64_t seconds, int64_t* micros);
/// Fractional seconds as microseconds: nullopt (NULL) for NaN and infinities, otherwise the
/// product truncated toward zero and saturated like Java's (long) cast. Floats are widened to
/// double first, as Spark does.
std::optional<int64_t> fractionalSecondsToMicros(double seconds);
/// Decimal seconds (unscaled value `v` at `scale`) as exact microseconds; nullptr on success,
/// otherwise java.math.BigDecimal.longValueExact's error text ("Rounding necessary" when
/// the value has digits below a microsecond, "Overflow" when it does not fit a long).
const char* decimalSecondsToMicros(__int128 v, int scale, int64_t* micros);

/// Spark's TimeWindow start of the latest window containing ts:
/// ts - (ts - start + slide) % slide with a non-negative modulus.
int64_t windowStart(int64_t ts, int64_t slideMicros, int64_t startMicros);

}  // namespace sluice::stdlib
