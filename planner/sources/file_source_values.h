#pragma once
// Text -> typed value conversion for file sources, with the rules of Spark's CSV reader
// (Java's strict number parsing, case-insensitive true/false, the nanValue / positiveInf /
// negativeInf spellings, timestampFormat / dateFormat or Spark's lenient CAST-style
// fallback). Shared by schema inference (planner) and the readers (runtime/files), so both
// accept exactly the same text.
#include <cstdint>
#include <optional>
#include <string_view>

#include "planner/sources/file_source.h"
#include "planner/types.h"
#include "stdlib/abi_types.h"
#include "stdlib/datetime.h"
#include "stdlib/nested.h"

namespace sluice {

/// Java's Integer/Long.parseLong: optional sign, ASCII digits only, within [lo, hi].
bool parseStrictIntegral(std::string_view s, int64_t lo, int64_t hi, int64_t* out);

/// Parses field text into the storage form of a column type (codegen/abi.h).
class TextValueParser {
 public:
  /// Compiles timestampFormat / dateFormat. Throws AnalysisError naming the option when a
  /// pattern is invalid.
  explicit TextValueParser(const FileSourceOptions& options);

  /// Parses `s` as `type` into `out` (strings are copied into `arena`). False when the text
  /// is not a value of the type (Spark: a malformed field). Types a CSV column cannot hold
  /// (struct, array, map, interval) always return false.
  bool parse(std::string_view s, const DataType& type, Slot& out, StringArena& arena) const;

  /// A timestamp with timestampFormat, or Spark's lenient parse when none is set.
  bool parseTimestamp(std::string_view s, int64_t* micros) const;
  /// A date with dateFormat, or Spark's lenient parse when none is set.
  bool parseDate(std::string_view s, int32_t* days) const;
  /// A date in the strict form schema inference accepts (dateFormat, or yyyy-[M]M-[d]d).
  bool parseDateStrict(std::string_view s, int32_t* days) const;
  /// A double, including the nanValue / positiveInf / negativeInf spellings.
  bool parseDouble(std::string_view s, double* out) const;

 private:
  const FileSourceOptions& options_;
  std::optional<stdlib::DateTimePattern> timestampPattern_;
  std::optional<stdlib::DateTimePattern> datePattern_;
};

/// Writes a storage value of `type` into `slot` (helpers for nested values and tests).
template <typename T>
void putSlot(Slot& slot, T v) {
  slot = Slot{};
  slot.set(v);
}

}  // namespace sluice
