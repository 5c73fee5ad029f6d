#pragma once
// Stream-stream join (Spark's StreamingSymmetricHashJoinExec): both inputs are streams, so
// both are buffered in state across micro-batches. Each input's pipeline ends in the join
// (its rows go to the runtime's join state, runtime/stream/stream_join_state.h); a new
// pipeline reads what the join emits in the batch: new rows of either side joined with the
// buffered rows of the other, and, for outer joins, the NULL-padded rows the watermark
// evicted unmatched.
#include <optional>

#include "planner/logical/join.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

/// How the watermark bounds one side's buffered rows: a row whose `column` (a timestamp of
/// that side) plus `offsetMicros` is <= the watermark can never match a future row of the
/// other side, so it leaves the state (NULL-padded first when its side is outer and it never
/// matched). Derived from the join condition (planner/streaming/stream_join_bounds.h).
struct StateTimeBound {
  size_t column = 0;         ///< index into the side's output columns
  int64_t offsetMicros = 0;  ///< see above
};

class PhysStreamJoin : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::StreamJoin;
  PhysStreamJoin(JoinKind type, std::vector<ExprPtr> leftKeys, std::vector<ExprPtr> rightKeys,
                 ExprPtr condition, std::vector<Attribute> out, PhysPtr left, PhysPtr right)
      : PhysicalOp(kKind, {std::move(left), std::move(right)}),
        type(type),
        leftKeys(std::move(leftKeys)),
        rightKeys(std::move(rightKeys)),
        condition(std::move(condition)),
        out(std::move(out)) {}
  JoinKind type;                             ///< Inner, LeftOuter, RightOuter, FullOuter, LeftSemi
  std::vector<ExprPtr> leftKeys, rightKeys;  ///< equi-join keys over the left / right columns
  ExprPtr condition;                         ///< the other conjuncts (null: none)
  std::vector<Attribute> out;
  std::optional<StateTimeBound> leftBound, rightBound;  ///< state eviction (none: kept forever)
  /// Per side, the watermarked event-time column (index into that side's output) whose rows
  /// at or below the watermark are late and dropped, as Spark drops them; none: nothing late.
  std::optional<size_t> leftLateColumn, rightLateColumn;

  const PhysPtr& left() const { return children()[0]; }
  const PhysPtr& right() const { return children()[1]; }
  std::vector<Attribute> output() const override { return out; }
  bool isBreaker() const override { return true; }
  std::string nodeName() const override { return "StreamingSymmetricHashJoin"; }
  std::string argString() const override;
};

}  // namespace sluice
