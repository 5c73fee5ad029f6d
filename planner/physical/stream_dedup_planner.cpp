#include "planner/physical/stream_dedup_planner.h"

#include "planner/streaming/event_time.h"

namespace sluice {

PhysPtr planStreamDedup(const Distinct& d, PhysPtr child) {
  const auto cols = d.child()->output();
  std::vector<size_t> keys;
  for (size_t i = 0; i < cols.size(); ++i) {
    bool key = d.keys.empty();
    for (const auto& k : d.keys) key = key || k.id == cols[i].id;
    if (key) keys.push_back(i);
  }
  auto op = std::make_shared<PhysStreamDedup>(std::move(keys), std::move(child));
  const auto lineage = eventTimeColumns(*d.child());
  if (!d.keys.empty()) {
    // Deduplicate(keys): the key's state lives until the watermark passes its first row's time.
    for (size_t i = 0; i < cols.size() && d.eventTime; ++i) {
      auto it = lineage.find(cols[i].id);
      if (cols[i].id == d.eventTime->id && it != lineage.end() &&
          it->second == EventTimeKind::Timestamp)
        op->eventTimeColumn = i;
    }
    if (d.withinWatermarkMicros) op->stateDelayMicros = *d.withinWatermarkMicros;
    return op;
  }
  for (size_t i = 0; i < cols.size() && !op->eventTimeColumn; ++i) {
    auto it = lineage.find(cols[i].id);
    if (it != lineage.end() && it->second == EventTimeKind::Timestamp) op->eventTimeColumn = i;
  }
  return op;
}

}  // namespace sluice
