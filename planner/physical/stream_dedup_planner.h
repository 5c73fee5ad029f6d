#pragma once
// Physical planning of a streaming SELECT DISTINCT: a PhysStreamDedup keyed by every column,
// with the watermarked event-time column among them (if any) bounding its state.
#include "planner/logical/distinct.h"
#include "planner/physical/phys_stream_dedup.h"

namespace sluice {

/// `child` is the planned input of `d` (a stream).
PhysPtr planStreamDedup(const Distinct& d, PhysPtr child);

}  // namespace sluice
