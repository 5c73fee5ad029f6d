#include "runtime/stream/stream_join_operators.h"

#include "runtime/exec/plan_executor.h"
#include "runtime/state/state_store.h"
#include "runtime/stream/stream_join_state.h"

namespace sluice {

StreamJoinOperators::StreamJoinOperators(const std::vector<StreamJoinOperator>& joins,
                                         PlanExecutor& exec, const std::filesystem::path& stateRoot,
                                         int64_t version, const StateOptions& options) {
  StateStoreOptions so;
  so.minDeltasForSnapshot = options.minDeltasForSnapshot;
  so.minVersionsToRetain = options.minBatchesToRetain;
  for (const StreamJoinOperator& j : joins) {
    auto state = std::make_unique<StreamJoinState>(
        *j.op, StateStore::directoryFor(stateRoot, j.operatorId, 0), so, version);
    exec.setExternalOperator(*j.op, state.get());
    joins_.push_back(std::move(state));
  }
}

StreamJoinOperators::~StreamJoinOperators() = default;

void StreamJoinOperators::setWatermark(int64_t watermarkMs) {
  for (auto& j : joins_) j->setWatermark(watermarkMs);
}

std::vector<StateOperatorProgress> StreamJoinOperators::commit(int64_t version) {
  std::vector<StateOperatorProgress> out;
  for (auto& j : joins_) out.push_back(j->commit(version));
  return out;
}

void StreamJoinOperators::abort() {
  for (auto& j : joins_) j->abort();
}

}  // namespace sluice
