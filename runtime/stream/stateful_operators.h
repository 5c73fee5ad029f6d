#pragma once
// The state of a query's stateful operators (streaming aggregations) across micro-batches:
// per operator a hash-partitioned checkpointed store (state/<operatorId>/<partition>/, see
// runtime/state/partitioned_state_store.h), loaded at the version the restart plan names, its
// groups re-created in the operator's table; after each batch the changed and evicted groups
// are committed, each to its key's partition, as the next version.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "planner/streaming/streaming_plan.h"
#include "runtime/progress/query_progress.h"
#include "runtime/stream/state_partitions.h"

namespace sluice {

class AggregateTable;
class LateRowsWriter;
class PlanExecutor;
class PartitionedStateStore;

/// State store settings (Spark's spark.sql.streaming.* names).
struct StateOptions {
  int64_t minDeltasForSnapshot = 10;  ///< stateStore.minDeltasForSnapshot
  int64_t minBatchesToRetain = 100;   ///< minBatchesToRetain
  /// Where rows dropped as late go (the query option lateRowsTable); null = only counted.
  LateRowsWriter* lateRows = nullptr;
  /// spark.sql.shuffle.partitions: state partitions per operator. The session's value for a
  /// new query; a restart replaces it by the checkpoint's (runtime/stream/state_partitions.h).
  int32_t shufflePartitions = kDefaultStatePartitions;
};

class StatefulOperators {
 public:
  /// Opens and loads (at `version`) the store of each of `ops`, restoring its groups into the
  /// tables of `exec` (which must outlive this object) and setting which groups they emit.
  StatefulOperators(const std::vector<StatefulOperator>& ops, PlanExecutor& exec,
                    const std::filesystem::path& stateRoot, int64_t version,
                    const StateOptions& options);
  ~StatefulOperators();

  bool empty() const { return ops_.empty(); }
  /// Before a batch: the query's watermark (ms) for this batch, and the previous batch's.
  /// Each operator closes groups by its input watermark (this batch's, less its upstream
  /// delay) and drops late rows by the same, or, with a stateful operator upstream, by the
  /// previous batch's (planner/streaming/watermark_propagation.h).
  void setWatermark(int64_t watermarkMs, int64_t previousWatermarkMs);
  /// After a batch ran: saves changed groups, removes evicted ones, commits `version`.
  /// Returns one progress entry per operator.
  std::vector<StateOperatorProgress> commit(int64_t version);
  /// Drops uncommitted changes (the batch failed).
  void abort();

 private:
  struct Entry {
    const StatefulOperator* spec;
    AggregateTable* table;
    std::unique_ptr<PartitionedStateStore> store;
  };
  std::vector<StatefulOperator> ops_;
  std::vector<Entry> entries_;
  LateRowsWriter* lateRows_ = nullptr;
};

}  // namespace sluice
