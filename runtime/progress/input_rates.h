#pragma once
// Spark's inputRowsPerSecond: the rows of a batch divided by the time since the previous
// batch's trigger started (the rate at which data arrived), for the query and each source.
// The first batch of a run has no previous trigger: Spark divides by infinity, giving 0.0.
#include <cstdint>

#include "runtime/progress/query_progress.h"

namespace sluice {

class InputRateTracker {
 public:
  /// Sets `p.inputRowsPerSecond` and each source's from `p.timestampMs` (the trigger start)
  /// and the previous call's; then remembers this trigger. Call once per reported batch, in
  /// order. A batch whose trigger started at the same millisecond as the previous one gets
  /// NaN (left out of the JSON), as Spark's division by zero does.
  void apply(QueryProgress& p);

 private:
  int64_t lastTriggerStartMs_ = -1;
};

}  // namespace sluice
