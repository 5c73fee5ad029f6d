#include "planner/optimizer/subquery_decorrelation.h"

#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

constexpr const char* kUnsupported = "[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.";

bool refersTo(const ExprPtr& e, const std::unordered_set<ExprId>& ids) {
  for (ExprId id : references(e))
    if (ids.count(id)) return true;
  return false;
}

// `outer = inner` with one side reading only outer columns and the other none.
bool isCorrelatedEquality(const ExprPtr& e, const std::unordered_set<ExprId>& outer) {
  if (e->kind != ExprKind::Call || e->fn->name != "=") return false;
  auto onlyOuter = [&](const ExprPtr& x) {
    auto refs = references(x);
    if (refs.empty()) return false;
    for (ExprId id : refs)
      if (!outer.count(id)) return false;
    return true;
  };
  auto noOuter = [&](const ExprPtr& x) { return !refersTo(x, outer); };
  return (onlyOuter(e->args[0]) && noOuter(e->args[1])) ||
         (onlyOuter(e->args[1]) && noOuter(e->args[0]));
}

struct Puller {
  const std::unordered_set<ExprId>& outer;
  bool scalar;

  // Columns of `child` the pulled conjuncts read and `list` does not produce.
  std::vector<ExprPtr> missing(const std::vector<ExprPtr>& preds, const PlanPtr& child,
                               const std::unordered_set<ExprId>& produced) const {
    std::unordered_set<ExprId> need;
    for (const auto& p : preds)
      for (ExprId id : references(p)) need.insert(id);
    std::vector<ExprPtr> out;
    for (const auto& a : child->output())
      if (need.count(a.id) && !produced.count(a.id)) out.push_back(makeColumnRef(a));
    return out;
  }

  void refuseOuterIn(const std::vector<ExprPtr>& exprs, const char* where) const {
    for (const auto& e : exprs)
      if (refersTo(e, outer))
        throw DecorrelationError(
            std::string(kUnsupported) +
                "ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED] Unsupported subquery expression: "
                "Accessing outer query column is not allowed in " +
                where + ": " + e->toString() +
                " (sluice takes outer columns in the subquery's WHERE clause only)",
            e->span);
  }

  Decorrelated pull(const PlanPtr& p) const {
    if (!planReferencesAny(p, outer)) return {p, {}};
    if (const auto* f = as<Filter>(p)) {
      Decorrelated in = pull(f->child());
      std::vector<ExprPtr> local;
      for (const auto& c : splitConjuncts(f->condition)) {
        if (!refersTo(c, outer)) {
          local.push_back(c);
          continue;
        }
        if (isSubquery(*c) || c->containsAggregate()) refuseOuterIn({c}, "a nested subquery");
        in.predicates.push_back(c);
      }
      if (!local.empty()) in.plan = std::make_shared<Filter>(joinConjuncts(local), in.plan);
      return in;
    }
    if (const auto* pr = as<Project>(p)) {
      refuseOuterIn(pr->list, "the SELECT list of a subquery");
      Decorrelated in = pull(pr->child());
      auto list = pr->list;
      for (auto& m : missing(in.predicates, in.plan, outputIds(p))) list.push_back(m);
      in.plan = std::make_shared<Project>(std::move(list), in.plan);
      return in;
    }
    if (const auto* a = as<Aggregate>(p)) {
      refuseOuterIn(a->aggregates, "an aggregate of a subquery");
      refuseOuterIn(a->groupings, "the GROUP BY of a subquery");
      Decorrelated in = pull(a->child());
      if (in.predicates.empty()) return {p, {}};
      for (const auto& c : in.predicates)
        if (!isCorrelatedEquality(c, outer))
          throw DecorrelationError(std::string(kUnsupported) +
                                       "CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE] "
                                       "Unsupported subquery expression: Correlated column is not "
                                       "allowed in predicate: " +
                                       c->toString() +
                                       " (under an aggregate only `outer = inner` correlates)",
                                   c->span);
      if (!scalar && a->groupings.empty())
        throw DecorrelationError(std::string(kUnsupported) +
                                     "UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION] "
                                     "Unsupported subquery expression: a correlated IN / "
                                     "EXISTS subquery over an aggregate without GROUP BY always "
                                     "returns a row; sluice does not decorrelate it",
                                 p->span);
      auto extra = missing(in.predicates, in.plan, {});
      auto groupings = a->groupings;
      auto aggs = a->aggregates;
      for (const auto& m : extra) {
        groupings.push_back(m);
        aggs.push_back(m);
      }
      auto out = std::make_shared<Aggregate>(std::move(groupings), std::move(aggs), in.plan);
      out->span = a->span;
      in.plan = out;
      return in;
    }
    if (as<Sort>(p) || as<Distinct>(p)) {
      Decorrelated in = pull(p->child());
      if (in.predicates.empty()) return {p, {}};
      // Sort and Distinct keep every column of their child, the pulled ones included.
      refuseOuterIn(p->expressions(), "an ORDER BY of a subquery");
      in.plan = p->withNewChildren({in.plan});
      return in;
    }
    throw DecorrelationError(std::string(kUnsupported) +
                                 "ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED] Unsupported "
                                 "subquery expression: Accessing outer query column is not "
                                 "allowed below " +
                                 p->nodeName() +
                                 " (sluice correlates through WHERE, SELECT, GROUP BY, "
                                 "DISTINCT and ORDER BY only)",
                             p->span);
  }
};

}  // namespace

std::unordered_set<ExprId> outerReferenceIds(const Expr& subquery) {
  std::unordered_set<ExprId> ids;
  for (const auto& r : subqueryOuterRefs(subquery))
    for (ExprId id : references(r)) ids.insert(id);
  return ids;
}

bool planReferencesAny(const PlanPtr& plan, const std::unordered_set<ExprId>& ids) {
  bool found = false;
  visitPlan(plan, [&](const PlanPtr& n) {
    for (const auto& e : n->expressions())
      if (!found && refersTo(e, ids)) found = true;
  });
  return found;
}

Decorrelated pullUpCorrelatedPredicates(const PlanPtr& plan,
                                        const std::unordered_set<ExprId>& outer, bool scalar) {
  if (outer.empty()) return {plan, {}};
  if (scalar) {
    // Spark: a correlated scalar subquery must aggregate (through Projects and Filters).
    PlanPtr p = plan;
    while (as<Project>(p) || as<Filter>(p)) p = p->child();
    if (!as<Aggregate>(p) || !planReferencesAny(p, outer) || !as<Aggregate>(p)->groupings.empty())
      throw DecorrelationError(std::string(kUnsupported) +
                                   "MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY] Unsupported "
                                   "subquery expression: Correlated scalar subqueries must be "
                                   "aggregated to return at most one row",
                               plan->span);
  }
  return Puller{outer, scalar}.pull(plan);
}

}  // namespace sluice
