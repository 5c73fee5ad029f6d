#include "stdlib/datetime_spark.h"

#include <stdexcept>
#include <string>

#include "stdlib/datetime.h"
#include "stdlib/kernel_error.h"
#include "stdlib/strings.h"

namespace sluice::stdlib {
namespace {

[[noreturn]] void badZone(std::string_view zone) {
  throw std::invalid_argument("Invalid time zone id: '" + std::string(zone) + "'");
}

// Monday of ISO week 1 of ISO year y: the Monday on or before January 4th.
int64_t isoWeekOneMonday(int64_t y) {
  const int64_t jan4 = daysFromCivil(y, 1, 4);
  return jan4 - weekday(jan4);
}

}  // namespace

std::optional<int64_t> makeDate(int64_t y, int64_t m, int64_t d) {
  if (y < -290000 || y > 290000 || m < 1 || m > 12 || d < 1 ||
      d > daysInMonth(y, static_cast<unsigned>(m)))
    return std::nullopt;
  return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<int64_t> makeTimestamp(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi,
                                     int64_t secMicros, std::string_view zone) {
  const auto days = makeDate(y, mo, d);
  if (!days || h < 0 || h > 23 || mi < 0 || mi > 59 || secMicros < 0 ||
      secMicros > 60 * kMicrosPerSecond)
    return std::nullopt;
  // 60 seconds is the next minute, but only without a fraction (Spark's rule).
  if (secMicros >= 60 * kMicrosPerSecond && secMicros != 60 * kMicrosPerSecond) return std::nullopt;
  const int64_t local =
      *days * kMicrosPerDay + h * kMicrosPerHour + mi * kMicrosPerMinute + secMicros;
  if (zone.empty()) return local;
  int64_t utc = 0;
  if (!localToUtc(zone, local, &utc)) badZone(zone);
  return utc;
}

int64_t timestampFromMillis(int64_t millis) {
  int64_t out = 0;
  if (__builtin_mul_overflow(millis, int64_t{1000}, &out))
    throw std::invalid_argument("long overflow");
  return out;
}

void checkZone(std::string_view zone) {
  int64_t off = 0;
  if (!zoneOffsetSeconds(zone, 0, &off)) badZone(zone);
}

int64_t fromUtcTimestamp(int64_t micros, std::string_view zone) {
  int64_t off = 0;
  if (!zoneOffsetSeconds(zone, micros, &off)) badZone(zone);
  return micros + off * kMicrosPerSecond;
}

int64_t toUtcTimestamp(int64_t micros, std::string_view zone) {
  int64_t utc = 0;
  if (!localToUtc(zone, micros, &utc)) badZone(zone);
  return utc;
}

int32_t weekday(int64_t days) {
  return static_cast<int32_t>(floorMod(days + 3, 7));  // 1970-01-01 was a Thursday
}

int32_t isoWeekYear(int64_t days) {
  const int64_t y = yearOf(days);
  if (days >= isoWeekOneMonday(y + 1)) return static_cast<int32_t>(y + 1);
  if (days < isoWeekOneMonday(y)) return static_cast<int32_t>(y - 1);
  return static_cast<int32_t>(y);
}

int32_t isoWeekOfYear(int64_t days) {
  return static_cast<int32_t>((days - isoWeekOneMonday(isoWeekYear(days))) / 7 + 1);
}

std::optional<DateField> dateFieldOf(std::string_view name) {
  const std::string n = asciiLower(name);
  auto is = [&](std::initializer_list<const char*> names) {
    for (const char* x : names)
      if (n == x) return true;
    return false;
  };
  if (is({"year", "y", "years", "yr", "yrs"})) return DateField::Year;
  if (is({"yearofweek"})) return DateField::YearOfWeek;
  if (is({"quarter", "qtr"})) return DateField::Quarter;
  if (is({"month", "mon", "mons", "months"})) return DateField::Month;
  if (is({"week", "w", "weeks"})) return DateField::Week;
  if (is({"day", "d", "days"})) return DateField::Day;
  if (is({"dayofweek", "dow"})) return DateField::DayOfWeek;
  if (is({"dayofweek_iso", "dow_iso"})) return DateField::DayOfWeekIso;
  if (is({"doy"})) return DateField::DayOfYear;
  if (is({"hour", "h", "hours", "hr", "hrs"})) return DateField::Hour;
  if (is({"minute", "m", "min", "mins", "minutes"})) return DateField::Minute;
  if (is({"second", "s", "sec", "seconds", "secs"})) return DateField::Second;
  return std::nullopt;
}

int32_t extractField(DateField f, int64_t micros) {
  const int64_t days = floorDiv(micros, kMicrosPerDay);
  switch (f) {
    case DateField::Year:
      return yearOf(days);
    case DateField::YearOfWeek:
      return isoWeekYear(days);
    case DateField::Quarter:
      return quarterOf(days);
    case DateField::Month:
      return monthOf(days);
    case DateField::Week:
      return isoWeekOfYear(days);
    case DateField::Day:
      return dayOfMonth(days);
    case DateField::DayOfWeek:
      return dayOfWeek(days);
    case DateField::DayOfWeekIso:
      return weekday(days) + 1;
    case DateField::DayOfYear:
      return dayOfYear(days);
    case DateField::Hour:
      return hourOf(micros);
    case DateField::Minute:
      return minuteOf(micros);
    case DateField::Second:
      return secondOf(micros);
  }
  return 0;
}

int64_t extractSecondsMicros(int64_t micros) {
  return floorMod(micros, kMicrosPerMinute);
}

}  // namespace sluice::stdlib

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

// Exceptions must not cross JIT'd frames: the error is recorded for the runtime (which fails
// the query, as Spark's exception does) and the result is NULL.
template <typename F>
uint8_t guarded(int64_t* out, F&& f) {
  try {
    auto r = f();
    if (!r) return 0;
    *out = *r;
    return 1;
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    return 0;
  }
}

}  // namespace

