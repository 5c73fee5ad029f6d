#include "runtime/batch_executor.h"

#include <cstring>
#include <deque>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "planner/physical/operators.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/table.h"

namespace sluice {
Table runBatch(const PhysicalPlan& plan, const CompiledQuery& query) {
  const PhysSink* result = nullptr;
  for (const auto& p : plan.pipelines)
    if (auto* sink = dynamic_cast<const PhysSink*>(p.ops.back())) result = sink;
  if (!result) throw ExecutionError("internal: a plan without a sink");
  if (result->target != "result")
    throw ExecutionError("writing to table " + result->target +
                         " needs table writers, which the runtime does not have yet");
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  for (const auto& a : result->columns) {
    names.push_back(a.name);
    types.push_back(a.type);
  }
  TableBuilder table(names, types);
  PlanExecutor exec(plan, query);
  exec.run([](const PhysScan& scan) { return readBatchSource(scan); },
           [&](const PhysSink&) -> RowSink* { return &table; });
  return table.finish();
}

}  // namespace sluice
