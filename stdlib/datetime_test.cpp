#include "stdlib/datetime.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/timestamp_ntz.h"

namespace sluice::stdlib {
namespace {

std::string ts(std::string_view s) {
  int64_t us;
  return parseTimestamp(s, &us) ? formatTimestamp(us) : "NULL";
}

std::string pat(std::string_view s, std::string_view p) {
  int64_t us;
  return parseWithPattern(s, p, &us) ? formatTimestamp(us) : "NULL";
}

TEST(Datetime, Civil) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(formatDate(daysFromCivil(2000, 2, 29)), "2000-02-29");
  EXPECT_EQ(formatDate(-1), "1969-12-31");
  EXPECT_EQ(formatTimestamp(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(dayOfWeek(0), 5);  // 1970-01-01 was a Thursday
  EXPECT_EQ(floorDiv(-1, 10), -1);
  EXPECT_EQ(floorMod(-1, 10), 9);
}

TEST(Datetime, CastParsing) {
  int64_t d;
  EXPECT_TRUE(parseDate("2020-1-2", &d));
  EXPECT_EQ(formatDate(d), "2020-01-02");
  EXPECT_TRUE(parseDate("2020", &d));
  EXPECT_EQ(formatDate(d), "2020-01-01");
  EXPECT_FALSE(parseDate("2020-02-30", &d));
  EXPECT_FALSE(parseDate("2020/01/02", &d));
  EXPECT_EQ(ts("2020-01-02 03:04:05.1234567"), "2020-01-02 03:04:05.123456");
  EXPECT_EQ(ts("2020-01-02T03:04"), "2020-01-02 03:04:00");
  EXPECT_EQ(ts("2020-01-02 03:04:05-08:00"), "2020-01-02 11:04:05");
  EXPECT_EQ(ts("2020-01-02 03:04:05 GMT+1"), "2020-01-02 02:04:05");
  EXPECT_EQ(ts("2020-07-01 12:00:00 America/New_York"), "2020-07-01 16:00:00");
  EXPECT_EQ(ts("2020-01-02 03:04:05 Nowhere/City"), "NULL");
  EXPECT_EQ(ts("2020-01-02 3:4:5"), "2020-01-02 03:04:05");
}

TEST(Datetime, TimestampNtzParsing) {
  int64_t local, instant;
  ASSERT_TRUE(parseTimestampNtz("2020-01-02 03:04:05-08:00", &local));
  ASSERT_TRUE(parseTimestamp("2020-01-02 03:04:05", &instant));
  EXPECT_EQ(local, instant);  // the zone is read and ignored: the wall clock stays
  ASSERT_TRUE(parseTimestampNtz("2020-01-02 03:04:05 America/New_York", &local));
  EXPECT_EQ(local, instant);
  EXPECT_FALSE(parseTimestampNtz("2020-01-02 03:04:05 Nowhere/City", &local));
  EXPECT_FALSE(parseTimestampNtz("2020-01-02 03:04:05Z", &local, /*allowZone=*/false));
  ASSERT_TRUE(parseTimestampNtz("2020-01-02T03:04:05.5", &local, /*allowZone=*/false));
  EXPECT_EQ(formatTimestamp(local), "2020-01-02 03:04:05.5");
  EXPECT_FALSE(parseTimestampNtz("2020-01-02 24:00:00", &local));
}

TEST(Datetime, Patterns) {
  EXPECT_EQ(pat("2017-08-01 10:20:30", "yyyy-MM-dd HH:mm:ss"), "2017-08-01 10:20:30");
  EXPECT_EQ(pat("20170801", "yyyyMMdd"), "2017-08-01 00:00:00");
  EXPECT_EQ(pat("1 Aug 2017", "d MMM yyyy"), "2017-08-01 00:00:00");
  EXPECT_EQ(pat("August 1, 2017 3 PM", "MMMM d, yyyy h a"), "2017-08-01 15:00:00");
  EXPECT_EQ(pat("2017-08-01T10:20:30.5Z", "yyyy-MM-dd'T'HH:mm:ss.SX"), "2017-08-01 10:20:30.5");
  EXPECT_EQ(pat("2017-08-01 10:20", "yyyy-MM-dd HH:mm:ss"), "NULL");
  EXPECT_EQ(pat("2017-08-01 extra", "yyyy-MM-dd"), "NULL");
  std::string err;
  EXPECT_FALSE(DateTimePattern::compile("yyyy-qq", &err));
  EXPECT_NE(err.find("Fail to recognize"), std::string::npos);
  auto p = DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", nullptr);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->format(1501582800000000LL), "2017-08-01T10:20:00.000Z");
  auto q = DateTimePattern::compile("EEEE, MMMM d ''yy", nullptr);
  EXPECT_EQ(q->format(1501582800000000LL), "Tuesday, August 1 '17");
}

TEST(Datetime, Arithmetic) {
  EXPECT_EQ(formatDate(addMonths(daysFromCivil(2020, 1, 31), 1)), "2020-02-29");
  EXPECT_EQ(formatDate(addMonths(daysFromCivil(2020, 3, 31), -13)), "2019-02-28");
  int64_t out;
  ASSERT_TRUE(truncTimestamp("quarter", daysFromCivil(2020, 5, 17) * kMicrosPerDay + 5, &out));
  EXPECT_EQ(formatTimestamp(out), "2020-04-01 00:00:00");
  EXPECT_FALSE(truncTimestamp("decade", 0, &out));
  EXPECT_EQ(windowStart(3600000000LL * 5 + 17, 3600000000LL, 0), 3600000000LL * 5);
  EXPECT_EQ(windowStart(-1, 10, 0), -10);
  EXPECT_EQ(windowStart(25, 10, 3), 23);
}

TEST(Datetime, Intervals) {
  auto i = parseInterval("1 hour 30 minutes");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->micros, 90 * kMicrosPerMinute);
  i = parseInterval("interval 2 days -1 second");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->days, 2);
  EXPECT_EQ(i->micros, -kMicrosPerSecond);
  i = parseInterval("1 year 2 months");
  EXPECT_EQ(i->months, 14);
  i = parseInterval("1.5 seconds");
  EXPECT_EQ(i->micros, 1500000);
  EXPECT_FALSE(parseInterval("10 parsecs"));
  EXPECT_FALSE(parseInterval(""));
  EXPECT_FALSE(parseInterval("hour"));
}

TEST(Datetime, TimestampSeconds) {
  int64_t us = 0;
  EXPECT_TRUE(integralSecondsToMicros(1230219000, &us));
  EXPECT_EQ(us, 1230219000000000LL);
  EXPECT_TRUE(integralSecondsToMicros(-1, &us));
  EXPECT_EQ(us, -1000000);
  EXPECT_FALSE(integralSecondsToMicros(INT64_MAX / 1000, &us));  // Spark: long overflow
  EXPECT_EQ(fractionalSecondsToMicros(1230219000.123), 1230219000123000LL);
  EXPECT_EQ(fractionalSecondsToMicros(-1.5), -1500000);
  EXPECT_EQ(fractionalSecondsToMicros(-0.0000015), -1);  // truncated toward zero
  EXPECT_EQ(fractionalSecondsToMicros(std::nan("")), std::nullopt);
  EXPECT_EQ(fractionalSecondsToMicros(-INFINITY), std::nullopt);
  EXPECT_EQ(fractionalSecondsToMicros(1e300), INT64_MAX);  // Java's (long) saturates
  EXPECT_EQ(decimalSecondsToMicros(1230219000123LL, 3, &us), nullptr);
  EXPECT_EQ(us, 1230219000123000LL);
  EXPECT_EQ(decimalSecondsToMicros(-15, 1, &us), nullptr);
  EXPECT_EQ(us, -1500000);
  EXPECT_EQ(decimalSecondsToMicros(12345670, 7, &us), nullptr);  // 1.2345670: exact
  EXPECT_EQ(us, 1234567);
  EXPECT_STREQ(decimalSecondsToMicros(12345678, 7, &us), "Rounding necessary");
  EXPECT_STREQ(decimalSecondsToMicros(static_cast<__int128>(INT64_MAX), 0, &us), "Overflow");
}

}  // namespace
}  // namespace sluice::stdlib
