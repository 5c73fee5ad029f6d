// Project(f((SELECT agg(y) FROM s WHERE s.k = x.k)), x) => Project(f(c),
//   Join(LeftOuter, x.k = s.k, x, Aggregate([s.k], [agg(y) AS c, s.k], s)))
// Spark's RewriteCorrelatedScalarSubquery: the correlated conjuncts leave the subquery
// (PullupCorrelatedPredicates), its aggregate groups by the inner columns they compare, and a
// left outer join attaches each row's group. The count bug: a row without a group gets what
// the aggregate gives over no rows (count(*) is 0, not NULL), through a `true AS matched`
// column of the aggregate: CASE WHEN isnull(matched) THEN <value over no rows> ELSE c END.
#include "planner/functions/evaluate.h"
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/scalar_subquery_util.h"
#include "planner/optimizer/subquery_decorrelation.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

// What an aggregate function gives over no rows.
ExprPtr emptyAggregate(const Expr& call) {
  static const char* const kZero[] = {"count", "count_if", "approx_count_distinct"};
  for (const char* z : kZero)
    if (call.fn->name == z) return makeLiteral(Value::integer(0), call.type);
  return makeNull(call.type);
}

// The value `top`'s first column has when the aggregate under it sees no rows: a literal,
// NULL when a HAVING above the aggregate drops the empty group.
ExprPtr valueOverNoRows(const PlanPtr& top) {
  std::vector<const LogicalPlan*> chain;
  PlanPtr p = top;
  while (as<Project>(p) || as<Filter>(p)) {
    chain.push_back(p.get());
    p = p->child();
  }
  const auto* agg = as<Aggregate>(p);
  const TypePtr type = top->output()[0].type;
  if (!agg) return makeNull(type);
  AliasMap values;
  for (const auto& e : agg->aggregates)
    values[e->outputAttr().id] =
        e->kind == ExprKind::Alias
            ? transformUp(e->args[0],
                          [](const ExprPtr& n) -> ExprPtr {
                            if (n->kind == ExprKind::Call && n->fn->kind == FunctionKind::Aggregate)
                              return emptyAggregate(*n);
                            return n;
                          })
            : makeNull(e->type);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (const auto* f = dynamic_cast<const Filter*>(*it)) {
      ExprPtr cond = replaceAliases(f->condition, values);
      if (!cond->foldable()) return makeNull(type);
      const Value v = evaluateConstant(cond);
      if (v.isNull() || !v.asBool()) return makeNull(type);
    } else if (const auto* pr = dynamic_cast<const Project*>(*it)) {
      AliasMap next;
      for (const auto& e : pr->list)
        next[e->outputAttr().id] = replaceAliases(stripAlias(e), values);
      values = std::move(next);
    }
  }
  auto it = values.find(top->output()[0].id);
  if (it == values.end() || !it->second->foldable()) return makeNull(type);
  return makeLiteral(evaluateConstant(it->second), type);
}

// `plan` with a `true AS matched` column added to its aggregate and carried up to the top.
PlanPtr addMatched(const PlanPtr& plan, Attribute& matched) {
  if (const auto* a = as<Aggregate>(plan)) {
    auto flag = makeAlias(makeBool(true), "matched");
    matched = flag->outputAttr();
    auto aggs = a->aggregates;
    aggs.push_back(flag);
    auto out = std::make_shared<Aggregate>(a->groupings, std::move(aggs), a->child());
    out->span = a->span;
    return out;
  }
  PlanPtr child = addMatched(plan->child(), matched);
  if (const auto* pr = as<Project>(plan)) {
    auto list = pr->list;
    list.push_back(makeColumnRef(matched));
    return std::make_shared<Project>(std::move(list), child);
  }
  return plan->withNewChildren({child});
}

std::pair<PlanPtr, ExprPtr> joinGroups(const PlanPtr& child, const ExprPtr& sq) {
  Decorrelated d = pullUpCorrelatedPredicates(subqueryPlan(*sq), outerReferenceIds(*sq), true);
  // Above the left outer join the subquery's columns are NULL for rows without a group.
  Attribute c = d.plan->output().at(0);
  c.nullable = true;
  const ExprPtr empty = valueOverNoRows(d.plan);
  ExprPtr value = makeColumnRef(c, sq->span);
  PlanPtr right = d.plan;
  if (!isNullLiteral(empty)) {
    Attribute matched;
    right = addMatched(d.plan, matched);
    matched.nullable = true;
    value = typedCall("casewhen",
                      {makeBoolCall("isnull", {makeColumnRef(matched)}, false), empty, value});
  }
  auto joined =
      std::make_shared<Join>(JoinKind::LeftOuter, joinConjuncts(d.predicates), child, right);
  return {joined, value};
}

PlanPtr rewrite(const PlanPtr& plan) {
  return rewriteScalarSubqueries(
      plan,
      [](const Expr& e) {
        return subqueryKind(e) == SubqueryKind::Scalar && !subqueryOuterRefs(e).empty();
      },
      joinGroups);
}

}  // namespace

RulePtr makeRewriteCorrelatedScalarSubquery() {
  return std::make_unique<FunctionRule>("RewriteCorrelatedScalarSubquery", &rewrite);
}

}  // namespace sluice
