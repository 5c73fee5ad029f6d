#pragma once
// Aggregate functions the generated code does not update in place (AggKind::Generic in
// codegen/aggregate_layout.h): DISTINCT aggregates, decimal sum / avg, min / max / first / last
// of any type, collect_list / collect_set, approx_count_distinct, variance / stddev,
// bool_and / bool_or, count_if. One accumulator per group and function, fed row by row.
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "codegen/aggregate_layout.h"
#include "planner/value.h"

namespace sluice {

class Accumulator {
 public:
  virtual ~Accumulator() = default;
  /// One input row: the call's arguments as RowSlots and null bytes.
  virtual void update(const RowSlot* args, const uint8_t* nulls) = 0;
  /// The aggregate's value (Value::null() for SQL NULL), of the call's result type.
  virtual Value result() const = 0;
};

/// A fresh accumulator for generic function `f`. Throws an ExecutionError naming the function when
/// the runtime has no implementation for it.
std::unique_ptr<Accumulator> makeAccumulator(const AggFunctionLayout& f);

}  // namespace sluice
