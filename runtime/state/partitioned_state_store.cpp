#include "runtime/state/partitioned_state_store.h"

#include "frontend/error.h"
#include "runtime/state/crc32c.h"

namespace sluice {

PartitionedStateStore::PartitionedStateStore(const std::filesystem::path& stateRoot,
                                             int64_t operatorId, int32_t partitions,
                                             StateStoreOptions options) {
  if (partitions < 1)
    throw ExecutionError("state of operator " + std::to_string(operatorId) + " in " +
                         stateRoot.string() +
                         ": the number of state partitions must be at "
                         "least 1, got " +
                         std::to_string(partitions));
  for (int32_t p = 0; p < partitions; ++p)
    stores_.push_back(
        std::make_unique<StateStore>(StateStore::directoryFor(stateRoot, operatorId, p), options));
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
  StateCommitMetrics total;
  for (auto& s : stores_) {
    const StateCommitMetrics m = s->commit(newVersion);
    total += m;
    total.version = m.version;
  }
  return total;
}

void PartitionedStateStore::abort() {
  for (auto& s : stores_) s->abort();
}

}  // namespace sluice
