#pragma once
// Spark's event-time watermark over several inputs: each watermark operator keeps its own
// watermark (max event time seen - its delay, never moving back); the query's watermark is
// the minimum of them (spark.sql.streaming.multipleWatermarkPolicy=min, the default) or the
// maximum (max); an operator without rows since this run started counts as 0, as in Spark (so
// with min one input cannot move the watermark alone, after a restart either). Computed at
// the end of a batch, applied from the next one.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "planner/physical/phys_watermark.h"
#include "planner/session/settings.h"

namespace sluice {

class PlanExecutor;

class WatermarkTracker {
 public:
  /// `initialMs`: the watermark the checkpoint says is in effect.
  WatermarkTracker(std::vector<const PhysWatermark*> operators, WatermarkPolicy policy,
                   int64_t initialMs)
      : operators_(std::move(operators)), policy_(policy), currentMs_(initialMs) {}

  bool empty() const { return operators_.empty(); }
  /// The watermark in effect for the running batch (ms since the epoch).
  int64_t currentMs() const { return currentMs_; }
  /// Reads and resets each operator's max event time of the batch just run; returns true when
  /// the query's watermark moved (Spark then runs a no-data batch to emit / evict).
  bool advance(PlanExecutor& exec);
  /// The same with each operator's max event time (micros; INT64_MIN: no rows) given by
  /// `maxEventMicros` (tests).
  bool advance(const std::function<int64_t(const PhysWatermark&)>& maxEventMicros);
  /// The newest event time seen in the last batch (ms), if any.
  std::optional<int64_t> lastMaxEventMs() const { return lastMaxEventMs_; }

 private:
  std::vector<const PhysWatermark*> operators_;
  WatermarkPolicy policy_;
  int64_t currentMs_;
  std::map<const PhysWatermark*, int64_t> perOperatorMs_;
  std::optional<int64_t> lastMaxEventMs_;
};

}  // namespace sluice
