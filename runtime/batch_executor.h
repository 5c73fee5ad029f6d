#pragma once
// Runs a compiled batch query whose sources are inline VALUES: evaluates the constant rows
// into kernel-ABI columns (abi.h), calls the pipeline kernels and collects the result rows
// into a Table. Kafka, file and memory sources, and plans with pipeline breakers, arrive
// with the streaming runtime; they are an ExecutionError that says so.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "codegen/query_compiler.h"
#include "planner/physical/physical_planner.h"
#include "runtime/column_batch.h"
#include "sluice/table.h"

namespace sluice {

/// Runs `query` (compiled from `plan`) once over its VALUES sources and returns the rows
/// of its `WriteTo result` sink. Throws ExecutionError for plans it cannot run yet.
Table runBatch(const PhysicalPlan& plan, const CompiledQuery& query);

}  // namespace sluice
