#pragma once
// Which static pipelines of a streaming query run again during a run, and when. Static
// inputs (files, VALUES) are read once per start; a jdbc table is re-read as its
// refreshInterval option says: every micro-batch (0, the default: Spark re-runs a JDBC
// relation in every batch) or, cached, by the first batch that starts at least the interval
// after its last read. A static pipeline fed by one that ran again (a join build over an
// aggregate of the table) runs again in the same batch.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "planner/physical/physical_planner.h"

namespace sluice {

class StaticRefreshPlan {
 public:
  /// The refresh rules of `statics` (static pipeline ids) of `plan`.
  static StaticRefreshPlan of(const PhysicalPlan& plan, const std::set<int>& statics);

  /// True when no static pipeline ever runs again.
  bool empty() const { return intervalMs_.empty() && inputs_.empty(); }
  /// Whether static pipeline `id` runs in the batch starting at `nowMs`, after the first
  /// batch: `lastRunMs` holds when each static pipeline ran last, `ranThisBatch` the ones
  /// that already ran in this batch (pipelines run inputs first).
  bool due(int id, int64_t nowMs, const std::map<int, int64_t>& lastRunMs,
           const std::set<int>& ranThisBatch) const;
  /// `pipeline_2 every batch, pipeline_3 every 60000 ms` (EXPLAIN-style, for tests).
  std::string toString() const;

 private:
  std::map<int, int64_t> intervalMs_;       // pipelines reading a refreshed table: interval
  std::map<int, std::vector<int>> inputs_;  // static pipelines feeding each static pipeline
};

}  // namespace sluice
