// Filter(x AND NULL) => Filter(x AND false): where NULL and false both drop the row, say false
#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// Rewrites NULL to false only in positions whose value is itself the predicate's outcome
// (AND/OR operands, IF/CASE results), never under NOT or a comparison, where NULL and false
// differ. Later rules then fold `x AND false` and prune the filter.
ExprPtr replace(const ExprPtr& e) {
  if (e->type->id() != TypeId::Boolean && e->type->id() != TypeId::Null) return e;
  if (isNullLiteral(e)) return makeLiteral(Value::boolean(false), DataType::boolean(), e->span);
  if (e->kind != ExprKind::Call) return e;
  const std::string& n = e->fn->name;
  std::vector<size_t> positions;
  if (n == "and" || n == "or") {
    positions = {0, 1};
  } else if (n == "if" && e->args.size() == 3) {
    positions = {1, 2};
  } else if (n == "casewhen") {
    for (size_t i = 1; i < e->args.size(); i += 2) positions.push_back(i);
    if (e->args.size() % 2 == 1) positions.push_back(e->args.size() - 1);
  } else {
    return e;
  }
  auto args = e->args;
  bool changed = false;
  for (size_t i : positions) {
    auto r = replace(args[i]);
    changed |= r != args[i];
    args[i] = std::move(r);
  }
  return changed ? e->withArgs(std::move(args)) : e;
}

PlanPtr rewrite(const PlanPtr& p) {
  if (const auto* f = as<Filter>(p)) {
    auto c = replace(f->condition);
    return c == f->condition ? p : p->withNewExpressions({c});
  }
  if (const auto* j = as<Join>(p); j && j->condition) {
    auto c = replace(j->condition);
    return c == j->condition ? p : p->withNewExpressions({c});
  }
  return p;
}

PlanPtr replaceNullWithFalseInPredicate(const PlanPtr& plan) {
  return transformUp(plan, rewrite);
}

}  // namespace

RulePtr makeReplaceNullWithFalseInPredicate() {
  return std::make_unique<FunctionRule>("ReplaceNullWithFalseInPredicate",
                                        &replaceNullWithFalseInPredicate);
}

}  // namespace sluice
