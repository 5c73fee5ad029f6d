// Project(f((SELECT c FROM s)), x) => Project(f(scalar_subquery_result(n, v)),
//   Join(Inner, x, Aggregate([], [count(1) AS n, first(c) AS v], s)))
// The subquery is aggregated into exactly one row (evaluated once, as the build side of a
// join every row of x matches): v is its value (NULL without rows) and n its row count, which
// scalar_subquery_result turns into SCALAR_SUBQUERY_TOO_MANY_ROWS when it exceeds one.
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/scalar_subquery_util.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

std::pair<PlanPtr, ExprPtr> joinOneRow(const PlanPtr& child, const ExprPtr& sq) {
  const Attribute c = subqueryPlan(*sq)->output().at(0);
  auto n =
      makeAlias(typedCall("count", {makeLiteral(Value::integer(1), DataType::integer())}), "n");
  auto v = makeAlias(typedCall("first", {makeColumnRef(c)}), c.name);
  auto one = std::make_shared<Aggregate>(std::vector<ExprPtr>{}, std::vector<ExprPtr>{n, v},
                                         subqueryPlan(*sq));
  auto joined = std::make_shared<Join>(JoinKind::Inner, nullptr, child, one);
  auto value = makeCall(&scalarSubqueryResultFn(),
                        {makeColumnRef(n->outputAttr()), makeColumnRef(v->outputAttr())}, sq->type,
                        true, sq->span);
  return {joined, value};
}

PlanPtr rewrite(const PlanPtr& plan) {
  return rewriteScalarSubqueries(
      plan,
      [](const Expr& e) {
        return subqueryKind(e) == SubqueryKind::Scalar && subqueryOuterRefs(e).empty();
      },
      joinOneRow);
}

}  // namespace

RulePtr makeRewriteUncorrelatedScalarSubquery() {
  return std::make_unique<FunctionRule>("RewriteUncorrelatedScalarSubquery", &rewrite);
}

}  // namespace sluice
