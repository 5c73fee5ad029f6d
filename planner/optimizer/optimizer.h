#pragma once
// The standard optimizer: the rule batches sluice runs on every analyzed plan.
#include <set>
#include <string>

#include "planner/optimizer/rule_executor.h"

namespace sluice {

/// The standard batches (built once). Rule names are stable; see each rule's file.
const RuleExecutor& standardOptimizer();

/// Optimizes `plan` with the standard batches, skipping `excluded` rule names.
OptimizeResult optimize(const PlanPtr& plan, const std::set<std::string>& excluded = {});

}  // namespace sluice
