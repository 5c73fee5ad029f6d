#pragma once
// The equi-join keys of a join condition: its `l = r` conjuncts whose sides each read only
// one input, split from the other conjuncts. Shared by the hash join and the stream-stream
// join planners.
#include <unordered_set>
#include <vector>

#include "planner/expr.h"

namespace sluice {

struct EquiJoinKeys {
  std::vector<ExprPtr> left;   ///< key expressions over the left input
  std::vector<ExprPtr> right;  ///< the matching keys over the right input
  std::vector<ExprPtr> rest;   ///< the conjuncts that are not such equalities
};

/// Splits `condition` (may be null: no keys, nothing else) by the attribute ids of the left
/// and right inputs.
EquiJoinKeys splitEquiJoinKeys(const ExprPtr& condition, const std::unordered_set<ExprId>& leftIds,
                               const std::unordered_set<ExprId>& rightIds);

}  // namespace sluice
