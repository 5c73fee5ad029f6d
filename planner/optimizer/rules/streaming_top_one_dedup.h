#pragma once
// The ROW_NUMBER top-1 pattern on a stream (Flink's / RisingWave's deduplication):
//   Filter(rn = 1 | rn <= 1 | rn < 2, [Project...], Window(row_number() OVER (PARTITION BY k
//   ORDER BY ts) AS rn, stream))
// Shared by the rule (streaming_top_one_dedup.cpp) and the streaming checks, which refuse every
// other window function on a stream.
#include <string>
#include <unordered_map>

#include "planner/logical/all.h"

namespace sluice {

/// Streaming Window nodes of `plan` that a top-1 filter above selects, with "" when the
/// pattern can run as a deduplication or the reason it cannot (e.g. ORDER BY ... DESC).
std::unordered_map<const LogicalPlan*, std::string> streamingTopOneWindows(const PlanPtr& plan);

}  // namespace sluice
