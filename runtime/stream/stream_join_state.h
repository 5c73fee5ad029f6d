#pragma once
// The state of one stream-stream join (Spark's StreamingSymmetricHashJoinExec): both sides'
// rows buffered by join key, each with a "matched" flag, in two checkpointed state stores
// (state/<operatorId>/<partition>/left and .../right, hash-partitioned by join key; keyed,
// versioned and checksummed like the aggregation state, runtime/state/state_store.h).
//
// Per batch: the join's input pipelines hand over the batch's new rows of each side (late
// rows, at or below the watermark on a watermarked event-time column, are dropped); then
// produce() joins new left rows with the buffered right rows, buffers them, joins new right
// rows with all buffered left rows (old and new) and buffers them, so each pair meets exactly
// once; finally rows the watermark bounds (PhysStreamJoin::leftBound / rightBound) leave the
// state, and for outer joins the unmatched ones are emitted NULL-padded. Semi joins emit a
// left row once, when its first match arrives.
//
// Rows are held as the bytes the store keeps (stream_join_side.h): a row is encoded once,
// from the kernel's slots, and decoded only into the output batch; keys that are columns of
// the key's type are encoded straight from the slots. The other conjuncts of the condition
// (left here only by outer and semi joins: an inner join's run as a generated filter above
// the join) are evaluated through a PreparedRowExpr over the columns they read.
#include <absl/container/flat_hash_map.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/physical/phys_stream_join.h"
#include "runtime/state/partitioned_state_store.h"
#include "runtime/stream/checkpointed_operator.h"
#include "runtime/stream/prepared_row_expr.h"
#include "runtime/stream/stream_join_side.h"

namespace sluice {

class StreamJoinState : public CheckpointedOperator {
 public:
  /// Loads (at `version`) the state of operator `operatorId` under `stateRoot`, in
  /// `partitions` partitions (`<operatorId>/<p>/left` and `.../right`; a row belongs to the
  /// partition of its join key, so all rows of a key are in one).
  StreamJoinState(const PhysStreamJoin& op, const std::filesystem::path& stateRoot,
                  int64_t operatorId, int32_t partitions, const StateStoreOptions& options,
                  int64_t version);
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
  bool conditionHolds(int side, const std::string& other);
  void emitPair(const std::string* left, const std::string* right, ColumnBatchBuilder& out) const;

  const PhysStreamJoin& op_;
  int32_t partitions_;
  std::unique_ptr<Side> sides_[2];
  std::vector<TypePtr> outTypes_;
  std::unique_ptr<PreparedRowExpr> condition_;  // null: the keys are the whole condition
  std::vector<Value> condRows_[2];              // the columns it reads, decoded per side
  std::optional<int64_t> watermarkMicros_;
  int64_t updated_ = 0, removed_ = 0, dropped_ = 0;
};

}  // namespace sluice
