#pragma once
// Checks a (re)started streaming query's state operators against the schemas its checkpoint
// recorded (planner/streaming/state_schema.h), before any batch runs, and records the schemas
// of operators that have none yet (a first start, or a checkpoint written before schemas were
// recorded) in state/<operatorId>/_metadata/schema.
#include <filesystem>
#include <string>

#include "planner/streaming/streaming_plan.h"
#include "runtime/checkpoint/checkpoint_log.h"

namespace sluice {

/// Throws ExecutionError naming the query, the operator, the change and the schema file when
/// the query cannot use the checkpoint's state: an operator's key or value types changed, an
/// operator is new on a checkpoint that already committed batches, or the checkpoint holds
/// state of an operator the query no longer has.
void checkStateSchemas(const StreamingPlan& plan, const std::filesystem::path& stateRoot,
                       const RestartPlan& restart);

/// The file holding the recorded schema of operator `operatorId`.
std::filesystem::path stateSchemaFile(const std::filesystem::path& stateRoot, int64_t operatorId);

}  // namespace sluice
