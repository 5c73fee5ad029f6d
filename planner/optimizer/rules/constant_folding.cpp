// f(literal, ...) with a deterministic scalar f => literal (Spark's ConstantFolding)
#include "planner/functions/evaluate.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

PlanPtr constantFolding(const PlanPtr& plan) {
  return transformAllExpressions(plan, [](const ExprPtr& e) -> ExprPtr {
    // Aliases keep their name: folding happens below them. foldable() already excludes
    // aggregates, generators and non-deterministic calls.
    if (e->kind == ExprKind::Literal || e->kind == ExprKind::Alias || !e->foldable()) return e;
    return makeLiteral(evaluateConstant(e), e->type, e->span);
  });
}

}  // namespace

RulePtr makeConstantFolding() {
  return std::make_unique<FunctionRule>("ConstantFolding", &constantFolding);
}

}  // namespace sluice
