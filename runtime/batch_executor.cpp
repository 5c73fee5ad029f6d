#include "runtime/batch_executor.h"

#include <cstring>
#include <deque>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "planner/physical/operators.h"
#include "runtime/table.h"

namespace sluice {
Table runBatch(const PhysicalPlan& plan, const CompiledQuery& query) {
  if (query.pipelines().size() != 1)
    throw ExecutionError(
        "queries with more than one pipeline need the streaming runtime, "
        "which is not built yet");
  const CompiledPipeline& p = query.pipelines().front();
  const auto* scan = dynamic_cast<const PhysScan*>(p.pipeline->ops.front());
  const auto* sink = dynamic_cast<const PhysSink*>(p.pipeline->ops.back());
  if (!scan || !sink) throw ExecutionError("internal: a pipeline without a scan or a sink");
  if (scan->scan.source != SourceKind::Values)
    throw ExecutionError("reading " + scan->nodeName() + " (" + scan->scan.format +
                         ") sources needs the streaming runtime, which is not built yet");
  if (sink->target != "result")
    throw ExecutionError("writing to table " + sink->target +
                         " needs table writers, which the runtime does not have yet");

  const ColumnBatch batch = ColumnBatch::fromValues(scan->scan);
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  for (const auto& a : sink->columns) {
    names.push_back(a.name);
    types.push_back(a.type);
  }
  TableBuilder result(names, types);
  std::vector<int64_t> state(static_cast<size_t>(p.stateSlots) + 1, 0);
  // TableBuilder copies strings in emitRow, so the arena may be reset after each batch.
  StringArena arena;
  KernelArgs args{batch.columns().data(), batch.rows(), &result, state.data(), &arena};
  p.entry(&args);
  arena.reset();
  return result.finish();
}

}  // namespace sluice
