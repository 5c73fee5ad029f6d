#include "planner/streaming/static_refresh.h"

#include "planner/physical/operators.h"
#include "planner/sources/jdbc/jdbc_options.h"

namespace sluice {

StaticRefreshPlan StaticRefreshPlan::of(const PhysicalPlan& plan, const std::set<int>& statics) {
  StaticRefreshPlan out;
  for (const auto& p : plan.pipelines) {
    if (!statics.count(p.id)) continue;
    if (auto* scan = dynamic_cast<const PhysScan*>(p.ops.front());
        scan && scan->scan.format == "jdbc")
      out.intervalMs_[p.id] = parseJdbcOptions(scan->scan.options).refreshIntervalMs;
    // The static pipelines whose breaker this one starts from or probes.
    for (const PhysicalOp* op : p.ops)
      for (const auto& q : plan.pipelines)
        if (q.id != p.id && q.ops.back() == op && statics.count(q.id))
          out.inputs_[p.id].push_back(q.id);
  }
  return out;
}

bool StaticRefreshPlan::due(int id, int64_t nowMs, const std::map<int, int64_t>& lastRunMs,
                            const std::set<int>& ranThisBatch) const {
  if (auto in = inputs_.find(id); in != inputs_.end())
    for (int q : in->second)
      if (ranThisBatch.count(q)) return true;
  auto it = intervalMs_.find(id);
  if (it == intervalMs_.end()) return false;
  if (it->second <= 0) return true;
  auto last = lastRunMs.find(id);
  return last == lastRunMs.end() || nowMs - last->second >= it->second;
}

std::string StaticRefreshPlan::toString() const {
  std::string out;
  for (const auto& [id, ms] : intervalMs_)
    out += (out.empty() ? "" : ", ") + std::string("pipeline_") + std::to_string(id) +
           (ms <= 0 ? " every batch" : " every " + std::to_string(ms) + " ms");
  return out;
}

}  // namespace sluice
