#pragma once
// An optimizer rule: a pure function from plan to plan with a stable name. Rules return the
// same pointer when they change nothing; the executor uses that to tell which rules fired.
#include <memory>
#include <string>

#include "planner/logical/logical_plan.h"

namespace sluice {

class Rule {
 public:
  virtual ~Rule() = default;
  /// Stable name (Spark's rule names where one exists), shown by EXPLAIN and used to disable
  /// a rule (`SET sluice.optimizer.excludedRules = A,B`).
  virtual const char* name() const = 0;
  /// Rewrites `plan`; returns `plan` itself when nothing changed.
  virtual PlanPtr apply(const PlanPtr& plan) const = 0;
};

using RulePtr = std::unique_ptr<Rule>;

}  // namespace sluice
