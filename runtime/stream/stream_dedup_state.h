#pragma once
// The state of one streaming deduplication (PhysStreamDedup): the keys seen so far in a
// checkpointed state store, hash-partitioned by key (state/<operatorId>/<partition>/; key = the
// canonical encoding of the key columns, value = the row's event time when the operator has
// one, plus the watermark delay for dropDuplicatesWithinWatermark: when the key expires). A batch's
// rows pass the first time their key is seen (in the batch or any earlier one) and never again.
// With an event-time column, rows at or below the watermark are late and dropped (as Spark drops
// them) and keys whose time the watermark passed leave the state: a row with such a key could only
// come back late.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/physical/phys_stream_dedup.h"
#include "runtime/column_batch.h"
#include "runtime/state/partitioned_state_store.h"
#include "runtime/stream/checkpointed_operator.h"

namespace sluice {

class StreamDedupState : public CheckpointedOperator, private RowSink {
 public:
  /// Loads (at `version`) the state of operator `operatorId` under `stateRoot`, in
  /// `partitions` partitions.
  StreamDedupState(const PhysStreamDedup& op, const std::filesystem::path& stateRoot,
                   int64_t operatorId, int32_t partitions, const StateStoreOptions& options,
                   int64_t version);
  ~StreamDedupState() override;

  RowSink* input(size_t child) override;
  void produce(const BatchConsumer& consume) override;
  void setWatermark(int64_t watermarkMs) override { watermarkMicros_ = watermarkMs * 1000; }
  StateOperatorProgress commit(int64_t version) override;
  void abort() override;

 private:
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override;

  const PhysStreamDedup& op_;
  std::vector<TypePtr> types_;
  std::unique_ptr<PartitionedStateStore> store_;
  ColumnBatchBuilder out_;  // the rows that pass in this batch
  std::optional<int64_t> watermarkMicros_;
  std::string key_;  // reused key buffer
  int64_t updated_ = 0, removed_ = 0, dropped_ = 0;
};

}  // namespace sluice
