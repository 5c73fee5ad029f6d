// Project [a] over Scan [a, b, c] => Project [a] over Scan [a] (each operator gets what's used)
#include <unordered_set>

#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

using Ids = std::unordered_set<ExprId>;

Ids refsOf(const std::vector<ExprPtr>& exprs) {
  Ids ids;
  for (const auto& e : exprs) {
    auto r = references(e);
    ids.insert(r.begin(), r.end());
  }
  return ids;
}

Ids allIds(const PlanPtr& p) {
  return outputIds(p);
}

PlanPtr prune(const PlanPtr& p, const Ids& required, bool isRoot);

// Prunes a child and, where its output still carries columns nobody needs (an operator that
// cannot narrow itself, e.g. a generator's unused column), projects them away so a join or a
// union input gets exactly `required`.
PlanPtr pruneExact(const PlanPtr& child, const std::vector<Attribute>& wanted) {
  Ids req;
  for (const auto& a : wanted) req.insert(a.id);
  PlanPtr c = prune(child, req, false);
  const auto out = c->output();
  bool exact = out.size() == wanted.size();
  for (size_t i = 0; exact && i < out.size(); ++i) exact = out[i].id == wanted[i].id;
  if (exact) return c;
  std::vector<ExprPtr> list;
  for (const auto& a : out)
    if (req.count(a.id)) list.push_back(makeColumnRef(a));
  if (list.size() == out.size()) return c;  // same set, other order: nothing to drop
  return std::make_shared<Project>(std::move(list), c);
}

// Keeps the attributes of `attrs` whose id is required, in order.
std::vector<Attribute> keep(const std::vector<Attribute>& attrs, const Ids& required) {
  std::vector<Attribute> out;
  for (const auto& a : attrs)
    if (required.count(a.id)) out.push_back(a);
  return out;
}

PlanPtr withChild(const PlanPtr& p, PlanPtr c) {
  return c == p->child() ? p : p->withNewChildren({std::move(c)});
}

PlanPtr pruneScan(const PlanPtr& p, const Ids& required) {
  const auto& s = *as<Scan>(p);
  std::vector<size_t> kept;
  for (size_t i = 0; i < s.attrs.size(); ++i)
    if (required.count(s.attrs[i].id)) kept.push_back(i);
  if (kept.size() == s.attrs.size()) return p;
  auto n = std::make_shared<Scan>(s);
  n->attrs.clear();
  for (size_t i : kept) n->attrs.push_back(s.attrs[i]);
  for (auto& row : n->rows) {
    std::vector<ExprPtr> r;
    for (size_t i : kept)
      if (i < row.size()) r.push_back(row[i]);
    row = std::move(r);
  }
  return n;
}

PlanPtr pruneGenerate(const PlanPtr& p, const Ids& required) {
  const auto& g = *as<Generate>(p);
  const auto carried = g.keepAllChildOutput ? g.child()->output() : g.childOutput;
  const auto needed = keep(carried, required);
  Ids childReq = references(g.generator);
  for (const auto& a : needed) childReq.insert(a.id);
  PlanPtr c = prune(g.child(), childReq, false);
  const bool allCarried = needed.size() == carried.size();
  // Keep "all child columns" only while the child's output is exactly what is needed.
  bool keepAll = false;
  if (allCarried && g.keepAllChildOutput) {
    const auto out = c->output();
    keepAll = out.size() == needed.size();
  }
  if (c == g.child() && keepAll == g.keepAllChildOutput && (keepAll || allCarried)) return p;
  auto n = std::make_shared<Generate>(g);
  n->keepAllChildOutput = keepAll;
  n->childOutput = keepAll ? std::vector<Attribute>{} : needed;
  return n->withNewChildren({c});
}

// Expand produces only the required columns; the child only what the kept ones read.
PlanPtr pruneExpand(const PlanPtr& p, const Ids& required) {
  const auto& e = *as<Expand>(p);
  std::vector<size_t> kept;
  for (size_t i = 0; i < e.outputAttrs.size(); ++i)
    if (required.count(e.outputAttrs[i].id)) kept.push_back(i);
  if (kept.empty() && !e.outputAttrs.empty()) kept.push_back(e.outputAttrs.size() - 1);
  auto n = std::make_shared<Expand>(e);
  n->outputAttrs.clear();
  for (size_t i : kept) n->outputAttrs.push_back(e.outputAttrs[i]);
  Ids childReq;
  for (auto& proj : n->projections) {
    std::vector<ExprPtr> narrowed;
    for (size_t i : kept) narrowed.push_back(proj[i]);
    proj = std::move(narrowed);
    for (const auto& id : refsOf(proj)) childReq.insert(id);
  }
  PlanPtr c = prune(e.child(), childReq, false);
  if (kept.size() == e.outputAttrs.size() && c == e.child()) return p;
  return n->withNewChildren({c});
}

