#include "planner/physical/equi_join_keys.h"

#include "planner/functions/function.h"

namespace sluice {
namespace {

bool refsOnly(const ExprPtr& e, const std::unordered_set<ExprId>& ids) {
  for (ExprId id : references(e))
    if (!ids.count(id)) return false;
  return true;
}

}  // namespace

EquiJoinKeys splitEquiJoinKeys(const ExprPtr& condition, const std::unordered_set<ExprId>& leftIds,
                               const std::unordered_set<ExprId>& rightIds) {
  EquiJoinKeys out;
  if (!condition) return out;
  for (const auto& c : splitConjuncts(condition)) {
    if (c->kind == ExprKind::Call && c->fn && c->fn->name == "=" && c->args.size() == 2) {
      const auto& x = c->args[0];
      const auto& y = c->args[1];
      if (refsOnly(x, leftIds) && refsOnly(y, rightIds)) {
        out.left.push_back(x);
        out.right.push_back(y);
        continue;
      }
      if (refsOnly(x, rightIds) && refsOnly(y, leftIds)) {
        out.left.push_back(y);
        out.right.push_back(x);
        continue;
      }
    }
    out.rest.push_back(c);
  }
  return out;
}

}  // namespace sluice
