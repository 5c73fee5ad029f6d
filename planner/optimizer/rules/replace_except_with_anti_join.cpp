// Except(l, r, DISTINCT) => Distinct(Join(l, r, LeftAnti, l.c1 <=> r.c1 AND ...)) (Spark's
// ReplaceExceptWithAntiJoin; the null-safe equalities are written as equi-join keys).
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/set_operation_util.h"

namespace sluice {
namespace {

PlanPtr replace(const PlanPtr& p) {
  const auto* e = as<Except>(p);
  if (!e || e->isAll) return p;
  auto join = std::make_shared<Join>(JoinKind::LeftAnti,
                                     nullSafeRowEquality(e->left()->output(), e->right()->output()),
                                     e->left(), e->right());
  join->span = p->span;
  return std::make_shared<Distinct>(join);
}

PlanPtr replaceExceptWithAntiJoin(const PlanPtr& plan) {
  return transformUp(plan, replace);
}

}  // namespace

RulePtr makeReplaceExceptWithAntiJoin() {
  return std::make_unique<FunctionRule>("ReplaceExceptWithAntiJoin", &replaceExceptWithAntiJoin);
}

}  // namespace sluice