PlanPtr pruneAggregate(const PlanPtr& p, const Ids& required, bool isRoot) {
  const auto& a = *as<Aggregate>(p);
  std::vector<ExprPtr> items;
  for (const auto& e : a.aggregates)
    if (isRoot || required.count(e->outputAttr().id)) items.push_back(e);
  Ids childReq = refsOf(a.groupings);
  for (const auto& id : refsOf(items)) childReq.insert(id);
  PlanPtr c = prune(a.child(), childReq, false);
  if (items.size() == a.aggregates.size()) return withChild(p, c);
  auto pruned = std::make_shared<Aggregate>(a.groupings, std::move(items), c);
  pruned->sessionWindow = a.sessionWindow;
  return pruned;
}

PlanPtr pruneProject(const PlanPtr& p, const Ids& required, bool isRoot) {
  const auto& proj = *as<Project>(p);
  std::vector<ExprPtr> items;
  for (const auto& e : proj.list)
    if (isRoot || required.count(e->outputAttr().id)) items.push_back(e);
  PlanPtr c = prune(proj.child(), refsOf(items), false);
  if (items.size() == proj.list.size()) return withChild(p, c);
  return std::make_shared<Project>(std::move(items), c);
}

PlanPtr pruneJoin(const PlanPtr& p, const Ids& required) {
  const auto& j = *as<Join>(p);
  Ids req = required;
  if (j.condition)
    for (ExprId id : references(j.condition)) req.insert(id);
  PlanPtr l = pruneExact(j.left(), keep(j.left()->output(), req));
  PlanPtr r = pruneExact(j.right(), keep(j.right()->output(), req));
  if (l == j.left() && r == j.right()) return p;
  return p->withNewChildren({l, r});
}

PlanPtr pruneUnion(const PlanPtr& p, const Ids& required) {
  const auto first = p->children()[0]->output();
  std::vector<size_t> pos;
  for (size_t i = 0; i < first.size(); ++i)
    if (required.count(first[i].id)) pos.push_back(i);
  std::vector<PlanPtr> inputs;
  bool changed = false;
  for (const auto& in : p->children()) {
    const auto out = in->output();
    std::vector<Attribute> wanted;
    for (size_t i : pos) wanted.push_back(out[i]);
    inputs.push_back(pruneExact(in, wanted));
    changed |= inputs.back() != in;
  }
  return changed ? p->withNewChildren(std::move(inputs)) : p;
}

PlanPtr prune(const PlanPtr& p, const Ids& required, bool isRoot) {
  switch (p->kind()) {
    case PlanKind::Scan:
      return isRoot ? p : pruneScan(p, required);
    case PlanKind::Project:
      return pruneProject(p, required, isRoot);
    case PlanKind::Aggregate:
      return pruneAggregate(p, required, isRoot);
    case PlanKind::Generate:
      return pruneGenerate(p, required);
    case PlanKind::Expand:
      return pruneExpand(p, required);
    case PlanKind::Join:
      return pruneJoin(p, required);
    case PlanKind::Union:
      return pruneUnion(p, required);
    case PlanKind::Filter:
    case PlanKind::Window:
    case PlanKind::Sort: {
      Ids req = required;
      for (ExprId id : nodeReferences(p)) req.insert(id);
      return withChild(p, prune(p->child(), req, false));
    }
    case PlanKind::Watermark: {
      Ids req = required;
      req.insert(as<Watermark>(p)->eventTime.id);
      return withChild(p, prune(p->child(), req, false));
    }
    case PlanKind::Limit:
      return withChild(p, prune(p->child(), required, false));
    // Every column counts for duplicate elimination, and a sink writes every column.
    case PlanKind::Distinct:
    case PlanKind::Sink:
      return withChild(p, prune(p->child(), allIds(p->child()), false));
  }
  return p;
}

PlanPtr columnPruning(const PlanPtr& plan) {
  return prune(plan, allIds(plan), true);
}

}  // namespace

RulePtr makeColumnPruning() {
  return std::make_unique<FunctionRule>("ColumnPruning", &columnPruning);
}

}  // namespace sluice
