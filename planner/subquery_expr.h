#pragma once
// Subqueries used as values (Spark's ScalarSubquery, Exists, InSubquery). A subquery is a
// Call of one of three internal rows (`scalar-subquery`, `exists`, `listquery`; not in the
// registry, so no query can call them): args[0] is its id as a bigint literal (two subqueries
// never compare equal), then an IN's left-hand values, then the ColumnRefs of the outer
// columns the subquery reads (so references() and every rule see them). The bound plan is
// kept by id in a process-wide table. The optimizer rewrites every subquery into a join
// (planner/optimizer/rules/rewrite_*subquery*.cpp), so neither codegen nor constant folding
// ever sees one (the rows have no emitter and no fold).
#include <vector>

#include "planner/logical/logical_plan.h"

namespace sluice {

enum class SubqueryKind {
  Scalar,  ///< the only column of at most one row (NULL without rows)
  Exists,  ///< whether it returns a row
  In,      ///< whether the values equal the columns of one of its rows
};

/// A subquery expression over `plan` (which reads the outer columns `outer` as ordinary
/// ColumnRefs whose ids no node of it produces). Scalar: typed as the plan's column.
ExprPtr makeSubquery(SubqueryKind kind, PlanPtr plan, std::vector<ExprPtr> values,
                     std::vector<ExprPtr> outer, SourceSpan span);

bool isSubquery(const Expr& e);
SubqueryKind subqueryKind(const Expr& e);
/// The subquery's id (shown in plans as its first argument).
ExprId subqueryId(const Expr& e);
const PlanPtr& subqueryPlan(const Expr& e);
/// An IN's left-hand values.
std::vector<ExprPtr> subqueryValues(const Expr& e);
/// The outer columns the subquery reads.
std::vector<ExprPtr> subqueryOuterRefs(const Expr& e);

}  // namespace sluice
