#pragma once
// Runs named batches of rules (Catalyst's RuleExecutor). A batch runs Once or to a fixed
// point (at most N iterations); the executor records which rules changed the plan and, when
// built with SLUICE_PLAN_CHECKS, verifies plan integrity after each effective rule.
#include <set>
#include <string>
#include <vector>

#include "planner/optimizer/rule.h"

namespace sluice {

struct RuleBatch {
  std::string name;
  int maxIterations = 1;  ///< 1 = Once, N > 1 = FixedPoint(N)
  std::vector<RulePtr> rules;
};

/// One effective rule application.
struct RuleFiring {
  std::string batch;
  std::string rule;
};

struct OptimizeResult {
  PlanPtr plan;
  std::vector<RuleFiring> fired;  ///< in order of application
  /// Names of the rules that changed the plan, each once, in first-firing order.
  std::vector<std::string> firedRuleNames() const;
};

class RuleExecutor {
 public:
  void addBatch(std::string name, int maxIterations, std::vector<RulePtr> rules);
  /// Runs all batches. Rules named in `excluded` are skipped.
  OptimizeResult execute(const PlanPtr& plan, const std::set<std::string>& excluded = {}) const;
  /// All rule names, batch by batch.
  std::vector<std::string> ruleNames() const;

 private:
  std::vector<RuleBatch> batches_;
};

/// Checks that every node references only columns its children produce and that the root's
/// output columns are unchanged; throws PlanError naming the rule otherwise.
void checkPlanIntegrity(const PlanPtr& before, const PlanPtr& after, const std::string& rule);

}  // namespace sluice
