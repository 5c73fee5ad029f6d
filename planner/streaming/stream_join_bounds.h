#pragma once
// How the watermark bounds the state of a stream-stream join, derived from its condition as
// Spark's StreamingJoinHelper does: a conjunct relating the two sides' timestamps, such as
// `cts BETWEEN ts AND ts + INTERVAL 1 MINUTE` (= `cts >= ts AND cts <= ts + 1 minute`), or an
// equi-join on event times, says how long a buffered row of one side can still meet rows of
// the other. With the other side's time watermarked (its future rows are above the
// watermark W), a left row with time l can be dropped once l + 1 minute <= W.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "planner/expr.h"
#include "planner/streaming/event_time.h"

namespace sluice {

/// One side's bound: a row whose `column` + `offsetMicros` <= the watermark is done.
struct JoinSideBound {
  ExprId column = 0;         ///< a timestamp column of that side
  int64_t offsetMicros = 0;  ///< how far past the row's time the other side may still match
};

/// The bounds of both sides (nullopt: that side's rows can match forever).
struct JoinTimeBounds {
  std::optional<JoinSideBound> left, right;
};

/// Derives the bounds from the join's conjuncts. `leftIds` / `rightIds` are the columns of
/// each side; `leftEventTime` / `rightEventTime` the watermarked event-time columns of each
/// side (eventTimeColumns()). A side is bounded only through a conjunct whose other-side
/// column is a watermarked event time (Spark: "a watermark on the other side and an
/// appropriate range condition"). Interval offsets must be constant and month-free.
JoinTimeBounds deriveJoinTimeBounds(
    const std::vector<ExprPtr>& conjuncts, const std::unordered_set<ExprId>& leftIds,
    const std::unordered_set<ExprId>& rightIds,
    const std::unordered_map<ExprId, EventTimeKind>& leftEventTime,
    const std::unordered_map<ExprId, EventTimeKind>& rightEventTime);

}  // namespace sluice
