#pragma once
// The state of one stateful operator, hash-partitioned as Spark lays it out:
// `<stateRoot>/<operatorId>/<partition>/` for partition 0 .. partitions-1, each an independent
// versioned StateStore (its own deltas and snapshots, committed as its own version). A key
// belongs to partition crc32c(key) mod partitions: stable across processes and releases (a
// seeded hash would move keys between partitions on restart), so a later release can hand a
// partition to another process and it finds exactly its keys in its directory.
//
// The number of partitions is fixed at the query's first run (spark.sql.shuffle.partitions,
// recorded in every offsets/<n> file's metadata); a restart must open the store with the
// recorded number. Checkpoints written before partitioning hold only `<operatorId>/0/`: they
// are the 1-partition case.
//
// Not thread-safe (commit() runs the partitions' commits on threads of its own); each
// partition's store could be driven by its own task (partition(p)).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state/state_store.h"

namespace sluice {

class PartitionedStateStore {
 public:
  /// The `partitions` (>= 1) stores of operator `operatorId` under `stateRoot`; with a
  /// `storeName`, in `<operatorId>/<partition>/<storeName>` (an operator with several stores
  /// per partition, as a stream-stream join's `left` and `right`, like Spark's store names).
  PartitionedStateStore(const std::filesystem::path& stateRoot, int64_t operatorId,
                        int32_t partitions, StateStoreOptions options = {},
                        const std::string& storeName = "");
  ~PartitionedStateStore();

  /// The partition `key` belongs to among `partitions`.
  static int32_t partitionOf(std::string_view key, int32_t partitions);

  /// Number of partitions.
  int32_t partitions() const { return static_cast<int32_t>(stores_.size()); }
  /// Partition `p`'s store.
  StateStore& partition(int32_t p) { return *stores_.at(static_cast<size_t>(p)); }

  /// Loads `version` in every partition (see StateStore::load); the sum of their metrics.
  StateLoadMetrics load(int64_t version);
  /// Calls f(key, value, store) for every entry of every partition, partition by partition
  /// (`store` names where the entry came from, for error messages).
  template <typename F>
  void forEach(F&& f) const {
    for (const auto& s : stores_)
      s->forEach([&](std::string_view k, std::string_view v) { f(k, v, *s); });
  }
  /// Inserts or replaces `key` in its partition.
  void put(std::string_view key, std::string_view value);
  /// Removes `key` from its partition; returns whether it was present.
  bool remove(std::string_view key);
  /// Commits `newVersion` in every partition, concurrently (each as its own version; a crash
  /// or a failure between two partitions' commits is harmless: a restart loads the version
  /// the commit log names in each, and the replayed batch writes the newer version again).
  /// The sum of the metrics (the commit time: the slowest partition's). Rethrows the first
  /// partition's error after every partition finished.
  StateCommitMetrics commit(int64_t newVersion);
  /// Drops uncommitted changes in every partition.
  void abort();

 private:
  std::vector<std::unique_ptr<StateStore>> stores_;
};

}  // namespace sluice
