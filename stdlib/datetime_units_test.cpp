#include "stdlib/datetime_units.h"

#include <gtest/gtest.h>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

int64_t ts(const char* text, const Zone& zone = Zone::utc()) {
  int64_t us = 0;
  EXPECT_TRUE(parseTimestamp(text, &us, zone)) << text;
  return us;
}

TEST(DateTimeUnits, ParsesUnitNamesCaseInsensitively) {
  EXPECT_EQ(parseDateTimeUnit("hour"), DateTimeUnit::Hour);
  EXPECT_EQ(parseDateTimeUnit("DayOfYear"), DateTimeUnit::DayOfYear);
  EXPECT_FALSE(parseDateTimeUnit("fortnight").has_value());
  EXPECT_FALSE(parseDateTimeUnit("").has_value());
}

TEST(DateTimeUnits, AddsCalendarAndClockUnits) {
  const Zone& utc = Zone::utc();
  EXPECT_EQ(timestampAdd(DateTimeUnit::Month, 1, ts("2022-01-31 00:00:00"), utc),
            ts("2022-02-28 00:00:00"));
  EXPECT_EQ(timestampAdd(DateTimeUnit::Year, 10, ts("2000-02-29 23:59:59"), utc),
            ts("2010-02-28 23:59:59"));
  EXPECT_EQ(timestampAdd(DateTimeUnit::Quarter, -1, ts("2022-05-31 01:00:00"), utc),
            ts("2022-02-28 01:00:00"));
  EXPECT_EQ(timestampAdd(DateTimeUnit::Week, 1, ts("2022-01-01 00:00:00"), utc),
            ts("2022-01-08 00:00:00"));
  EXPECT_EQ(timestampAdd(DateTimeUnit::Millisecond, -1, ts("2022-01-01 00:00:00"), utc),
            ts("2021-12-31 23:59:59.999"));
}

TEST(DateTimeUnits, CountsWholeUnitsTowardZero) {
  const Zone& utc = Zone::utc();
  EXPECT_EQ(
      timestampDiff(DateTimeUnit::Hour, ts("2022-02-11 20:30:00"), ts("2022-02-12 04:30:00"), utc),
      8);
  EXPECT_EQ(
      timestampDiff(DateTimeUnit::Month, ts("2022-01-01 00:00:00"), ts("2022-02-28 00:00:00"), utc),
      1);
  EXPECT_EQ(
      timestampDiff(DateTimeUnit::Year, ts("2000-02-29 23:59:59"), ts("2010-02-28 23:59:59"), utc),
      9);
  // A day not complete by its time of day does not count, either way.
  EXPECT_EQ(
      timestampDiff(DateTimeUnit::Day, ts("2022-01-01 12:00:00"), ts("2022-01-03 11:59:59"), utc),
      1);
  EXPECT_EQ(
      timestampDiff(DateTimeUnit::Day, ts("2022-01-03 11:59:59"), ts("2022-01-01 12:00:00"), utc),
      -1);
  EXPECT_EQ(timestampDiff(DateTimeUnit::Second, ts("2022-01-01 00:00:00"),
                          ts("2021-12-31 23:59:50"), utc),
            -10);
  EXPECT_EQ(timestampDiff(DateTimeUnit::Microsecond, ts("2022-01-01 00:00:00"),
                          ts("2022-01-01 00:00:00.000007"), utc),
            7);
}

TEST(DateTimeUnits, UsesTheZonesWallClock) {
  const Zone& la = Zone::of("America/Los_Angeles");
  // 2024-03-10 has 23 hours in Los Angeles: one DAY later is the same wall-clock time.
  const int64_t start = ts("2024-03-09 12:00:00", la);
  EXPECT_EQ(timestampAdd(DateTimeUnit::Day, 1, start, la), ts("2024-03-10 12:00:00", la));
  EXPECT_EQ(timestampDiff(DateTimeUnit::Day, start, ts("2024-03-10 12:00:00", la), la), 1);
}

}  // namespace
}  // namespace sluice::stdlib
