// Intersect(l, r, DISTINCT) => Distinct(Join(l, r, LeftSemi, l.c1 <=> r.c1 AND ...)) (Spark's
// ReplaceIntersectWithSemiJoin; the null-safe equalities are written as equi-join keys).
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/set_operation_util.h"

namespace sluice {
namespace {

PlanPtr replace(const PlanPtr& p) {
  const auto* i = as<Intersect>(p);
  if (!i || i->isAll) return p;
  auto join = std::make_shared<Join>(JoinKind::LeftSemi,
                                     nullSafeRowEquality(i->left()->output(), i->right()->output()),
                                     i->left(), i->right());
  join->span = p->span;
  return std::make_shared<Distinct>(join);
}

PlanPtr replaceIntersectWithSemiJoin(const PlanPtr& plan) {
  return transformUp(plan, replace);
}

}  // namespace

RulePtr makeReplaceIntersectWithSemiJoin() {
  return std::make_unique<FunctionRule>("ReplaceIntersectWithSemiJoin",
                                        &replaceIntersectWithSemiJoin);
}

}  // namespace sluice
