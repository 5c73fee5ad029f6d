// Except(l, r, ALL) =>
//   replicate_rows(sum, l.*) over Filter(sum > 0) over
//   Aggregate [l.*], [l.*, sum(vcol) AS sum] over
//   Union(Project [l.*, 1 AS vcol] l, Project [r.*, -1 AS vcol] r)
// (Spark's RewriteExceptAll; replicate_rows is Generate(explode(sequence(1, sum))), see
// set_operation_util.h). Grouping treats NULLs as equal, as EXCEPT ALL compares rows.
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/set_operation_util.h"

namespace sluice {
namespace {

PlanPtr tagged(const PlanPtr& input, int64_t tag, const std::string& name) {
  std::vector<ExprPtr> list;
  for (const auto& a : input->output()) list.push_back(makeColumnRef(a));
  list.push_back(makeAlias(makeLiteral(Value::integer(tag), DataType::bigint()), name));
  return std::make_shared<Project>(std::move(list), input);
}

PlanPtr rewrite(const PlanPtr& p) {
  const auto* e = as<Except>(p);
  if (!e || !e->isAll) return p;
  const auto cols = e->left()->output();
  auto u = std::make_shared<Union>(
      std::vector<PlanPtr>{tagged(e->left(), 1, "vcol"), tagged(e->right(), -1, "vcol")});
  const Attribute vcol = u->output().back();
  std::vector<ExprPtr> keys, aggs;
  for (const auto& c : cols) keys.push_back(makeColumnRef(c));
  aggs = keys;
  aggs.push_back(makeAlias(typedCall("sum", {makeColumnRef(vcol)}), "sum"));
  auto agg = std::make_shared<Aggregate>(keys, aggs, u);
  const Attribute sum = aggs.back()->outputAttr();
  auto positive = std::make_shared<Filter>(
      makeBoolCall(">", {makeColumnRef(sum), makeLiteral(Value::integer(0), DataType::bigint())},
                   true),
      agg);
  return replicateRows(sum, cols, positive);
}

PlanPtr rewriteExceptAll(const PlanPtr& plan) {
  return transformUp(plan, rewrite);
}

}  // namespace

RulePtr makeRewriteExceptAll() {
  return std::make_unique<FunctionRule>("RewriteExceptAll", &rewriteExceptAll);
}

}  // namespace sluice
