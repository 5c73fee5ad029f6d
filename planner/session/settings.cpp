#include "planner/session/settings.h"

#include <vector>

#include "frontend/did_you_mean.h"
#include "frontend/text.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace {

bool isCount(const std::string& v) {
  return !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos &&
         std::stol(v) >= 1;
}

struct Setting {
  const char* key;
  bool honoured;                            // false: accepted, warned about
  const char* expected;                     // what a valid value looks like ("" = anything)
  bool (*valid)(const std::string& value);  // nullptr = anything
};

const std::vector<Setting>& settings() {
  static const std::vector<Setting> s = {
      {"sluice.codegen.optLevel", true, "0, 1, 2 or 3",
       [](const std::string& v) { return v.size() == 1 && v[0] >= '0' && v[0] <= '3'; }},
      {"sluice.codegen.cacheDir", true, "", nullptr},
      {"sluice.codegen.tiered", true, "true or false",
       [](const std::string& v) {
         const std::string l = asciiLower(v);
         return l == "true" || l == "false";
       }},
      {"sluice.optimizer.excludedRules", true, "", nullptr},
      {"sluice.exec.threads", true, "a positive number", isCount},
      {"sluice.files.readThreads", true, "a positive number", isCount},
      {"spark.sql.optimizer.excludedRules", true, "", nullptr},
      {"spark.sql.streaming.multipleWatermarkPolicy", true, "min or max",
       [](const std::string& v) {
         const std::string l = asciiLower(v);
         return l == "min" || l == "max";
       }},
      {"spark.sql.streaming.minBatchesToRetain", true, "a positive number", isCount},
      {"spark.sql.streaming.stateStore.minDeltasForSnapshot", true, "a positive number", isCount},
      {"spark.sql.shuffle.partitions", true, "a positive number", isCount},
      {"spark.sql.session.timeZone", true, "", nullptr},
      {"spark.sql.timestampType", true, "TIMESTAMP_LTZ or TIMESTAMP_NTZ",
       [](const std::string& v) {
         const std::string l = asciiLower(v);
         return l == "timestamp_ltz" || l == "timestamp_ntz";
       }},
      {"spark.sql.ansi.enabled", true, "true or false",
       [](const std::string& v) {
         const std::string l = asciiLower(v);
         return l == "true" || l == "false";
       }},
  };
  return s;
}

}  // namespace

std::string checkSetting(const std::string& key, const std::string& value, std::string* error) {
  if (equalsIgnoreCase(key, "spark.sql.session.timeZone") && !stdlib::Zone::find(value)) {
    *error = "[INVALID_CONF_VALUE.TIME_ZONE] The value '" + value +
             "' in the config \"spark.sql.session.timeZone\" is invalid. Cannot resolve the "
             "given timezone (expected a region id such as 'America/Los_Angeles', an offset "
             "such as '+01:00', 'UTC' or 'Z')";
    return "";
  }
  for (const Setting& s : settings()) {
    if (!equalsIgnoreCase(s.key, key)) continue;
    if (s.valid && !s.valid(value)) {
      *error = std::string(s.key) + " must be " + s.expected + ", got '" + value + "'";
      return "";
    }
    if (s.honoured) return "";
    return std::string(s.key) + " is accepted but not honoured by sluice" +
           " (queries run as one partition)";
  }
  const std::string lower = asciiLower(key);
  std::vector<std::string> known;
  for (const Setting& s : settings()) known.push_back(s.key);
  if (lower.rfind("sluice.", 0) == 0) {
    *error = "unknown setting '" + key + "'" + didYouMean(key, known) +
             "; sluice's settings are sluice.codegen.optLevel, sluice.codegen.cacheDir, "
             "sluice.codegen.tiered, sluice.exec.threads, sluice.files.readThreads and "
             "sluice.optimizer.excludedRules";
    return "";
  }
  if (lower.rfind("spark.", 0) == 0)
    return "setting '" + key + "' is not honoured by sluice" + didYouMean(key, known);
  return "";  // a user variable, as Spark allows
}

}  // namespace sluice
