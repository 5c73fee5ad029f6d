#pragma once
// What the two scalar-subquery rewrites share: finding the scalar subqueries of a Project,
// Filter or Aggregate, putting the join that computes each below the node, and the internal
// call that checks an uncorrelated subquery's row count where its value is used.
#include <functional>
#include <utility>

#include "planner/functions/function.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

/// scalar_subquery_result(n, v): v, or the run-time error SCALAR_SUBQUERY_TOO_MANY_ROWS when
/// the subquery returned n > 1 rows. Internal (not in the registry: no query can call it);
/// its emitter is codegen/subquery_codegen.cpp.
const FunctionDef& scalarSubqueryResultFn();

/// A call of registry row `name` typed by its type rule (the binder's implicit casts included).
ExprPtr typedCall(const std::string& name, std::vector<ExprPtr> args);

/// Joins what scalar subquery `subquery` needs below `child`: the new child and the
/// expression that replaces the subquery above it.
using ScalarJoin =
    std::function<std::pair<PlanPtr, ExprPtr>(const PlanPtr& child, const ExprPtr& subquery)>;

/// Rewrites each Project / Filter / Aggregate of `plan` holding scalar subqueries that
/// `wanted` selects: the subqueries are joined below it by `join` (an Aggregate first moves
/// the ones outside its aggregate functions into a Project above it, which sees the
/// aggregated row; a Filter gets a Project that restores its columns).
PlanPtr rewriteScalarSubqueries(const PlanPtr& plan, const std::function<bool(const Expr&)>& wanted,
                                const ScalarJoin& join);

}  // namespace sluice
