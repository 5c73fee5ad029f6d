#pragma once
// timestampadd / timestampdiff with a unit (Spark's TimestampAdd / TimestampDiff, also spelled
// dateadd / date_add and datediff / date_diff with three arguments): the unit is one of
// YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND.
#include <cstdint>
#include <optional>
#include <string_view>

#include "stdlib/timezone.h"

namespace sluice::stdlib {

enum class DateTimeUnit {
  Year,
  Quarter,
  Month,
  Week,
  Day,
  DayOfYear,
  Hour,
  Minute,
  Second,
  Millisecond,
  Microsecond
};

/// The unit named `text` (case-insensitive), or nullopt.
std::optional<DateTimeUnit> parseDateTimeUnit(std::string_view text);
/// The unit names, for error messages.
const char* dateTimeUnitNames();

/// `quantity` units added to `micros`: months on the calendar (the day clamped to the month's
/// length), day-time units on the wall clock of `zone` (Spark's timestampAddDayTime).
int64_t timestampAdd(DateTimeUnit unit, int64_t quantity, int64_t micros, const Zone& zone);
/// Whole units from `start` to `end` (negative when end is before), on the wall clocks of
/// `zone`, as java.time's ChronoUnit.between on LocalDateTimes (an incomplete unit does not
/// count).
int64_t timestampDiff(DateTimeUnit unit, int64_t start, int64_t end, const Zone& zone);

}  // namespace sluice::stdlib
