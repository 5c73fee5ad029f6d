#include "runtime/stream/watermark_tracker.h"

#include <algorithm>

#include "runtime/exec/plan_executor.h"

namespace sluice {

bool WatermarkTracker::advance(PlanExecutor& exec) {
  return advance([&exec](const PhysWatermark& w) {
    const int64_t maxEvent = exec.maxEventTime(w);
    exec.resetMaxEventTime(w);
    return maxEvent;
  });
}

bool WatermarkTracker::advance(const std::function<int64_t(const PhysWatermark&)>& maxEventMicros) {
  lastMaxEventMs_.reset();
  for (const auto* w : operators_) {
    const int64_t maxEvent = maxEventMicros(*w);
    if (maxEvent == INT64_MIN) continue;
    const Interval& d = w->wm.delay;
    const int64_t delay = d.micros + int64_t{d.days} * 86400000000LL +
                          int64_t{d.months} * 31 * 86400000000LL;  // Spark: 31-day months
    const int64_t candidate = (maxEvent - delay) / 1000;
    auto [it, fresh] = perOperatorMs_.emplace(w, candidate);
    if (!fresh) it->second = std::max(it->second, candidate);
    lastMaxEventMs_ = std::max(lastMaxEventMs_.value_or(INT64_MIN), maxEvent / 1000);
  }
  if (perOperatorMs_.empty()) return false;
  // As Spark: an input without rows since this run started counts as 0 (the epoch), so with
  // the min policy it holds the watermark back; otherwise, after a restart, the first batch's
  // inputs alone would move it past rows the others still have to deliver.
  std::optional<int64_t> global;
  for (const auto* w : operators_) {
    const auto it = perOperatorMs_.find(w);
    const int64_t ms = it == perOperatorMs_.end() ? 0 : it->second;
    global = !global                           ? ms
             : policy_ == WatermarkPolicy::Min ? std::min(*global, ms)
                                               : std::max(*global, ms);
  }
  if (*global <= currentMs_) return false;
  currentMs_ = *global;
  return true;
}

}  // namespace sluice
