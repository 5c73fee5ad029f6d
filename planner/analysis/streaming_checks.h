#pragma once
// Spark's UnsupportedOperationChecker: which plans may run as streaming queries and in which
// output mode. Violations are AnalysisErrors that say what would work instead.
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

enum class OutputMode { Append, Update, Complete };

const char* outputModeName(OutputMode m);
/// Parses Spark's names (case-insensitive); throws AnalysisError at `span` otherwise.
OutputMode parseOutputMode(const std::string& s, const SourceFilePtr& file, SourceSpan span);

/// The output modes a streaming plan (below its sink) supports, per Spark's matrix.
std::vector<OutputMode> allowedOutputModes(const PlanPtr& plan);

/// Checks a streaming query plan (a Sink over a streaming input) for `mode`.
void checkStreamingPlan(const PlanPtr& plan, OutputMode mode, const SourceFilePtr& file,
                        SourceSpan span);

/// Checks a batch statement: it must not read streams.
void checkBatchPlan(const PlanPtr& plan, const SourceFilePtr& file, SourceSpan span);

}  // namespace sluice
