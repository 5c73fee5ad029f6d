#pragma once
// The stateful operators of a streaming query that keep their own state
// (StreamingPlan::keyed: stream-stream joins, deduplications): one CheckpointedOperator each,
// loaded at the restart's state version, registered as the operator's runtime object with the
// executor, committed / aborted with the batch.
#include <filesystem>
#include <memory>
#include <vector>

#include "planner/streaming/streaming_plan.h"
#include "runtime/progress/query_progress.h"
#include "runtime/stream/checkpointed_operator.h"
#include "runtime/stream/stateful_operators.h"

namespace sluice {

class PlanExecutor;

class KeyedStateOperators {
 public:
  /// Loads each operator's state at `version` and registers it with `exec` (which must
  /// outlive this object).
  KeyedStateOperators(const std::vector<KeyedStateOperator>& ops, PlanExecutor& exec,
                      const std::filesystem::path& stateRoot, int64_t version,
                      const StateOptions& options);
  ~KeyedStateOperators();

  bool empty() const { return ops_.empty(); }
  /// Before a batch: the watermark (ms).
  void setWatermark(int64_t watermarkMs);
  /// After a batch: commits `version`; one progress entry per operator.
  std::vector<StateOperatorProgress> commit(int64_t version);
  /// Drops the batch's changes.
  void abort();

 private:
  std::vector<std::unique_ptr<CheckpointedOperator>> ops_;
};

}  // namespace sluice
