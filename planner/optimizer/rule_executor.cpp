#include "planner/optimizer/rule_executor.h"

#include <algorithm>

#include "frontend/error.h"
#include "planner/logical/all.h"

namespace sluice {

std::vector<std::string> OptimizeResult::firedRuleNames() const {
  std::vector<std::string> names;
  for (const auto& f : fired)
    if (std::find(names.begin(), names.end(), f.rule) == names.end()) names.push_back(f.rule);
  return names;
}

void RuleExecutor::addBatch(std::string name, int maxIterations, std::vector<RulePtr> rules) {
  batches_.push_back(RuleBatch{std::move(name), maxIterations, std::move(rules)});
}

std::vector<std::string> RuleExecutor::ruleNames() const {
  std::vector<std::string> out;
  for (const auto& b : batches_)
    for (const auto& r : b.rules) out.push_back(r->name());
  return out;
}

OptimizeResult RuleExecutor::execute(const PlanPtr& plan,
                                     const std::set<std::string>& excluded) const {
  OptimizeResult result{plan, {}};
  for (const auto& batch : batches_) {
    for (int iter = 0; iter < batch.maxIterations; ++iter) {
      bool changed = false;
      for (const auto& rule : batch.rules) {
        if (excluded.count(rule->name())) continue;
        PlanPtr next = rule->apply(result.plan);
        if (next == result.plan) continue;
#ifdef SLUICE_PLAN_CHECKS
        checkPlanIntegrity(result.plan, next, rule->name());
#endif
        result.plan = std::move(next);
        result.fired.push_back({batch.name, rule->name()});
        changed = true;
      }
      if (!changed) break;
    }
  }
  return result;
}

namespace {

// Ids a node may legally reference: its children's outputs, plus, for Aggregate, nothing
// else; Generate's generator sees only the child.
std::unordered_set<ExprId> visibleIds(const PlanPtr& p) {
  std::unordered_set<ExprId> ids;
  for (const auto& c : p->children())
    for (const auto& a : c->output()) ids.insert(a.id);
  return ids;
}

}  // namespace

void checkPlanIntegrity(const PlanPtr& before, const PlanPtr& after, const std::string& rule) {
  visitPlan(after, [&](const PlanPtr& p) {
    const auto visible = visibleIds(p);
    for (ExprId id : nodeReferences(p)) {
      if (!visible.count(id))
        throw PlanError("optimizer rule " + rule + " produced an invalid plan: " + p->nodeName() +
                        " references column #" + std::to_string(id) +
                        " that its input does not produce\n" + treeString(after));
    }
    if (auto* w = as<Watermark>(p); w && !visible.count(w->eventTime.id))
      throw PlanError("optimizer rule " + rule + " lost the event-time column " +
                      w->eventTime.toString());
  });
  const auto a = before->output(), b = after->output();
  bool same = a.size() == b.size();
  for (size_t i = 0; same && i < a.size(); ++i) same = a[i].id == b[i].id;
  if (!same)
    throw PlanError("optimizer rule " + rule + " changed the query's output columns from " +
                    attrList(a) + " to " + attrList(b));
}

}  // namespace sluice
