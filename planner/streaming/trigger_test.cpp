#include "planner/streaming/trigger.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

int64_t intervalOf(const char* text) {
  std::string why;
  auto t = parseTrigger(text, &why);
  EXPECT_TRUE(t) << text << ": " << why;
  if (!t) return -1;
  EXPECT_EQ(t->kind, Trigger::Kind::ProcessingTime) << text;
  return t->intervalMs;
}

std::string errorOf(const char* text) {
  std::string why;
  EXPECT_FALSE(parseTrigger(text, &why)) << text;
  return why;
}

TEST(Trigger, SparkProcessingTimeForms) {
  EXPECT_EQ(intervalOf("10 seconds"), 10000);
  EXPECT_EQ(intervalOf("1 second"), 1000);
  EXPECT_EQ(intervalOf("1 minute 30 seconds"), 90000);
  EXPECT_EQ(intervalOf("interval 1 minute"), 60000);
  EXPECT_EQ(intervalOf("INTERVAL 1 minute 30 seconds"), 90000);
  EXPECT_EQ(intervalOf("500 milliseconds"), 500);
  EXPECT_EQ(intervalOf("500 ms"), 500);
  EXPECT_EQ(intervalOf("500ms"), 500);
  EXPECT_EQ(intervalOf("1.5 seconds"), 1500);
  EXPECT_EQ(intervalOf("2 hours"), 7200000);
  EXPECT_EQ(intervalOf("1 day"), 86400000);
  EXPECT_EQ(intervalOf("1 week"), 7 * 86400000LL);
  EXPECT_EQ(intervalOf("15m"), 900000);
}

TEST(Trigger, OnceAvailableNowAndZero) {
  std::string why;
  EXPECT_EQ(parseTrigger("once", &why)->kind, Trigger::Kind::Once);
  EXPECT_EQ(parseTrigger("availableNow", &why)->kind, Trigger::Kind::AvailableNow);
  EXPECT_EQ(parseTrigger("AVAILABLENOW", &why)->kind, Trigger::Kind::AvailableNow);
  EXPECT_TRUE(parseTrigger("once", &why)->runsToCompletion());
  // Spark: ProcessingTime(0) runs batches as fast as possible.
  EXPECT_EQ(parseTrigger("0 seconds", &why)->kind, Trigger::Kind::Default);
  EXPECT_FALSE(parseTrigger("0 seconds", &why)->runsToCompletion());
}

TEST(Trigger, Refusals) {
  EXPECT_NE(errorOf("1 month").find("months"), std::string::npos);
  EXPECT_NE(errorOf("10 fortnights").find("unknown unit 'fortnights'"), std::string::npos);
  EXPECT_NE(errorOf("10").find("no unit"), std::string::npos);
  EXPECT_NE(errorOf("soon").find("not a number"), std::string::npos);
  EXPECT_NE(errorOf("").find("no interval"), std::string::npos);
  EXPECT_NE(errorOf("-5 seconds").find("negative"), std::string::npos);
}

TEST(Trigger, PrintsForExplain) {
  std::string why;
  EXPECT_EQ(parseTrigger("1 minute 30 seconds", &why)->toString(), "ProcessingTime(90000 ms)");
  EXPECT_EQ(parseTrigger("availableNow", &why)->toString(), "availableNow");
  EXPECT_EQ(Trigger{}.toString(), "default");
}

}  // namespace
}  // namespace sluice
