#pragma once
// Session settings (`SET key = value`) that sluice knows: their checks, and whether sluice
// honours them. Unknown `sluice.*` keys are errors (a typo must not pass silently); Spark keys
// that sluice does not honour are accepted with a warning saying so; other keys are user
// variables, as in Spark.
#include <optional>
#include <string>

namespace sluice {

/// Checks `SET key = value`. Returns a warning for the user ("" when none); throws nothing:
/// returns the error text in `error` (non-empty) when the setting is refused.
std::string checkSetting(const std::string& key, const std::string& value, std::string* error);

/// spark.sql.streaming.multipleWatermarkPolicy: how several watermarks combine.
enum class WatermarkPolicy { Min, Max };

}  // namespace sluice
