#pragma once
// Column statistics in Parquet's encoding (min_value / max_value hold a value's PLAIN bytes,
// without the length prefix of byte arrays) and the orderings that make them meaningful:
// signed for integers and decimals, numeric for floats (NaN never recorded), unsigned bytes
// for strings and binaries (parquet-format's TypeDefinedOrder).
#include <optional>
#include <string>
#include <string_view>

#include "planner/value.h"
#include "runtime/files/parquet/parquet_schema.h"

namespace sluice::parquet {

/// <0, 0, >0 as `a` orders before, with, after `b` (both statistics-encoded values of `leaf`).
int compareStat(const LeafColumn& leaf, std::string_view a, std::string_view b);

/// Running min / max / null count of one column chunk.
class StatsAccumulator {
 public:
  explicit StatsAccumulator(const LeafColumn& leaf) : leaf_(&leaf) {}
  /// A non-NULL value, statistics-encoded (NaNs are ignored, as the format asks).
  void add(std::string_view v);
  void addNulls(int64_t n) { nulls_ += n; }
  /// The statistics (min / max only when some non-NaN value was seen).
  Statistics finish() const;
  void reset() {
    min_.reset();
    max_.reset();
    nulls_ = 0;
  }

 private:
  const LeafColumn* leaf_;
  std::optional<std::string> min_, max_;
  int64_t nulls_ = 0;
};

/// `v` (a constant of the leaf's sluice type) statistics-encoded in the leaf's physical type,
/// or nullopt when it has no exact encoding there (the caller then cannot prune).
std::optional<std::string> encodeStat(const LeafColumn& leaf, const Value& v);

}  // namespace sluice::parquet
