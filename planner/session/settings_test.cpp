#include "planner/session/settings.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(Settings, KnownSettingsAreCheckedAndHonoured) {
  std::string error;
  EXPECT_EQ(checkSetting("sluice.codegen.optLevel", "3", &error), "");
  EXPECT_EQ(error, "");
  EXPECT_EQ(checkSetting("sluice.codegen.optLevel", "9", &error), "");
  EXPECT_EQ(error, "sluice.codegen.optLevel must be 0, 1, 2 or 3, got '9'");
  error.clear();
  EXPECT_EQ(checkSetting("spark.sql.streaming.multipleWatermarkPolicy", "MAX", &error), "");
  EXPECT_EQ(error, "");
  checkSetting("spark.sql.streaming.multipleWatermarkPolicy", "median", &error);
  EXPECT_NE(error.find("min or max"), std::string::npos);
}

TEST(Settings, MisspelledSluiceKeysAreRefused) {
  std::string error;
  checkSetting("sluice.codegen.optlevl", "2", &error);
  EXPECT_NE(error.find("unknown setting 'sluice.codegen.optlevl' (did you mean "
                       "'sluice.codegen.optLevel'?)"),
            std::string::npos)
      << error;
}

TEST(Settings, SparkKeysSluiceIgnoresAreWarnedAbout) {
  std::string error;
  EXPECT_NE(checkSetting("spark.sql.adaptive.enabled", "true", &error).find("not honoured"),
            std::string::npos);
  EXPECT_EQ(checkSetting("my.variable", "1", &error), "");
  EXPECT_EQ(error, "");
}

// State partitions and worker threads are honoured and must be positive numbers.
TEST(Settings, PartitionsAndThreadsAreCounts) {
  std::string error;
  EXPECT_EQ(checkSetting("spark.sql.shuffle.partitions", "4", &error), "");
  EXPECT_EQ(error, "");
  checkSetting("spark.sql.shuffle.partitions", "0", &error);
  EXPECT_NE(error.find("must be a positive number"), std::string::npos) << error;
  error.clear();
  EXPECT_EQ(checkSetting("sluice.exec.threads", "2", &error), "");
  EXPECT_EQ(error, "");
  EXPECT_EQ(checkSetting("sluice.files.readThreads", "1", &error), "");
  EXPECT_EQ(error, "");
  checkSetting("sluice.exec.threads", "many", &error);
  EXPECT_NE(error.find("sluice.exec.threads must be a positive number"), std::string::npos)
      << error;
}

TEST(Settings, SessionTimeZoneIsHonouredAndChecked) {
  std::string error;
  for (const char* zone : {"UTC", "America/New_York", "+01:00", "-08", "Z", "GMT+1", "PST"}) {
    EXPECT_EQ(checkSetting("spark.sql.session.timeZone", zone, &error), "") << zone;
    EXPECT_EQ(error, "") << zone;
  }
  checkSetting("spark.sql.session.timeZone", "Mars/Olympus", &error);
  EXPECT_NE(error.find("INVALID_CONF_VALUE.TIME_ZONE"), std::string::npos) << error;
}

}  // namespace
}  // namespace sluice
