#include "runtime/stream/trigger_policy.h"

#include <thread>

namespace sluice {

using Clock = std::chrono::steady_clock;

void TriggerPolicy::sleepUntil(Clock::time_point t) const {
  // Short naps so a stop is honoured within ~20 ms.
  while (Clock::now() < t && !stop_.stopRequested())
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(20), t - Clock::now()));
}

void TriggerPolicy::idleWait() const {
  const int64_t ms = trigger_.kind == Trigger::Kind::ProcessingTime ? trigger_.intervalMs : 100;
  sleepUntil(Clock::now() + std::chrono::milliseconds(ms));
}

void TriggerPolicy::waitForNextTrigger(Clock::time_point batchStart) const {
  if (trigger_.kind == Trigger::Kind::ProcessingTime)
    sleepUntil(batchStart + std::chrono::milliseconds(trigger_.intervalMs));
}

}  // namespace sluice
