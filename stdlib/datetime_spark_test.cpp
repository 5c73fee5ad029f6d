#include "stdlib/datetime_spark.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

int64_t ts(const char* text) {
  int64_t us = 0;
  EXPECT_TRUE(parseTimestamp(text, &us)) << text;
  return us;
}

TEST(DatetimeSpark, Constructors) {
  EXPECT_EQ(makeDate(2013, 7, 15), daysFromCivil(2013, 7, 15));
  EXPECT_FALSE(makeDate(2019, 2, 29).has_value());
  EXPECT_FALSE(makeDate(2019, 13, 1).has_value());
  EXPECT_EQ(makeTimestamp(2014, 12, 28, 6, 30, 45887000), ts("2014-12-28 06:30:45.887"));
  EXPECT_EQ(makeTimestamp(2019, 6, 30, 23, 59, 60000000), ts("2019-07-01 00:00:00"));
  EXPECT_FALSE(makeTimestamp(2019, 6, 30, 23, 59, 60500000).has_value());
  EXPECT_EQ(makeTimestamp(2014, 12, 28, 6, 30, 0, "CET"), ts("2014-12-28 05:30:00"));
  EXPECT_THROW(makeTimestamp(2014, 12, 28, 6, 30, 0, "Mars/Olympus"), std::invalid_argument);
  EXPECT_EQ(timestampFromMillis(1230219000123), ts("2008-12-25 15:30:00.123"));
  EXPECT_THROW(timestampFromMillis(INT64_MAX), std::invalid_argument);
}

TEST(DatetimeSpark, Zones) {
  EXPECT_EQ(fromUtcTimestamp(ts("2016-08-31 00:00:00"), "Asia/Seoul"), ts("2016-08-31 09:00:00"));
  EXPECT_EQ(toUtcTimestamp(ts("2016-08-31 00:00:00"), "Asia/Seoul"), ts("2016-08-30 15:00:00"));
  EXPECT_EQ(fromUtcTimestamp(ts("2021-07-01 12:00:00"), "Europe/Paris"), ts("2021-07-01 14:00:00"));
  EXPECT_THROW(checkZone("Nowhere/City"), std::invalid_argument);
}

TEST(DatetimeSpark, Fields) {
  const int64_t t = ts("2021-01-03 23:59:58.5");
  EXPECT_EQ(extractField(DateField::Year, t), 2021);
  EXPECT_EQ(extractField(DateField::YearOfWeek, t), 2020);  // ISO week 53 of 2020
  EXPECT_EQ(extractField(DateField::Week, t), 53);
  EXPECT_EQ(extractField(DateField::DayOfWeek, t), 1);     // Sunday
  EXPECT_EQ(extractField(DateField::DayOfWeekIso, t), 7);  // Sunday
  EXPECT_EQ(extractSecondsMicros(t), 58500000);
  EXPECT_EQ(dateFieldOf("yrs"), DateField::Year);
  EXPECT_EQ(dateFieldOf("DOW_ISO"), DateField::DayOfWeekIso);
  EXPECT_FALSE(dateFieldOf("fortnight").has_value());
  EXPECT_EQ(isoWeekOfYear(daysFromCivil(2008, 2, 20)), 8);
  EXPECT_EQ(weekday(daysFromCivil(2009, 7, 30)), 3);
}

}  // namespace
}  // namespace sluice::stdlib
