#pragma once
// Spark 3.4+'s rules for chained stateful operators (UnsupportedOperationChecker with
// spark.sql.streaming.statefulOperator.allowMultiple): in 'append' output mode a streaming
// aggregation may feed another one, and a stream-stream join may feed an aggregation, because
// each operator emits a row only once the watermark guarantees it is final, and the operator
// after it gets a watermark for its input that is old enough not to call those rows late
// (planner/streaming/streaming_plan.h, StatefulOperator::inputWatermark). In 'update' and
// 'complete' mode an aggregation's rows change after they are emitted, so nothing stateful may
// follow it. What sluice does not run yet (a join or a deduplication after an aggregation) is
// refused with what would work.
#include <vector>

#include "frontend/error.h"
#include "planner/analysis/streaming_checks.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

/// Checks the stateful operators of a streaming plan that follow one another. `aggs` are its
/// streaming aggregations; `onWatermark(agg)` says whether one groups by a watermarked event
/// time (the column, window() over it, window_time() of an upstream window). Throws
/// AnalysisError at the offending operator's span (or `span`).
void checkChainedStatefulOperators(const PlanPtr& plan, const std::vector<PlanPtr>& aggs,
                                   OutputMode mode, const SourceFilePtr& file, SourceSpan span,
                                   bool (*onWatermark)(const PlanPtr&));

}  // namespace sluice