extern "C" {

uint8_t sluice_dt_make_date(int32_t y, int32_t m, int32_t d, int32_t* out) {
  const auto r = sl::makeDate(y, m, d);
  if (r) *out = static_cast<int32_t>(*r);
  return r ? 1 : 0;
}
uint8_t sluice_dt_make_timestamp(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi,
                                 int64_t sec, int64_t* out) {
  return guarded(out, [&] { return sl::makeTimestamp(y, mo, d, h, mi, sec); });
}
uint8_t sluice_dt_make_timestamp_tz(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi,
                                    int64_t sec, const char* z, int64_t zLen, int64_t* out) {
  return guarded(out, [&] { return sl::makeTimestamp(y, mo, d, h, mi, sec, sv(z, zLen)); });
}
uint8_t sluice_dt_timestamp_millis(int64_t millis, int64_t* out) {
  return guarded(out, [&] { return std::optional<int64_t>(sl::timestampFromMillis(millis)); });
}
int64_t sluice_dt_timestamp_micros(int64_t micros) {
  return micros;
}
int64_t sluice_dt_unix_seconds_of(int64_t micros) {
  return sl::floorDiv(micros, sl::kMicrosPerSecond);
}
int64_t sluice_dt_unix_millis(int64_t micros) {
  return sl::floorDiv(micros, 1000);
}
int64_t sluice_dt_unix_micros(int64_t micros) {
  return micros;
}
int32_t sluice_dt_unix_date(int32_t days) {
  return days;
}
int32_t sluice_dt_date_from_unix_date(int32_t days) {
  return days;
}
uint8_t sluice_dt_from_utc_timestamp(int64_t micros, const char* z, int64_t zLen, int64_t* out) {
  return guarded(out,
                 [&] { return std::optional<int64_t>(sl::fromUtcTimestamp(micros, sv(z, zLen))); });
}
uint8_t sluice_dt_to_utc_timestamp(int64_t micros, const char* z, int64_t zLen, int64_t* out) {
  return guarded(out,
                 [&] { return std::optional<int64_t>(sl::toUtcTimestamp(micros, sv(z, zLen))); });
}
int32_t sluice_dt_weekofyear(int32_t days) {
  return sl::isoWeekOfYear(days);
}
int32_t sluice_dt_weekday(int32_t days) {
  return sl::weekday(days);
}
int32_t sluice_dt_extract(int32_t field, int64_t micros) {
  return sl::extractField(static_cast<sl::DateField>(field), micros);
}
__int128 sluice_dt_extract_seconds(int64_t micros) {
  return sl::extractSecondsMicros(micros);
}
}
