#include "planner/logical/logical_plan.h"

#include <stdexcept>

namespace sluice {

bool LogicalPlan::isStreaming() const {
  for (const auto& c : children_)
    if (c->isStreaming()) return true;
  return false;
}

PlanPtr LogicalPlan::withNewChildren(std::vector<PlanPtr> children) const {
  auto copy = clone();
  copy->children_ = std::move(children);
  return copy;
}

PlanPtr LogicalPlan::withNewExpressions(std::vector<ExprPtr> exprs) const {
  auto copy = clone();
  copy->setExpressions(std::move(exprs));
  return copy;
}

namespace {

void render(const PlanPtr& p, const std::string& prefix, bool last, bool root, std::string& out) {
  if (!root) out += prefix + (last ? "+- " : ":- ");
  out += p->nodeName();
  const std::string args = p->argString();
  if (!args.empty()) out += " " + args;
  out += "\n";
  const std::string childPrefix = root ? "" : prefix + (last ? "   " : ":  ");
  const auto& cs = p->children();
  for (size_t i = 0; i < cs.size(); ++i) render(cs[i], childPrefix, i + 1 == cs.size(), false, out);
}

}  // namespace

std::string treeString(const PlanPtr& plan) {
  std::string out;
  render(plan, "", true, true, out);
  return out;
}

PlanPtr transformUp(const PlanPtr& plan, const PlanRewrite& fn) {
  std::vector<PlanPtr> kids;
  bool changed = false;
  for (const auto& c : plan->children()) {
    kids.push_back(transformUp(c, fn));
    changed |= kids.back() != c;
  }
  return fn(changed ? plan->withNewChildren(std::move(kids)) : plan);
}

PlanPtr transformDown(const PlanPtr& plan, const PlanRewrite& fn) {
  PlanPtr self = fn(plan);
  std::vector<PlanPtr> kids;
  bool changed = false;
  for (const auto& c : self->children()) {
    kids.push_back(transformDown(c, fn));
    changed |= kids.back() != c;
  }
  return changed ? self->withNewChildren(std::move(kids)) : self;
}

PlanPtr mapExpressions(const PlanPtr& plan, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  auto exprs = plan->expressions();
  bool changed = false;
  for (auto& e : exprs) {
    auto n = fn(e);
    changed |= n != e;
    e = std::move(n);
  }
  return changed ? plan->withNewExpressions(std::move(exprs)) : plan;
}

PlanPtr transformExpressions(const PlanPtr& plan,
                             const std::function<ExprPtr(const ExprPtr&)>& fn) {
  return mapExpressions(plan, [&](const ExprPtr& e) { return transformUp(e, fn); });
}

PlanPtr transformAllExpressions(const PlanPtr& plan,
                                const std::function<ExprPtr(const ExprPtr&)>& fn) {
  return transformUp(plan, [&](const PlanPtr& p) { return transformExpressions(p, fn); });
}

void visitPlan(const PlanPtr& plan, const std::function<void(const PlanPtr&)>& fn) {
  fn(plan);
  for (const auto& c : plan->children()) visitPlan(c, fn);
}

std::unordered_set<ExprId> outputIds(const PlanPtr& plan) {
  std::unordered_set<ExprId> ids;
  for (const auto& a : plan->output()) ids.insert(a.id);
  return ids;
}

std::unordered_set<ExprId> nodeReferences(const PlanPtr& plan) {
  std::unordered_set<ExprId> ids;
  for (const auto& e : plan->expressions()) {
    auto r = references(e);
    ids.insert(r.begin(), r.end());
  }
  return ids;
}

std::string attrList(const std::vector<Attribute>& attrs) {
  std::string s = "[";
  for (size_t i = 0; i < attrs.size(); ++i) {
    if (i) s += ", ";
    s += attrs[i].toString();
  }
  return s + "]";
}

std::string exprList(const std::vector<ExprPtr>& exprs) {
  std::string s = "[";
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i) s += ", ";
    s += exprs[i]->toString();
  }
  return s + "]";
}

}  // namespace sluice
