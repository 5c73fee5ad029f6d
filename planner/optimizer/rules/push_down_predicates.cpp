// Filter(p, Project/Generate/Join/Union/Watermark/...(x)) => that node over Filter(p', x)
#include <unordered_set>

#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

using Ids = std::unordered_set<ExprId>;

PlanPtr filterOver(const std::vector<ExprPtr>& conjuncts, PlanPtr child) {
  if (conjuncts.empty()) return child;
  return std::make_shared<Filter>(joinConjuncts(conjuncts), std::move(child));
}

// Splits `conjuncts` into those `canPush` accepts (returned) and the rest (left in `stay`).
template <class Pred>
std::vector<ExprPtr> partition(const std::vector<ExprPtr>& conjuncts, std::vector<ExprPtr>& stay,
                               Pred canPush) {
  std::vector<ExprPtr> push;
  for (const auto& c : conjuncts) (c->deterministic() && canPush(c) ? push : stay).push_back(c);
  return push;
}

// Pushes through a node that computes named expressions per row or per group (Project, or an
// Aggregate's grouping outputs): predicates are rewritten over the node's input. Predicates
// reaching an expensive definition (from_json, ...) stay, since pushing would compute it twice.
std::vector<ExprPtr> pushThroughAliases(const std::vector<ExprPtr>& conjuncts,
                                        std::vector<ExprPtr>& stay, const AliasMap& defs) {
  Ids expensive;
  for (const auto& [id, e] : defs)
    if (isExpensive(e)) expensive.insert(id);
  Ids allowed;
  for (const auto& [id, e] : defs) allowed.insert(id);
  auto push = partition(conjuncts, stay, [&](const ExprPtr& c) {
    const Ids refs = references(c);
    for (ExprId id : refs)
      if (expensive.count(id)) return false;
    return isSubset(refs, allowed);
  });
  for (auto& c : push) c = replaceAliases(c, defs);
  return push;
}

PlanPtr pushIntoJoin(const Filter& f, const Join& j) {
  const Ids l = outputIds(j.left()), r = outputIds(j.right());
  std::vector<ExprPtr> left, right, both, stay;
  for (const auto& c : splitConjuncts(f.condition)) {
    const Ids refs = references(c);
    if (!c->deterministic())
      stay.push_back(c);
    else if (isSubset(refs, l))
      left.push_back(c);
    else if (isSubset(refs, r))
      right.push_back(c);
    else
      both.push_back(c);
  }
  std::vector<ExprPtr> toLeft, toRight, toCondition;
  switch (j.type) {
    case JoinKind::Inner:
    case JoinKind::Cross:
      toLeft = left, toRight = right, toCondition = both;
      break;
    case JoinKind::LeftOuter:
    case JoinKind::LeftSemi:
    case JoinKind::LeftAnti:
      // Only the preserved side may be filtered before the join.
      toLeft = left;
      stay.insert(stay.end(), right.begin(), right.end());
      stay.insert(stay.end(), both.begin(), both.end());
      break;
    case JoinKind::RightOuter:
      toRight = right;
      stay.insert(stay.end(), left.begin(), left.end());
      stay.insert(stay.end(), both.begin(), both.end());
      break;
    case JoinKind::FullOuter:
      return nullptr;
  }
  if (toLeft.empty() && toRight.empty() && toCondition.empty()) return nullptr;
  ExprPtr cond = j.condition;
  if (!toCondition.empty()) {
    auto all = cond ? splitConjuncts(cond) : std::vector<ExprPtr>{};
    all.insert(all.end(), toCondition.begin(), toCondition.end());
    cond = joinConjuncts(all);
  }
  auto join = std::make_shared<Join>(j.type, cond, filterOver(toLeft, j.left()),
                                     filterOver(toRight, j.right()));
  join->span = j.span;
  return filterOver(stay, join);
}

// Single-side conjuncts of a join condition become filters below the join where that does
// not change which rows an outer join preserves.
PlanPtr pushJoinCondition(const PlanPtr& p) {
  const auto* j = as<Join>(p);
  if (!j || !j->condition || j->type == JoinKind::FullOuter) return p;
  const Ids l = outputIds(j->left()), r = outputIds(j->right());
  const bool pushLeft = j->type == JoinKind::Inner || j->type == JoinKind::Cross ||
                        j->type == JoinKind::LeftSemi || j->type == JoinKind::RightOuter;
  const bool pushRight = j->type == JoinKind::Inner || j->type == JoinKind::Cross ||
                         j->type == JoinKind::LeftSemi || j->type == JoinKind::LeftOuter ||
                         j->type == JoinKind::LeftAnti;
  std::vector<ExprPtr> left, right, keep;
  for (const auto& c : splitConjuncts(j->condition)) {
    const Ids refs = references(c);
    // Constant conjuncts stay: they decide whether the join matches at all.
    if (!c->deterministic() || refs.empty())
      keep.push_back(c);
    else if (pushLeft && isSubset(refs, l))
      left.push_back(c);
    else if (pushRight && isSubset(refs, r))
      right.push_back(c);
    else
      keep.push_back(c);
  }
  if (left.empty() && right.empty()) return p;
  auto join = std::make_shared<Join>(j->type, joinConjuncts(keep), filterOver(left, j->left()),
                                     filterOver(right, j->right()));
  join->span = j->span;
  return join;
}

