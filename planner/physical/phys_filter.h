#pragma once
// Filter: drops rows whose condition is not TRUE; fused into its child's pipeline.
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysFilter : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Filter;
  PhysFilter(ExprPtr condition, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), condition(std::move(condition)) {}
  ExprPtr condition;
  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "Filter"; }
  std::string argString() const override { return condition->toString(); }
};

}  // namespace sluice
