// Project [a, b] over x producing exactly [a, b] => x
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

bool sameOutput(const std::vector<ExprPtr>& list, const std::vector<Attribute>& childOut) {
  if (list.size() != childOut.size()) return false;
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i]->kind != ExprKind::ColumnRef || list[i]->attr.id != childOut[i].id) return false;
  return true;
}

PlanPtr remove(const PlanPtr& p) {
  const auto* proj = as<Project>(p);
  if (proj && sameOutput(proj->list, proj->child()->output())) return proj->child();
  return p;
}

PlanPtr removeNoopOperators(const PlanPtr& plan) {
  return transformUp(plan, remove);
}

}  // namespace

RulePtr makeRemoveNoopOperators() {
  return std::make_unique<FunctionRule>("RemoveNoopOperators", &removeNoopOperators);
}

}  // namespace sluice
