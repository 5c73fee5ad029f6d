// if(true, a, b) => a, CASE WHEN false THEN x ... => CASE without that branch
#include "planner/functions/function.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// A branch value standing for the whole conditional keeps the conditional's type (the binder
// casts branches to the common type, so this is a no-op in practice).
ExprPtr asResult(const ExprPtr& value, const ExprPtr& cond) {
  return value->type->equals(*cond->type) ? value : makeCast(value, cond->type, value->span);
}

bool neverTrue(const ExprPtr& c) {
  return isFalseLiteral(c) || isNullLiteral(c);
}

ExprPtr simplifyIf(const ExprPtr& e) {
  const auto& a = e->args;
  if (isTrueLiteral(a[0])) return asResult(a[1], e);
  if (neverTrue(a[0])) return asResult(a[2], e);
  if (a[0]->deterministic() && semanticEquals(a[1], a[2])) return asResult(a[1], e);
  return e;
}

// casewhen args: [c1, v1, c2, v2, ..., else?]
ExprPtr simplifyCaseWhen(const ExprPtr& e) {
  const auto& a = e->args;
  const size_t pairs = a.size() / 2;
  const bool hasElse = a.size() % 2 == 1;
  std::vector<ExprPtr> kept;
  ExprPtr elseValue = hasElse ? a.back() : nullptr;
  bool changed = false;
  for (size_t i = 0; i < pairs; ++i) {
    const ExprPtr& c = a[2 * i];
    if (neverTrue(c)) {
      changed = true;
      continue;
    }
    if (isTrueLiteral(c)) {
      // Later branches are unreachable; this value becomes the ELSE.
      if (kept.empty()) return asResult(a[2 * i + 1], e);
      kept.push_back(a[2 * i + 1]);
      return e->withArgs(std::move(kept));
    }
    kept.push_back(c);
    kept.push_back(a[2 * i + 1]);
  }
  if (!changed) return e;
  if (kept.empty()) return elseValue ? asResult(elseValue, e) : makeNull(e->type);
  if (elseValue) kept.push_back(elseValue);
  return e->withArgs(std::move(kept));
}

ExprPtr simplify(const ExprPtr& e) {
  if (isCall(e, "if") && e->args.size() == 3) return simplifyIf(e);
  if (isCall(e, "casewhen")) return simplifyCaseWhen(e);
  return e;
}

PlanPtr simplifyConditionals(const PlanPtr& plan) {
  return transformAllExpressions(plan, simplify);
}

}  // namespace

RulePtr makeSimplifyConditionals() {
  return std::make_unique<FunctionRule>("SimplifyConditionals", &simplifyConditionals);
}

}  // namespace sluice
