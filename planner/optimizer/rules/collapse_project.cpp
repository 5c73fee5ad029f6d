// Project(l1, Project(l2, x)) => Project(l1 with l2's aliases substituted, x); also into Aggregate
#include <unordered_map>

#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// Spark's canCollapseExpressions: every producer the consumers reference must be
// deterministic, and a non-cheap one (from_json, arithmetic, ...) referenced only once, so
// collapsing never computes anything twice.
bool canCollapse(const std::vector<ExprPtr>& consumers, const AliasMap& producers) {
  std::unordered_map<ExprId, int> uses;
  for (const auto& c : consumers)
    visit(c, [&](const ExprPtr& n) {
      if (n->kind == ExprKind::ColumnRef) ++uses[n->attr.id];
      return true;
    });
  for (const auto& [id, count] : uses) {
    auto it = producers.find(id);
    if (it == producers.end()) continue;
    if (!it->second->deterministic()) return false;
    if (count > 1 && !isCheap(it->second)) return false;
  }
  return true;
}

// The consumer list rewritten over the producer's input. A bare reference to a producer
// alias becomes that alias itself (same name and id), so the output is unchanged.
std::vector<ExprPtr> substitute(const std::vector<ExprPtr>& consumers,
                                const std::vector<ExprPtr>& producerList) {
  std::unordered_map<ExprId, ExprPtr> producerItem;
  for (const auto& p : producerList) producerItem.emplace(p->outputAttr().id, p);
  const AliasMap m = aliasMap(producerList);
  std::vector<ExprPtr> out;
  out.reserve(consumers.size());
  for (const auto& c : consumers) {
    if (c->kind == ExprKind::ColumnRef) {
      auto it = producerItem.find(c->attr.id);
      out.push_back(it != producerItem.end() && it->second->kind == ExprKind::Alias ? it->second
                                                                                    : c);
      continue;
    }
    out.push_back(replaceAliases(c, m));
  }
  return out;
}

PlanPtr collapse(const PlanPtr& p) {
  const auto* top = as<Project>(p);
  if (!top) return p;
  if (const auto* below = as<Project>(top->child())) {
    if (!canCollapse(top->list, aliasMap(below->list))) return p;
    return std::make_shared<Project>(substitute(top->list, below->list), below->child());
  }
  if (const auto* agg = as<Aggregate>(top->child())) {
    if (!canCollapse(top->list, aliasMap(agg->aggregates))) return p;
    // A projected grouping column that the aggregate does not output cannot be referenced,
    // so substituting over the aggregate list is complete.
    auto merged = std::make_shared<Aggregate>(agg->groupings,
                                              substitute(top->list, agg->aggregates), agg->child());
    merged->sessionWindow = agg->sessionWindow;
    return merged;
  }
  return p;
}

PlanPtr collapseProject(const PlanPtr& plan) {
  return transformUp(plan, collapse);
}

}  // namespace

RulePtr makeCollapseProject() {
  return std::make_unique<FunctionRule>("CollapseProject", &collapseProject);
}

}  // namespace sluice
