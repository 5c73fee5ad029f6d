#pragma once
// The stream-stream joins of a streaming query (StreamingPlan::streamJoins): one
// StreamJoinState per join, loaded at the restart's state version, registered as the join's
// runtime object with the executor, committed / aborted with the batch.
#include <filesystem>
#include <memory>
#include <vector>

#include "planner/streaming/streaming_plan.h"
#include "runtime/progress/query_progress.h"
#include "runtime/stream/stateful_operators.h"

namespace sluice {

class PlanExecutor;
class StreamJoinState;

class StreamJoinOperators {
 public:
  /// Loads each join's state at `version` and registers it with `exec` (which must outlive
  /// this object).
  StreamJoinOperators(const std::vector<StreamJoinOperator>& joins, PlanExecutor& exec,
                      const std::filesystem::path& stateRoot, int64_t version,
                      const StateOptions& options);
  ~StreamJoinOperators();

  bool empty() const { return joins_.empty(); }
  /// Before a batch: the watermark (ms).
  void setWatermark(int64_t watermarkMs);
  /// After a batch: commits `version`; one progress entry per join.
  std::vector<StateOperatorProgress> commit(int64_t version);
  /// Drops the batch's changes.
  void abort();

 private:
  std::vector<std::unique_ptr<StreamJoinState>> joins_;
};

}  // namespace sluice
