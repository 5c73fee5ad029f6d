#pragma once
// Project: computes named expressions (ColumnRef or Alias) from its child.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Project : public PlanNode<Project> {
 public:
  static constexpr PlanKind kKind = PlanKind::Project;
  Project(std::vector<ExprPtr> list, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}), list(std::move(list)) {}

  std::vector<ExprPtr> list;  ///< named expressions, in output order

  std::vector<Attribute> output() const override {
    std::vector<Attribute> out;
    for (const auto& e : list) out.push_back(e->outputAttr());
    return out;
  }
  std::vector<ExprPtr> expressions() const override { return list; }
  std::string nodeName() const override { return "Project"; }
  std::string argString() const override { return exprList(list); }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override { list = std::move(exprs); }
};

}  // namespace sluice
