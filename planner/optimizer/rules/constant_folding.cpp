// f(literal, ...) with a deterministic scalar f => literal (Spark's ConstantFolding)
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// Arguments evaluated only on some rows: a constant there that cannot be evaluated (an
// invalid regex, say) may never run, so it must not fail the query at compile time.
bool isConditionalBranch(const Expr& parent, size_t i) {
  if (parent.kind != ExprKind::Call) return false;
  const std::string& n = parent.fn->name;
  return (n == "if" || n == "casewhen" || n == "coalesce" || n == "nvl2") && i > 0;
}

ExprPtr fold(const ExprPtr& e, bool inBranch) {
  std::vector<ExprPtr> args;
  bool changed = false;
  for (size_t i = 0; i < e->args.size(); ++i) {
    args.push_back(fold(e->args[i], inBranch || isConditionalBranch(*e, i)));
    changed |= args.back() != e->args[i];
  }
  ExprPtr n = changed ? e->withArgs(std::move(args)) : e;
  // Aliases keep their name: folding happens below them. foldable() already excludes
  // aggregates, generators and non-deterministic calls.
  // A lambda function is not a value: the higher-order function around it folds.
  if (n->kind == ExprKind::Literal || n->kind == ExprKind::Alias || n->kind == ExprKind::Lambda ||
      !n->foldable())
    return n;
  try {
    return makeLiteral(evaluateConstant(n), n->type, n->span);
  } catch (const Error&) {
    if (inBranch) return n;
    throw;
  }
}

PlanPtr constantFolding(const PlanPtr& plan) {
  return transformUp(plan, [](const PlanPtr& p) {
    return mapExpressions(p, [](const ExprPtr& e) { return fold(e, false); });
  });
}

}  // namespace

RulePtr makeConstantFolding() {
  return std::make_unique<FunctionRule>("ConstantFolding", &constantFolding);
}

}  // namespace sluice
