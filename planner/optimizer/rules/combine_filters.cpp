// Filter(a, Filter(b, x)) => Filter(b AND a, x)
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

PlanPtr combine(const PlanPtr& p) {
  const auto* outer = as<Filter>(p);
  if (!outer) return p;
  const auto* inner = as<Filter>(outer->child());
  // A non-deterministic predicate sees a different row set once merged, so keep them apart.
  if (!inner || !outer->condition->deterministic() || !inner->condition->deterministic()) return p;
  auto conjuncts = splitConjuncts(inner->condition);
  const size_t innerCount = conjuncts.size();
  for (const auto& c : splitConjuncts(outer->condition)) {
    bool dup = false;
    for (size_t i = 0; i < innerCount && !dup; ++i) dup = semanticEquals(conjuncts[i], c);
    if (!dup) conjuncts.push_back(c);
  }
  if (conjuncts.size() == innerCount) return outer->child();
  return std::make_shared<Filter>(joinConjuncts(conjuncts), inner->child());
}

PlanPtr combineFilters(const PlanPtr& plan) {
  return transformUp(plan, combine);
}

}  // namespace

RulePtr makeCombineFilters() {
  return std::make_unique<FunctionRule>("CombineFilters", &combineFilters);
}

}  // namespace sluice
