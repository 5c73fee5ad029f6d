#pragma once
// Per-operator watermarks (Spark 3.5's WatermarkPropagator, with
// spark.sql.streaming.statefulOperator.allowMultiple on): the query has one watermark W, but
// each stateful operator applies to its input the watermark its upstream operators let
// through. A WATERMARK passes W on; an aggregation or a deduplication passes on its input's
// (in append mode it emits a group only once that watermark closed it); a stream-stream join
// passes on its input's less how long its state keeps rows (the largest state bound of its
// sides, planner/streaming/stream_join_bounds.h), because a joined row may carry a time that
// old. An operator with another stateful operator upstream judges late rows by the previous
// batch's watermark ("for late events") and closes its groups by this batch's ("for
// eviction"): the upstream operator emits, in this batch, rows the new watermark just closed.
#include <cstdint>
#include <optional>

#include "planner/physical/physical_plan.h"

namespace sluice {

/// The watermark one stateful operator applies to its input, relative to the query's W.
struct InputWatermark {
  int64_t delayMicros = 0;           ///< input watermark = W - delayMicros
  bool lateByPreviousBatch = false;  ///< a stateful operator is upstream (see above)
};

/// The input watermark of stateful operator `op` (an aggregation, join or deduplication), from
/// the operators below it; nullopt when no WATERMARK is below it.
std::optional<InputWatermark> inputWatermarkOf(const PhysicalOp& op);

}  // namespace sluice
