#pragma once
// Event-time lineage: which columns of a plan carry a watermarked event time, as Spark tracks
// them with the watermark metadata of an attribute. The event-time column itself, a column
// that only renames it, the window() struct computed from it, and window_time() of such a
// window (the event time of an aggregated window's row, Spark 3.4+) qualify; any other function
// of the time (date_trunc(ts), CAST(ts AS DATE), ...) does not, because a group keyed by it
// cannot be proven final by the watermark (rows with a later time may still map to it).
#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

#include "planner/logical/logical_plan.h"

namespace sluice {

/// How a grouping key bounds the event time of its rows.
enum class EventTimeKind {
  Timestamp,  ///< the key is the event time: final once key <= watermark
  Window,     ///< the key is window(ts): final once key.end <= watermark
};

/// Columns of `plan` (and of everything below it) that carry a watermarked event time.
std::unordered_map<ExprId, EventTimeKind> eventTimeColumns(const LogicalPlan& plan);

/// The grouping key of an aggregate that carries event time.
struct EventTimeKey {
  size_t index = 0;  ///< position among the grouping keys
  EventTimeKind kind = EventTimeKind::Timestamp;
};

/// The first of `keys` that is an event-time column of `lineage` or a window() over one.
std::optional<EventTimeKey> findEventTimeKey(
    const std::vector<ExprPtr>& keys, const std::unordered_map<ExprId, EventTimeKind>& lineage);

}  // namespace sluice
