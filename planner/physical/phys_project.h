#pragma once
// Project: computes named expressions; fused into its child's pipeline.
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysProject : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Project;
  PhysProject(std::vector<ExprPtr> list, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), list(std::move(list)) {}
  std::vector<ExprPtr> list;
  std::vector<Attribute> output() const override {
    std::vector<Attribute> out;
    for (const auto& e : list) out.push_back(e->outputAttr());
    return out;
  }
  std::string nodeName() const override { return "Project"; }
  std::string argString() const override { return exprList(list); }
};

}  // namespace sluice
