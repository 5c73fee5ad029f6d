#pragma once
// Spark's unsupported-operation rules for joins of two streams (UnsupportedOperationChecker):
// only append output mode; inner joins always (their state grows without a watermark and a
// range condition); left / right / full outer and left semi joins only when the watermark
// bounds the state of the side(s) whose rows wait for a match (a watermark on the other side
// and a time-range condition, or equal event times in the keys); left anti never.
#include "frontend/error.h"
#include "planner/analysis/streaming_checks.h"
#include "planner/logical/join.h"

namespace sluice {

/// Whether `plan` joins two streams anywhere.
bool hasStreamStreamJoin(const PlanPtr& plan);

/// Checks one join of two streams for `mode`; AnalysisError at the join's span (or `span`)
/// saying what would work.
void checkStreamStreamJoin(const PlanPtr& join, OutputMode mode, const SourceFilePtr& file,
                           SourceSpan span);

}  // namespace sluice