PlanPtr pushFilter(const PlanPtr& p) {
  const auto* f = as<Filter>(p);
  if (!f) return pushJoinCondition(p);
  const PlanPtr& child = f->child();
  const auto conjuncts = splitConjuncts(f->condition);
  std::vector<ExprPtr> stay;
  std::vector<ExprPtr> push;
  PlanPtr rebuilt;
  switch (child->kind()) {
    case PlanKind::Project: {
      const auto& proj = *as<Project>(child);
      for (const auto& e : proj.list)
        if (!e->deterministic()) return p;
      push = pushThroughAliases(conjuncts, stay, aliasMap(proj.list));
      if (push.empty()) return p;
      rebuilt = child->withNewChildren({filterOver(push, proj.child())});
      break;
    }
    case PlanKind::Aggregate: {
      // Only predicates on grouping outputs, and never below a global aggregate (it returns
      // a row even for empty input).
      const auto& agg = *as<Aggregate>(child);
      if (agg.groupings.empty()) return p;
      AliasMap groupOutputs;
      for (const auto& e : agg.aggregates) {
        if (!e->deterministic()) return p;
        // A row's session is not the merged session the aggregate outputs: keep filters on
        // session_window above the aggregate.
        if (agg.sessionWindow && references(e).count(*agg.sessionWindow)) continue;
        if (!e->containsAggregate()) groupOutputs.emplace(e->outputAttr().id, stripAlias(e));
      }
      push = pushThroughAliases(conjuncts, stay, groupOutputs);
      if (push.empty()) return p;
      rebuilt = child->withNewChildren({filterOver(push, agg.child())});
      break;
    }
    case PlanKind::Generate: {
      const auto& gen = *as<Generate>(child);
      if (!gen.generator->deterministic()) return p;
      const Ids below = outputIds(gen.child());
      push = partition(conjuncts, stay,
                       [&](const ExprPtr& c) { return isSubset(references(c), below); });
      if (push.empty()) return p;
      rebuilt = child->withNewChildren({filterOver(push, gen.child())});
      break;
    }
    case PlanKind::Watermark: {
      // The event-time column decides the watermark: filtering it below would hide late rows
      // from the watermark computation, so only other predicates go down.
      const ExprId eventTime = as<Watermark>(child)->eventTime.id;
      push = partition(conjuncts, stay,
                       [&](const ExprPtr& c) { return !references(c).count(eventTime); });
      if (push.empty()) return p;
      rebuilt = child->withNewChildren({filterOver(push, child->child())});
      break;
    }
    case PlanKind::Sort:
    case PlanKind::Distinct: {
      // A keyed Deduplicate keeps each key's first row: only filters on its keys commute.
      const auto* d = as<Distinct>(child);
      std::unordered_set<ExprId> keys;
      if (d)
        for (const auto& k : d->keys) keys.insert(k.id);
      push = partition(conjuncts, stay, [&](const ExprPtr& c) {
        if (keys.empty()) return true;
        for (ExprId id : references(c))
          if (!keys.count(id)) return false;
        return true;
      });
      if (push.empty()) return p;
      rebuilt = child->withNewChildren({filterOver(push, child->child())});
      break;
    }
    case PlanKind::Union: {
      push = partition(conjuncts, stay, [](const ExprPtr&) { return true; });
      if (push.empty()) return p;
      // Union outputs the first input's ids; the other inputs get the predicate remapped to
      // their own columns by position.
      const auto first = child->children()[0]->output();
      std::vector<PlanPtr> inputs;
      for (const auto& in : child->children()) {
        const auto out = in->output();
        AliasMap remap;
        for (size_t i = 0; i < first.size() && i < out.size(); ++i)
          if (first[i].id != out[i].id) remap.emplace(first[i].id, makeColumnRef(out[i]));
        std::vector<ExprPtr> mapped;
        for (const auto& c : push) mapped.push_back(replaceAliases(c, remap));
        inputs.push_back(filterOver(mapped, in));
      }
      rebuilt = child->withNewChildren(std::move(inputs));
      break;
    }
    case PlanKind::Join: {
      auto out = pushIntoJoin(*f, *as<Join>(child));
      return out ? out : p;
    }
    default:
      return p;
  }
  return filterOver(stay, rebuilt);
}

PlanPtr pushDownPredicates(const PlanPtr& plan) {
  return transformDown(plan, pushFilter);
}

}  // namespace

RulePtr makePushDownPredicates() {
  return std::make_unique<FunctionRule>("PushDownPredicates", &pushDownPredicates);
}

}  // namespace sluice
