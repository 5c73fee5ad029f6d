#pragma once
// Except: the left input's rows that are not in the right input (Spark's Except). EXCEPT [DISTINCT]
// returns each such row once, EXCEPT ALL as often as it occurs on the left beyond its count on
// the right. Rows compare with NULLs equal. The optimizer's Replace Operators batch rewrites it
// (ReplaceExceptWithAntiJoin, RewriteExceptAll): no physical operator exists for it.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Except : public PlanNode<Except> {
 public:
  static constexpr PlanKind kKind = PlanKind::Except;
  Except(PlanPtr left, PlanPtr right, bool isAll)
      : PlanNode(kKind, {std::move(left), std::move(right)}), isAll(isAll) {}

  bool isAll;  ///< ALL (else DISTINCT)

  const PlanPtr& left() const { return children()[0]; }
  const PlanPtr& right() const { return children()[1]; }
  std::vector<Attribute> output() const override;
  std::string nodeName() const override { return "Except"; }
  std::string argString() const override { return isAll ? "All" : ""; }
};

}  // namespace sluice
