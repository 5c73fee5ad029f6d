#pragma once
// When the next micro-batch runs, executing the plan's typed Trigger: back to back (default),
// every interval (processing time), or through the input that existed at start and then done
// (once: one batch; availableNow: as many rate-limited batches as needed). Every wait polls
// the query's stop request.
#include <chrono>

#include "planner/streaming/trigger.h"
#include "runtime/stop_source.h"

namespace sluice {

class TriggerPolicy {
 public:
  TriggerPolicy(Trigger trigger, const StopSource& stop) : trigger_(trigger), stop_(stop) {}

  const Trigger& trigger() const { return trigger_; }
  /// once / availableNow: the query ends when the input present at start is processed.
  bool toCompletion() const { return trigger_.runsToCompletion(); }
  /// once: exactly one batch (with everything available at start).
  bool singleBatch() const { return trigger_.kind == Trigger::Kind::Once; }
  /// No new data: waits before looking again (the interval, or a short poll).
  void idleWait() const;
  /// After a batch that started at `batchStart`: waits out the rest of the interval.
  void waitForNextTrigger(std::chrono::steady_clock::time_point batchStart) const;

 private:
  void sleepUntil(std::chrono::steady_clock::time_point t) const;
  Trigger trigger_;
  const StopSource& stop_;
};

}  // namespace sluice
