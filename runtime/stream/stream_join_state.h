#pragma once
// The state of one stream-stream join (Spark's StreamingSymmetricHashJoinExec): both sides'
// rows buffered by join key, each with a "matched" flag, in two checkpointed state stores
// (state/<operatorId>/0/left and .../right; keyed, versioned and checksummed like the
// aggregation state, runtime/state/state_store.h).
//
// Per batch: the join's input pipelines hand over the batch's new rows of each side (late
// rows, at or below the watermark on a watermarked event-time column, are dropped); then
// produce() joins new left rows with the buffered right rows, buffers them, joins new right
// rows with all buffered left rows (old and new) and buffers them, so each pair meets exactly
// once; finally rows the watermark bounds (PhysStreamJoin::leftBound / rightBound) leave the
// state, and for outer joins the unmatched ones are emitted NULL-padded. Semi joins emit a
// left row once, when its first match arrives.
#include <absl/container/flat_hash_map.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/physical/phys_stream_join.h"
#include "runtime/state/state_store.h"
#include "runtime/stream/checkpointed_operator.h"
#include "runtime/stream/row_evaluator.h"

namespace sluice {

class StreamJoinState : public CheckpointedOperator {
 public:
  /// Loads (at `version`) the state kept under `dir` (state/<operatorId>/0).
  StreamJoinState(const PhysStreamJoin& op, const std::filesystem::path& dir,
                  const StateStoreOptions& options, int64_t version);
  ~StreamJoinState() override;

  RowSink* input(size_t child) override;
  void produce(const BatchConsumer& consume) override;

  void setWatermark(int64_t watermarkMs) override { watermarkMicros_ = watermarkMs * 1000; }
  /// Commits both sides' stores.
  StateOperatorProgress commit(int64_t version) override;
  void abort() override;
  /// Rows buffered on both sides.
  int64_t numRows() const;

 private:
  struct Side;
  void joinNewRows(int side, ColumnBatchBuilder& out);
  void evict(int side, ColumnBatchBuilder& out);
  void emitPair(const std::vector<Value>* left, const std::vector<Value>* right,
                ColumnBatchBuilder& out) const;
  void reload();

  const PhysStreamJoin& op_;
  std::unique_ptr<Side> sides_[2];
  std::vector<TypePtr> outTypes_;
  RowEvaluator eval_;
  std::optional<int64_t> watermarkMicros_;
  int64_t updated_ = 0, removed_ = 0, dropped_ = 0;
};

}  // namespace sluice
