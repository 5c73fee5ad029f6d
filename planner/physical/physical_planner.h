#pragma once
// Physical planning: chooses physical operators for an optimized logical plan and splits it
// into pipelines at breakers (hash-join build, aggregation, sort, union, sink). Each pipeline
// becomes one generated function `pipeline_<id>` that processes a whole batch in one pass.
#include <string>
#include <vector>

#include "planner/physical/physical_plan.h"

namespace sluice {

/// One fused kernel: a source operator, the operators fused after it, and the breaker or
/// sink it ends in. Pipelines are numbered in dependency order (inputs first).
struct Pipeline {
  int id = 0;
  std::vector<PhysicalOp*> ops;  ///< source first, terminal breaker/sink last

  /// `pipeline_2: Scan -> Filter -> BroadcastHashJoin(probe) -> HashAggregate(update)`
  std::string describe() const;
};

struct PhysicalPlan {
  PlanPtr logical;  ///< keeps the logical nodes the physical ones refer to alive
  PhysPtr root;
  std::vector<Pipeline> pipelines;

  /// The tree with `*(id)` marks, then one line per pipeline.
  std::string toString() const;
  /// The operator the plan writes into (a table, or a SELECT's result); nullptr if none.
  const class PhysSink* sink() const;
};

/// Plans `optimized`. A plan not ending in a Sink gets a `WriteTo result` sink (a SELECT's
/// result table). Throws PlanError for operators the code generator cannot run.
PhysicalPlan planPhysical(const PlanPtr& optimized);

}  // namespace sluice
