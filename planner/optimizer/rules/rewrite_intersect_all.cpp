// Intersect(l, r, ALL) =>
//   replicate_rows(min_count, l.*) over
//   Project [if(c1 > c2, c2, c1) AS min_count, l.*] over Filter(c1 >= 1 AND c2 >= 1) over
//   Aggregate [l.*], [l.*, count(vcol1) AS c1, count(vcol2) AS c2] over
//   Union(Project [l.*, true AS vcol1, NULL AS vcol2] l, Project [r.*, NULL, true] r)
// (Spark's RewriteIntersectAll; replicate_rows as in set_operation_util.h).
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/set_operation_util.h"

namespace sluice {
namespace {

PlanPtr tagged(const PlanPtr& input, bool left) {
  std::vector<ExprPtr> list;
  for (const auto& a : input->output()) list.push_back(makeColumnRef(a));
  ExprPtr yes = makeBool(true), no = makeLiteral(Value(), DataType::boolean());
  list.push_back(makeAlias(left ? yes : no, "vcol1"));
  list.push_back(makeAlias(left ? no : yes, "vcol2"));
  return std::make_shared<Project>(std::move(list), input);
}

PlanPtr rewrite(const PlanPtr& p) {
  const auto* i = as<Intersect>(p);
  if (!i || !i->isAll) return p;
  const auto cols = i->left()->output();
  auto u = std::make_shared<Union>(
      std::vector<PlanPtr>{tagged(i->left(), true), tagged(i->right(), false)});
  const auto uo = u->output();
  const Attribute v1 = uo[uo.size() - 2], v2 = uo.back();
  std::vector<ExprPtr> keys, aggs;
  for (const auto& c : cols) keys.push_back(makeColumnRef(c));
  aggs = keys;
  aggs.push_back(makeAlias(typedCall("count", {makeColumnRef(v1)}), "vcol1_count"));
  aggs.push_back(makeAlias(typedCall("count", {makeColumnRef(v2)}), "vcol2_count"));
  auto agg = std::make_shared<Aggregate>(keys, aggs, u);
  const ExprPtr c1 = makeColumnRef(aggs[aggs.size() - 2]->outputAttr());
  const ExprPtr c2 = makeColumnRef(aggs.back()->outputAttr());
  const ExprPtr one = makeLiteral(Value::integer(1), DataType::bigint());
  auto both = std::make_shared<Filter>(
      makeAnd(makeBoolCall(">=", {c1, one}, false), makeBoolCall(">=", {c2, one}, false)), agg);
  std::vector<ExprPtr> list = {
      makeAlias(typedCall("if", {makeBoolCall(">", {c1, c2}, false), c2, c1}), "min_count")};
  for (const auto& c : cols) list.push_back(makeColumnRef(c));
  const Attribute minCount = list.front()->outputAttr();
  auto counted = std::make_shared<Project>(std::move(list), both);
  return replicateRows(minCount, cols, counted);
}

PlanPtr rewriteIntersectAll(const PlanPtr& plan) {
  return transformUp(plan, rewrite);
}

}  // namespace

RulePtr makeRewriteIntersectAll() {
  return std::make_unique<FunctionRule>("RewriteIntersectAll", &rewriteIntersectAll);
}

}  // namespace sluice
