#pragma once
// Distinct: removes duplicate rows (SELECT DISTINCT, UNION without ALL).
#include "planner/logical/logical_plan.h"

namespace sluice {

class Distinct : public PlanNode<Distinct> {
 public:
  static constexpr PlanKind kKind = PlanKind::Distinct;
  explicit Distinct(PlanPtr child) : PlanNode(kKind, {std::move(child)}) {}

  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "Distinct"; }
  std::string argString() const override { return ""; }
};

}  // namespace sluice
