#include "planner/optimizer/optimizer.h"

#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

std::vector<RulePtr> rules(std::initializer_list<RulePtr (*)()> factories) {
  std::vector<RulePtr> out;
  for (auto f : factories) out.push_back(f());
  return out;
}

RuleExecutor build() {
  RuleExecutor ex;
  // Subqueries in expressions become joins first, so that every later rule optimizes them
  // as part of the plan (nested subqueries surface one level per iteration).
  ex.addBatch("Subquery Rewrites", 10,
              rules({makeRewritePredicateSubquery, makeRewriteCorrelatedScalarSubquery,
                     makeRewriteUncorrelatedScalarSubquery}));
  // Spark's Replace Operators: EXCEPT / INTERSECT have no physical operator of their own.
  ex.addBatch("Replace Operators", 1,
              rules({makeRewriteExceptAll, makeRewriteIntersectAll,
                     makeReplaceIntersectWithSemiJoin, makeReplaceExceptWithAntiJoin}));
  // Before pushdown moves the top-1 filter: a streaming ROW_NUMBER top-1 becomes a dedup.
  ex.addBatch("Streaming Rewrites", 1, rules({makeStreamingTopOneDedup}));
  // Catalyst's operator optimization batch: pushdown first so later rules see filters next to
  // their inputs; pruning last so it sees the simplified expressions.
  ex.addBatch("Operator Optimization", 100,
              rules({makePushDownPredicates, makeCombineFilters, makeCollapseProject,
                     makeRemoveNoopOperators, makeEliminateLimits, makeConstantFolding,
                     makeLikeSimplification, makeBooleanSimplification, makeSimplifyConditionals,
                     makeNullPropagation, makeSimplifyCasts, makeReplaceNullWithFalseInPredicate,
                     makePruneFilters, makeColumnPruning}));
  // Needs the final shape: only once every unused column is gone do the remaining field
  // accesses tell which JSON paths are really read.
  ex.addBatch("Nested Schema Pruning", 1, rules({makePruneFromJsonSchema}));
  // After the filters reached their final place next to the scans.
  ex.addBatch("Data Source Pushdown", 1, rules({makePushFiltersIntoFileScans}));
  ex.addBatch("Cleanup", 1,
              rules({makeColumnPruning, makeCollapseProject, makeRemoveNoopOperators}));
  return ex;
}

}  // namespace

const RuleExecutor& standardOptimizer() {
  static const RuleExecutor ex = build();
  return ex;
}

OptimizeResult optimize(const PlanPtr& plan, const std::set<std::string>& excluded) {
  return standardOptimizer().execute(plan, excluded);
}

}  // namespace sluice
