#include "runtime/stream/keyed_state_operators.h"

#include "frontend/error.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/state/state_store.h"
#include "runtime/stream/stream_dedup_state.h"
#include "runtime/stream/stream_join_state.h"

namespace sluice {

KeyedStateOperators::KeyedStateOperators(const std::vector<KeyedStateOperator>& ops,
                                         PlanExecutor& exec, const std::filesystem::path& stateRoot,
                                         int64_t version, const StateOptions& options) {
  StateStoreOptions so;
  so.minDeltasForSnapshot = options.minDeltasForSnapshot;
  so.minVersionsToRetain = options.minBatchesToRetain;
  for (const KeyedStateOperator& k : ops) {
    const auto dir = StateStore::directoryFor(stateRoot, k.operatorId, 0);
    std::unique_ptr<CheckpointedOperator> state;
    if (auto* j = dynamic_cast<const PhysStreamJoin*>(k.op))
      state = std::make_unique<StreamJoinState>(*j, dir, so, version);
    else if (auto* d = dynamic_cast<const PhysStreamDedup*>(k.op))
      state = std::make_unique<StreamDedupState>(*d, dir, so, version);
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
