#pragma once
// A stateful streaming operator that keeps its own checkpointed state (a stream-stream join,
// a deduplication): an ExternalOperator of the executor, told the watermark before each batch
// and committed or aborted with the batch.
#include <cstdint>

#include "runtime/exec/external_operator.h"
#include "runtime/progress/query_progress.h"

namespace sluice {

class CheckpointedOperator : public ExternalOperator {
 public:
  /// Before a batch: the watermark (ms) that makes rows late and evicts bounded state.
  virtual void setWatermark(int64_t watermarkMs) = 0;
  /// After the batch: commits the state as `version`; the progress entry.
  virtual StateOperatorProgress commit(int64_t version) = 0;
  /// Drops the batch's changes (the batch failed): back to the last committed version.
  virtual void abort() = 0;
};

}  // namespace sluice
