#pragma once
// Intersect: the rows in both inputs (Spark's Intersect). INTERSECT [DISTINCT] returns each such
// row once, INTERSECT ALL as often as the smaller of its two counts. Rows compare with NULLs
// equal. The optimizer's Replace Operators batch rewrites it (ReplaceIntersectWithSemiJoin,
// RewriteIntersectAll): no physical operator exists for it.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Intersect : public PlanNode<Intersect> {
 public:
  static constexpr PlanKind kKind = PlanKind::Intersect;
  Intersect(PlanPtr left, PlanPtr right, bool isAll)
      : PlanNode(kKind, {std::move(left), std::move(right)}), isAll(isAll) {}

  bool isAll;  ///< ALL (else DISTINCT)

  const PlanPtr& left() const { return children()[0]; }
  const PlanPtr& right() const { return children()[1]; }
  std::vector<Attribute> output() const override;
  std::string nodeName() const override { return "Intersect"; }
  std::string argString() const override { return isAll ? "All" : ""; }
};

}  // namespace sluice
