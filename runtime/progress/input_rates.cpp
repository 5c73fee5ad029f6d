#include "runtime/progress/input_rates.h"

#include <limits>

namespace sluice {
namespace {

// Spark's ProgressReporter: numRecords / inputTimeSec, where inputTimeSec is +Infinity for
// the first trigger (so the rate is 0.0) and the seconds between trigger starts otherwise.
double inputRate(int64_t rows, int64_t lastStartMs, int64_t startMs) {
  if (lastStartMs < 0) return static_cast<double>(rows) / std::numeric_limits<double>::infinity();
  const double secs = static_cast<double>(startMs - lastStartMs) / 1000.0;
  if (secs == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(rows) / secs;
}

}  // namespace

void InputRateTracker::apply(QueryProgress& p) {
  p.inputRowsPerSecond = inputRate(p.numInputRows, lastTriggerStartMs_, p.timestampMs);
  for (auto& s : p.sources)
    s.inputRowsPerSecond = inputRate(s.numInputRows, lastTriggerStartMs_, p.timestampMs);
  lastTriggerStartMs_ = p.timestampMs;
}

}  // namespace sluice
