#pragma once
// Spark's PullupCorrelatedPredicates, shared by the binder (which refuses the correlations
// the rewrite cannot take, as Spark's CheckAnalysis does) and the subquery rewrite rules.
// A correlated subquery reads outer columns in the WHERE clauses of its plan; pulling those
// conjuncts out leaves an uncorrelated plan (extended with the inner columns the conjuncts
// read) and the conjuncts, which become the join condition of the rewrite.
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "planner/logical/logical_plan.h"

namespace sluice {

/// A correlation the rewrite cannot decorrelate: Spark's analysis error text and where.
struct DecorrelationError : std::runtime_error {
  DecorrelationError(const std::string& message, SourceSpan at)
      : std::runtime_error(message), span(at) {}
  SourceSpan span;
};

struct Decorrelated {
  PlanPtr plan;                     ///< the subquery without its correlated conjuncts
  std::vector<ExprPtr> predicates;  ///< the correlated conjuncts (outer and `plan` columns)
};

/// Pulls the conjuncts that read `outer` ids out of the Filters of `plan`, through Project,
/// Filter, Sort, Distinct and Aggregate (an Aggregate groups by the inner columns they read,
/// so it aggregates per correlation key). `scalar`: Spark's rules for correlated scalar
/// subqueries (the plan must aggregate; conjuncts under the aggregate are equalities).
/// Throws DecorrelationError.
Decorrelated pullUpCorrelatedPredicates(const PlanPtr& plan,
                                        const std::unordered_set<ExprId>& outer, bool scalar);

/// The ids of the outer references of a subquery expression.
std::unordered_set<ExprId> outerReferenceIds(const Expr& subquery);

/// Whether any node of `plan` reads one of `ids` (expressions of every node, nested
/// subqueries' outer references included).
bool planReferencesAny(const PlanPtr& plan, const std::unordered_set<ExprId>& ids);

}  // namespace sluice
