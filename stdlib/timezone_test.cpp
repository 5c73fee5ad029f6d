#include "stdlib/timezone.h"

#include <gtest/gtest.h>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

constexpr int64_t kSec = 1000000;

TEST(Zone, ResolvesIdsAsJavaZoneIdOfWithShortIds) {
  for (const char* id :
       {"UTC", "Z", "GMT", "UT", "+01:00", "-08", "+5", "+0530", "+05:30:15", "UTC+01:00", "GMT-3",
        "America/Los_Angeles", "Europe/Berlin", "PST", "EST", "CET", "Etc/GMT+1", "+1:30"})
    EXPECT_NE(Zone::find(id), nullptr) << id;
  for (const char* id : {"", "Mars/Olympus", "+19:00", "+1:3", "utc+", "localtime", "../etc/passwd",
                         "america/los_angeles"})
    EXPECT_EQ(Zone::find(id), nullptr) << id;
  EXPECT_EQ(Zone::find("EST")->offsetSeconds(0), -5 * 3600);  // a fixed offset, as Java's
  EXPECT_EQ(Zone::find("PST")->normalizedId(), "America/Los_Angeles");
  EXPECT_EQ(Zone::find("GMT+1")->normalizedId(), "GMT+01:00");
  EXPECT_EQ(Zone::find("+00:00")->normalizedId(), "Z");
  EXPECT_EQ(Zone::find("+1:30")->offsetSeconds(0), 5400);
  EXPECT_TRUE(Zone::find("UTC")->isUtc());
  EXPECT_FALSE(Zone::find("Europe/London")->isUtc());  // not in summer
}

TEST(Zone, GapsMoveForwardAndOverlapsTakeTheEarlierOffset) {
  const Zone& la = *Zone::find("America/Los_Angeles");
  int64_t local;
  ASSERT_TRUE(parseTimestamp("2020-03-08 02:30:00", &local));
  EXPECT_EQ(la.toUtc(local) / kSec, 1583663400);  // 03:30 PDT
  ASSERT_TRUE(parseTimestamp("2020-11-01 01:30:00", &local));
  EXPECT_EQ(la.toUtc(local) / kSec, 1604219400);                    // 01:30 PDT
  EXPECT_EQ(la.toUtc(local, -8 * 3600) / kSec, 1604219400 + 3600);  // 01:30 PST on request
  EXPECT_EQ(formatTimestamp(0, la), "1969-12-31 16:00:00");
  EXPECT_EQ(la.shortName(0), "PST");
}

TEST(Zone, DayArithmeticFollowsTheWallClock) {
  const Zone& la = *Zone::find("America/Los_Angeles");
  int64_t t;
  ASSERT_TRUE(parseTimestamp("2020-03-07 12:00:00", &t, la));
  // One day across the spring-forward change is 23 hours; 24 hours of micros stay 24.
  EXPECT_EQ(timestampAddInterval(t, 0, 1, 0, la) - t, 23 * 3600 * kSec);
  EXPECT_EQ(timestampAddInterval(t, 0, 0, 24 * 3600 * kSec, la) - t, 24 * 3600 * kSec);
  EXPECT_EQ(timestampAddInterval(t, 0, 1, 0) - t, 24 * 3600 * kSec);  // UTC
}

TEST(Zone, PatternLettersPrintTheZone) {
  const Zone& la = *Zone::find("America/Los_Angeles");
  std::string out;
  ASSERT_TRUE(formatWithPattern(0, "XXX xx X Z ZZZZ ZZZZZ z VV", &out, la));
  EXPECT_EQ(out, "-08:00 -0800 -08 -0800 GMT-08:00 -08:00 PST America/Los_Angeles");
  ASSERT_TRUE(formatWithPattern(0, "X XXX x z", &out, Zone::utc()));
  EXPECT_EQ(out, "Z Z +00 UTC");
  ASSERT_TRUE(formatWithPattern(0, "X XXX", &out, *Zone::find("+05:30")));
  EXPECT_EQ(out, "+0530 +05:30");
}

TEST(Zone, FormatOffsetIdIsJavasZoneOffsetId) {
  EXPECT_EQ(formatOffsetId(5400, true), "+01:30");
  EXPECT_EQ(formatOffsetId(-3600, true), "-01:00");
  EXPECT_EQ(formatOffsetId(0, true), "Z");
  EXPECT_EQ(formatOffsetId(3661, true), "+01:01:01");
}

}  // namespace
}  // namespace sluice::stdlib
