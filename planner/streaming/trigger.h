#pragma once
// A streaming query's trigger, parsed once at analysis (`sluice check` and `sluice run` see the
// same value): Spark's Trigger.ProcessingTime / Once / AvailableNow, or the default (the next
// batch starts as soon as the previous one finished and new data is there).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

struct Trigger {
  enum class Kind {
    Default,         ///< no trigger option (or an interval of 0): batches back to back
    ProcessingTime,  ///< one batch every `intervalMs`
    Once,            ///< one batch with everything available at start, then stop
    AvailableNow,    ///< everything available at start, in rate-limited batches, then stop
  };
  Kind kind = Kind::Default;
  int64_t intervalMs = 0;  ///< ProcessingTime only

  /// True for Once and AvailableNow: the query ends by itself.
  bool runsToCompletion() const { return kind == Kind::Once || kind == Kind::AvailableNow; }
  /// `default`, `once`, `availableNow` or `ProcessingTime(1500 ms)` (EXPLAIN, status lines).
  std::string toString() const;
  bool operator==(const Trigger&) const = default;
};

/// Parses a trigger option value (case-insensitive): `once`, `availableNow`, or a
/// processing-time interval as Spark's Trigger.ProcessingTime takes it: an optional
/// `interval` prefix, then one or more `<number> <unit>` pairs with units microsecond(s),
/// millisecond(s) / ms, second(s) / sec / s, minute(s) / min / m, hour(s) / h, day(s) / d,
/// week(s); the space between number and unit is optional (`500ms`). Months and years are
/// refused as in Spark (their length varies). Returns nullopt and sets `why` on error.
std::optional<Trigger> parseTrigger(std::string_view text, std::string* why);

}  // namespace sluice
