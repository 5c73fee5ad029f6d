#pragma once
// Shared by the EXCEPT / INTERSECT rewrites (Spark's ReplaceExceptWithAntiJoin,
// ReplaceIntersectWithSemiJoin, RewriteExceptAll, RewriteIntersectAll).
#include <vector>

#include "planner/logical/logical_plan.h"
#include "planner/optimizer/rules/scalar_subquery_util.h"  // typedCall

namespace sluice {

/// `l1 <=> r1 AND l2 <=> r2 ...` (set operations compare rows with NULLs equal), written so
/// the hash join finds equi-join keys: `l = r` for non-nullable columns, else
/// `coalesce(l, d) = coalesce(r, d) AND isnull(l) = isnull(r)` (Spark's ExtractEquiJoinKeys
/// does the same with `<=>`); `l <=> r` only for types without such a default value.
ExprPtr nullSafeRowEquality(const std::vector<Attribute>& left,
                            const std::vector<Attribute>& right);

/// Each row of `child` repeated `count` times (a bigint column of it), keeping `columns`
/// (Spark's replicate_rows): Project(columns, Generate(explode(sequence(1, count)), child)).
PlanPtr replicateRows(const Attribute& count, const std::vector<Attribute>& columns, PlanPtr child);

}  // namespace sluice
