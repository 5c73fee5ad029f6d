#include "runtime/stream/keyed_state_operators.h"

#include "frontend/error.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/state/state_store.h"
#include "runtime/stream/stream_dedup_state.h"
#include "runtime/stream/stream_join_state.h"

namespace sluice {
namespace {

// The partitions of a join's or dedup's state: the checkpoint's count, except for state
// written before these operators were partitioned (their state is `<op>/0/` only, while the
// offsets may already record a count for the aggregations): every committed version writes
// a file in every partition, so a committed state without `<op>/1/` is that layout, and it
// continues as one partition.
int32_t keyedPartitions(const std::filesystem::path& stateRoot, int64_t operatorId,
                        int32_t recorded, int64_t version) {
  if (recorded <= 1 || version <= 0) return recorded;
  const auto p0 = StateStore::directoryFor(stateRoot, operatorId, 0);
  const auto p1 = StateStore::directoryFor(stateRoot, operatorId, 1);
  return std::filesystem::exists(p0) && !std::filesystem::exists(p1) ? 1 : recorded;
}

}  // namespace

KeyedStateOperators::KeyedStateOperators(const std::vector<KeyedStateOperator>& ops,
                                         PlanExecutor& exec, const std::filesystem::path& stateRoot,
                                         int64_t version, const StateOptions& options) {
  StateStoreOptions so;
  so.minDeltasForSnapshot = options.minDeltasForSnapshot;
  so.minVersionsToRetain = options.minBatchesToRetain;
  for (const KeyedStateOperator& k : ops) {
    const int32_t parts =
        keyedPartitions(stateRoot, k.operatorId, options.shufflePartitions, version);
    std::unique_ptr<CheckpointedOperator> state;
    if (auto* j = dynamic_cast<const PhysStreamJoin*>(k.op))
      state = std::make_unique<StreamJoinState>(*j, stateRoot, k.operatorId, parts, so, version);
    else if (auto* d = dynamic_cast<const PhysStreamDedup*>(k.op))
      state = std::make_unique<StreamDedupState>(*d, stateRoot, k.operatorId, parts, so, version);
    else
      throw ExecutionError("internal: " + k.op->nodeName() + " keeps no keyed state");
    exec.setExternalOperator(*k.op, state.get());
    ops_.push_back(std::move(state));
  }
}

KeyedStateOperators::~KeyedStateOperators() = default;

void KeyedStateOperators::setWatermark(int64_t watermarkMs) {
  for (auto& o : ops_) o->setWatermark(watermarkMs);
}

std::vector<StateOperatorProgress> KeyedStateOperators::commit(int64_t version) {
  std::vector<StateOperatorProgress> out;
  for (auto& o : ops_) out.push_back(o->commit(version));
  return out;
}

void KeyedStateOperators::abort() {
  for (auto& o : ops_) o->abort();
}

}  // namespace sluice
