#include "stdlib/datetime_units.h"

#include <array>
#include <cctype>
#include <string>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

constexpr std::array<std::pair<std::string_view, DateTimeUnit>, 11> kUnits = {{
    {"YEAR", DateTimeUnit::Year},
    {"QUARTER", DateTimeUnit::Quarter},
    {"MONTH", DateTimeUnit::Month},
    {"WEEK", DateTimeUnit::Week},
    {"DAY", DateTimeUnit::Day},
    {"DAYOFYEAR", DateTimeUnit::DayOfYear},
    {"HOUR", DateTimeUnit::Hour},
    {"MINUTE", DateTimeUnit::Minute},
    {"SECOND", DateTimeUnit::Second},
    {"MILLISECOND", DateTimeUnit::Millisecond},
    {"MICROSECOND", DateTimeUnit::Microsecond},
}};

// Microseconds of one day-time unit (0 for the month-based ones).
int64_t unitMicros(DateTimeUnit u) {
  switch (u) {
    case DateTimeUnit::Week:
      return 7 * kMicrosPerDay;
    case DateTimeUnit::Day:
    case DateTimeUnit::DayOfYear:
      return kMicrosPerDay;
    case DateTimeUnit::Hour:
      return kMicrosPerHour;
    case DateTimeUnit::Minute:
      return 60 * int64_t{1000000};
    case DateTimeUnit::Second:
      return 1000000;
    case DateTimeUnit::Millisecond:
      return 1000;
    case DateTimeUnit::Microsecond:
      return 1;
    default:
      return 0;
  }
}

int64_t monthsPerUnit(DateTimeUnit u) {
  return u == DateTimeUnit::Year ? 12 : u == DateTimeUnit::Quarter ? 3 : 1;
}

}  // namespace

std::optional<DateTimeUnit> parseDateTimeUnit(std::string_view text) {
  std::string up(text);
  for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& [name, unit] : kUnits)
    if (name == up) return unit;
  return std::nullopt;
}

const char* dateTimeUnitNames() {
  return "YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, "
         "MICROSECOND";
}

int64_t timestampAdd(DateTimeUnit unit, int64_t quantity, int64_t micros, const Zone& zone) {
  if (const int64_t us = unitMicros(unit)) return timestampAddDayTime(micros, quantity * us, zone);
  return timestampAddInterval(micros, static_cast<int32_t>(quantity * monthsPerUnit(unit)), 0, 0,
                              zone);
}

int64_t timestampDiff(DateTimeUnit unit, int64_t start, int64_t end, const Zone& zone) {
  const int64_t a = zone.toLocal(start), b = zone.toLocal(end);
  const int64_t us = unitMicros(unit);
  // Time units: the wall-clock difference, truncated toward zero (LocalDateTime.until).
  if (us && us < kMicrosPerDay) return (b - a) / us;
  // Date units: LocalDateTime.until moves the end date one day toward the start when its
  // time of day has not reached the start's, then counts whole days / months between dates.
  int64_t da = floorDiv(a, kMicrosPerDay), db = floorDiv(b, kMicrosPerDay);
  const int64_t ta = floorMod(a, kMicrosPerDay), tb = floorMod(b, kMicrosPerDay);
  if (db > da && tb < ta) --db;
  if (db < da && tb > ta) ++db;
  if (us) return (db - da) / (us / kMicrosPerDay);
  // LocalDate.until(MONTHS): packed (proleptic month * 32 + day) difference / 32.
  const CivilDate ca = civilFromDays(da), cb = civilFromDays(db);
  const int64_t pa = (ca.year * 12 + ca.month - 1) * 32 + ca.day;
  const int64_t pb = (cb.year * 12 + cb.month - 1) * 32 + cb.day;
  return (pb - pa) / 32 / monthsPerUnit(unit);
}

}  // namespace sluice::stdlib
