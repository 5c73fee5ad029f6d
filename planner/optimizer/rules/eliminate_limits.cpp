// Limit(a, Limit(b, x)) => Limit(min(a, b), x)
#include <algorithm>

#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

PlanPtr combine(const PlanPtr& p) {
  const auto* outer = as<Limit>(p);
  if (!outer) return p;
  const auto* inner = as<Limit>(outer->child());
  if (!inner) return p;
  if (inner->limit <= outer->limit) return outer->child();
  return std::make_shared<Limit>(std::min(outer->limit, inner->limit), inner->child());
}

PlanPtr eliminateLimits(const PlanPtr& plan) {
  return transformUp(plan, combine);
}

}  // namespace

RulePtr makeEliminateLimits() {
  return std::make_unique<FunctionRule>("EliminateLimits", &eliminateLimits);
}

}  // namespace sluice
