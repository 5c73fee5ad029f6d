#pragma once
// Filter: keeps the child's rows for which `condition` is TRUE (NULL and FALSE drop the row).
#include "planner/logical/logical_plan.h"

namespace sluice {

class Filter : public PlanNode<Filter> {
 public:
  static constexpr PlanKind kKind = PlanKind::Filter;
  Filter(ExprPtr condition, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}), condition(std::move(condition)) {}

  ExprPtr condition;  ///< boolean

  std::vector<Attribute> output() const override { return child()->output(); }
  std::vector<ExprPtr> expressions() const override { return {condition}; }
  std::string nodeName() const override { return "Filter"; }
  std::string argString() const override { return condition->toString(); }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override { condition = exprs.at(0); }
};

}  // namespace sluice
