#pragma once
// WindowOperator: the runtime object of a Window (planner/physical/phys_window.h). Its input
// pipeline emits rows into it (a RowBuffer underneath); finish() sorts them by (PARTITION BY
// keys ASC NULLS FIRST, ORDER BY keys as written), evaluates every window function partition
// by partition, and returns [child columns..., one column per function].
//
// How the functions are computed, per partition:
//   row_number, rank, dense_rank, percent_rank, cume_dist, ntile   one pass over the rows
//   lag, lead                                                       direct index (IGNORE NULLS:
//                                                                   a walk to the n-th non-NULL)
//   aggregates, nth_value over a frame starting UNBOUNDED PRECEDING   one accumulator per
//                                                                   partition, fed as the frame's
//                                                                   end advances (running sums)
//   aggregates over other (sliding) frames                          a fresh accumulator per
//                                                                   distinct frame (re-scan)
// Aggregates use the hash aggregate's runtime accumulators (accumulators.h).
#include <memory>
#include <vector>

#include "codegen/abi.h"
#include "codegen/aggregate_layout.h"
#include "planner/physical/phys_window.h"
#include "runtime/column_batch.h"
#include "runtime/exec/row_buffer.h"

namespace sluice {

struct WindowPartition;  // window_evaluator.cpp

class WindowOperator : public RowSink {
 public:
  explicit WindowOperator(const PhysWindow& op);
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    buffer_.emitRow(slots, nulls);
  }
  /// The output rows, partition by partition in sort order. Ends the buffer.
  ColumnBatch finish();

 private:
  // Function `f`'s values for the rows of partition `p` into out[p.begin, p.end).
  void evaluate(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                std::vector<Value>& out) const;
  void rankLike(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                std::vector<Value>& out) const;
  void offset(size_t f, const WindowPartition& p, const ColumnBatch& rows,
              std::vector<Value>& out) const;
  void overFrames(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                  std::vector<Value>& out) const;

  const PhysWindow& op_;
  RowBuffer buffer_;
  std::vector<AggFunctionLayout> layouts_;  // per function (aggregates); accumulators refer to them
  std::vector<size_t> firstArg_;            // per function: its first argument's buffer column
};

}  // namespace sluice
