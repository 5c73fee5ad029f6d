// Filter(p AND EXISTS(s WHERE s.k = x.k) AND NOT y IN (SELECT c FROM t), x) =>
//   Join(LeftAnti, (y = c) OR isnull(y = c), Join(LeftSemi, s.k = x.k, Filter(p, x), s), t)
// Spark's RewritePredicateSubquery: [NOT] EXISTS and [NOT] IN conjuncts become left semi /
// left anti joins on the correlated conjuncts (PullupCorrelatedPredicates). NOT IN is
// null-aware: a row is dropped when some subquery row equals it or the comparison is NULL
// (a NULL on either side), so a NULL in the subquery drops every row, and an empty subquery
// keeps them all.
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/subquery_decorrelation.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

PlanPtr joinSubquery(const PlanPtr& child, const ExprPtr& sq, bool negated) {
  Decorrelated d = pullUpCorrelatedPredicates(subqueryPlan(*sq), outerReferenceIds(*sq), false);
  std::vector<ExprPtr> conds;
  if (subqueryKind(*sq) == SubqueryKind::In) {
    const auto out = d.plan->output();
    const auto values = subqueryValues(*sq);
    for (size_t i = 0; i < values.size(); ++i) {
      const ExprPtr& v = values[i];
      ExprPtr col = makeColumnRef(out[i]);
      ExprPtr eq = makeBoolCall("=", {v, col}, v->nullable || col->nullable);
      conds.push_back(negated ? makeOr(eq, makeBoolCall("isnull", {eq}, false)) : eq);
    }
  }
  conds.insert(conds.end(), d.predicates.begin(), d.predicates.end());
  return std::make_shared<Join>(negated ? JoinKind::LeftAnti : JoinKind::LeftSemi,
                                joinConjuncts(conds), child, d.plan);
}

PlanPtr rewriteFilter(const PlanPtr& p) {
  const auto* f = as<Filter>(p);
  if (!f) return p;
  std::vector<ExprPtr> rest;
  std::vector<std::pair<ExprPtr, bool>> subqueries;
  for (const auto& c : splitConjuncts(f->condition)) {
    const bool negated = isCall(c, "not");
    const ExprPtr& x = negated ? c->args[0] : c;
    if (isSubquery(*x) && subqueryKind(*x) != SubqueryKind::Scalar)
      subqueries.emplace_back(x, negated);
    else
      rest.push_back(c);
  }
  if (subqueries.empty()) return p;
  PlanPtr out =
      rest.empty() ? f->child() : std::make_shared<Filter>(joinConjuncts(rest), f->child());
  for (const auto& [sq, negated] : subqueries) out = joinSubquery(out, sq, negated);
  return out;
}

PlanPtr rewrite(const PlanPtr& plan) {
  return transformUp(plan, rewriteFilter);
}

}  // namespace

RulePtr makeRewritePredicateSubquery() {
  return std::make_unique<FunctionRule>("RewritePredicateSubquery", &rewrite);
}

}  // namespace sluice
