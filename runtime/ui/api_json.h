#pragma once
// GET /api/queries: every streaming query of the engine as JSON, with Spark's
// StreamingQueryProgress objects of its recent batches under "recentProgress".
#include <string>

#include "runtime/progress/query_monitor.h"

namespace sluice {

/// The JSON array served at /api/queries (see README "Web UI and metrics" for the fields).
std::string queriesJson(const QueryRegistry& registry);

}  // namespace sluice
