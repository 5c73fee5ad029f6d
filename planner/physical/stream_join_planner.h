#pragma once
// Physical planning of a join whose both inputs are streams: a PhysStreamJoin with the
// equi-join keys split from the other conjuncts, the state bounds the condition and the
// watermarks allow (planner/streaming/stream_join_bounds.h), and each side's late-row column.
#include "planner/logical/join.h"
#include "planner/physical/phys_stream_join.h"

namespace sluice {

/// `left` / `right` are the planned inputs of `j` (both streams).
PhysPtr planStreamJoin(const Join& j, PhysPtr left, PhysPtr right);

}  // namespace sluice
