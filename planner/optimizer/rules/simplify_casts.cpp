// cast(x as T) with x: T => x; cast(cast(i as wider int) as N) => cast(i as N)
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

int integralRank(TypeId id) {
  switch (id) {
    case TypeId::Byte:
      return 1;
    case TypeId::Short:
      return 2;
    case TypeId::Int:
      return 3;
    case TypeId::Long:
      return 4;
    default:
      return 0;
  }
}

// Integral widening keeps every value exactly, and a numeric cast of the same integer value
// gives the same result whatever integral type carried it. (Not so for strings: a decimal
// 5.00 prints differently from 5, hence numeric targets only.)
bool innerCastRemovable(const ExprPtr& inner, const TypePtr& outer) {
  const int from = integralRank(inner->args[0]->type->id());
  const int to = integralRank(inner->type->id());
  return from > 0 && to >= from && outer->isNumeric();
}

ExprPtr simplify(const ExprPtr& e) {
  if (e->kind != ExprKind::Cast) return e;
  const ExprPtr& c = e->args[0];
  if (c->type->equals(*e->type)) return c;
  if (c->kind == ExprKind::Cast && innerCastRemovable(c, e->type))
    return makeCast(c->args[0], e->type, e->span);
  return e;
}

PlanPtr simplifyCasts(const PlanPtr& plan) {
  return transformAllExpressions(plan, simplify);
}

}  // namespace

RulePtr makeSimplifyCasts() {
  return std::make_unique<FunctionRule>("SimplifyCasts", &simplifyCasts);
}

}  // namespace sluice
