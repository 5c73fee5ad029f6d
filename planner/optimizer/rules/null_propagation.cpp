// f(NULL, ..) => NULL for null-intolerant f; isnull(non-null x) => false; coalesce(NULL, x) => x
#include "planner/functions/function.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

ExprPtr nullOf(const ExprPtr& e) {
  return makeLiteral(Value::null(), e->type, e->span);
}

ExprPtr boolOf(bool b, const ExprPtr& e) {
  return makeLiteral(Value::boolean(b), DataType::boolean(), e->span);
}

// Spark: NULL literals contribute nothing, and nothing after the first non-nullable argument
// is ever evaluated.
ExprPtr simplifyCoalesce(const ExprPtr& e) {
  std::vector<ExprPtr> kept;
  for (const auto& a : e->args) {
    if (isNullLiteral(a)) continue;
    kept.push_back(a);
    if (!a->nullable) break;
  }
  if (kept.size() == e->args.size()) return e;
  if (kept.empty()) return nullOf(e);
  if (kept.size() == 1)
    return kept[0]->type->equals(*e->type) ? kept[0] : makeCast(kept[0], e->type, e->span);
  auto out = e->withArgs(std::move(kept));
  if (out->nullable) {
    // Fewer arguments may make the result non-nullable (coalesce(NULL, 1)).
    bool anyNonNull = false;
    for (const auto& a : out->args) anyNonNull |= !a->nullable;
    if (anyNonNull) {
      auto copy = std::make_shared<Expr>(*out);
      copy->nullable = false;
      out = copy;
    }
  }
  return out;
}

ExprPtr propagate(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::Cast:
    case ExprKind::GetField:
      // CAST(NULL AS t) and NULL.field are NULL of the result type.
      return isNullLiteral(e->args[0]) ? nullOf(e) : e;
    case ExprKind::Call:
      break;
    default:
      return e;
  }
  if (e->fn->kind != FunctionKind::Scalar) return e;
  const std::string& n = e->fn->name;
  if (n == "isnull" || n == "isnotnull") {
    const bool isNull = n == "isnull";
    if (!e->args[0]->nullable) return boolOf(!isNull, e);
    if (isNullLiteral(e->args[0])) return boolOf(isNull, e);
    return e;
  }
  if (n == "coalesce") return simplifyCoalesce(e);
  // x IN (...) is NULL for a NULL x whatever the list holds.
  if (n == "in") return isNullLiteral(e->args[0]) ? nullOf(e) : e;
  if (e->fn->nulls == NullBehavior::Propagates)
    for (const auto& a : e->args)
      if (isNullLiteral(a)) return nullOf(e);
  return e;
}

PlanPtr nullPropagation(const PlanPtr& plan) {
  return transformAllExpressions(plan, propagate);
}

}  // namespace

RulePtr makeNullPropagation() {
  return std::make_unique<FunctionRule>("NullPropagation", &nullPropagation);
}

}  // namespace sluice
