#pragma once
// Aggregate functions the generated code does not update in place (AggKind::Generic in
// codegen/aggregate_layout.h): DISTINCT aggregates, decimal sum / avg, min / max / first / last
// of any type, collect_list / collect_set, approx_count_distinct, variance / stddev,
// bool_and / bool_or, count_if, max_by / min_by, percentile / median, mode, percentile_approx,
// histogram_numeric (accumulators_quantiles.cpp). One accumulator per
// group and function, fed row by row.
//
// Streaming aggregation saves them with the group (runtime/exec/aggregate_table.h). The saved
// form of one accumulator:
//   u8 format version (kAccumulatorFormatVersion)
//   u8 kind tag (which function: sum, avg, min, collect_set, ...)
//   the kind's state, little-endian, values in encodeValue's form (slot_values.h):
//     count(DISTINCT)       u64 n, n x (u32 length, key bytes)
//     <f>(DISTINCT)         the same set of argument keys, then the inner accumulator saved
//     sum / avg             i64 count, i128 decimal sum, u8 overflow, i64 long sum, f64 sum
//     min / max             the best value (NULL: none yet)
//     first / last          u8 set, the value
//     collect_list / _set   u64 n, n values (the set's keys are rebuilt from them)
//     approx_count_distinct u8 precision, u8 encoding, registers (dense bytes, or a sparse
//                           u32 count of (u32 index, u8 rank))
//     variance / stddev     i64 n, f64 mean, f64 m2
//     bool_and / bool_or    u8 set, u8 value
//     count_if / count      i64 n
//     max_by / min_by       u8 set, the value, the ordering value
//     percentile / median   u64 n, n x f64
//     mode                  u64 n, n x (value, i64 count) in first-seen order
//     percentile_approx     u64 n, n values
//     histogram_numeric     u64 n, n x (f64 center, f64 count) in center order
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/abi.h"
#include "codegen/aggregate_layout.h"
#include "planner/value.h"

namespace sluice {

/// Version byte every saved accumulator starts with.
inline constexpr uint8_t kAccumulatorFormatVersion = 1;

/// A bounds-checked cursor over saved accumulator state (defined in accumulators.cpp).
class AccumulatorReader;

class Accumulator {
 public:
  virtual ~Accumulator() = default;
  /// One input row: the call's arguments as RowSlots and null bytes.
  virtual void update(const RowSlot* args, const uint8_t* nulls) = 0;
  /// The aggregate's value (Value::null() for SQL NULL), of the call's result type.
  virtual Value result() const = 0;
  /// Whether merge() works for this function (session windows merge the groups of
  /// overlapping sessions: count, sum, avg, min, max, first, last, collect_list / _set,
  /// count_if, bool_and / bool_or).
  virtual bool mergeable() const { return false; }
  /// Adds the state of `other`, an accumulator of the same call whose rows come after this
  /// one's (first keeps this one's value, last takes the other's). Throws unless mergeable().
  virtual void merge(const Accumulator& other);

  /// Appends the accumulator's state (format in the file comment) to `out`.
  void save(std::string& out) const;
  /// Replaces the state of this accumulator (fresh from makeAccumulator for the same call) by
  /// one saved by save(); `in` must hold exactly that. Throws an ExecutionError naming `where`
  /// (the state file) when the input is truncated, corrupt, of another format version or of
  /// another function.
  void load(std::string_view in, const std::string& where);
  /// load() from the reader's position, consuming one saved accumulator (for nesting).
  void load(AccumulatorReader& in);

 protected:
  /// Which function the state belongs to (written after the version byte).
  virtual uint8_t tag() const = 0;
  virtual void saveState(std::string& out) const = 0;
  virtual void loadState(AccumulatorReader& in) = 0;
};

/// A fresh accumulator for generic function `f`. Throws an ExecutionError naming the function when
/// the runtime has no implementation for it.
std::unique_ptr<Accumulator> makeAccumulator(const AggFunctionLayout& f);

}  // namespace sluice
