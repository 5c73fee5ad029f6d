#include "runtime/state/partitioned_state_store.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "frontend/error.h"
#include "runtime/state/crc32c.h"

namespace sluice {

PartitionedStateStore::PartitionedStateStore(const std::filesystem::path& stateRoot,
                                             int64_t operatorId, int32_t partitions,
                                             StateStoreOptions options,
                                             const std::string& storeName) {
  if (partitions < 1)
    throw ExecutionError("state of operator " + std::to_string(operatorId) + " in " +
                         stateRoot.string() +
                         ": the number of state partitions must be at "
                         "least 1, got " +
                         std::to_string(partitions));
  for (int32_t p = 0; p < partitions; ++p)
    stores_.push_back(std::make_unique<StateStore>(
        storeName.empty() ? StateStore::directoryFor(stateRoot, operatorId, p)
                          : StateStore::directoryFor(stateRoot, operatorId, p) / storeName,
        options));
}

PartitionedStateStore::~PartitionedStateStore() = default;

int32_t PartitionedStateStore::partitionOf(std::string_view key, int32_t partitions) {
  return static_cast<int32_t>(crc32c(key) % static_cast<uint32_t>(partitions));
}

StateLoadMetrics PartitionedStateStore::load(int64_t version) {
  StateLoadMetrics total;
  total.cacheHit = true;
  for (auto& s : stores_) {
    const StateLoadMetrics m = s->load(version);
    total.version = m.version;
    total.cacheHit = total.cacheHit && m.cacheHit;
    total.filesRead += m.filesRead;
    total.bytesRead += m.bytesRead;
    total.loadTimeUs += m.loadTimeUs;
  }
  return total;
}

void PartitionedStateStore::put(std::string_view key, std::string_view value) {
  partition(partitionOf(key, partitions())).put(key, value);
}

bool PartitionedStateStore::remove(std::string_view key) {
  return partition(partitionOf(key, partitions())).remove(key);
}

StateCommitMetrics PartitionedStateStore::commit(int64_t newVersion) {
  // Each partition's commit writes and fsyncs its own files: done at once, on a thread per
  // partition, the batch waits for about one fsync instead of one per partition (8
  // partitions one after the other took ~100 ms against ~10 ms for one).
  std::vector<StateCommitMetrics> metrics(stores_.size());
  std::vector<std::exception_ptr> errors(stores_.size());
  const auto commitOne = [&](size_t i) {
    try {
      metrics[i] = stores_[i]->commit(newVersion);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  if (stores_.size() == 1) {
    commitOne(0);
  } else {
    std::vector<std::thread> threads;
    for (size_t i = 0; i < stores_.size(); ++i) threads.emplace_back(commitOne, i);
    for (auto& t : threads) t.join();
  }
  // A partition that failed kept its changes (StateStore::commit); the others committed the
  // version, which is harmless: the commit log does not name it, a restart loads the older
  // version in every partition and the replayed batch writes this one again.
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  StateCommitMetrics total;
  for (const StateCommitMetrics& m : metrics) {
    const int64_t ms = std::max(total.commitTimeMs, m.commitTimeMs);
    const int64_t us = std::max(total.commitTimeUs, m.commitTimeUs);
    total += m;
    total.version = m.version;
    total.commitTimeMs = ms;  // concurrent: the slowest partition's, not the sum
    total.commitTimeUs = us;
  }
  return total;
}

void PartitionedStateStore::abort() {
  for (auto& s : stores_) s->abort();
}

}  // namespace sluice
