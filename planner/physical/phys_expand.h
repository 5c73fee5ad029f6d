#pragma once
// Expand: a loop over the projections inside the child's pipeline (one row out per
// projection and input row).
#include "planner/logical/expand.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysExpand : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Expand;
  PhysExpand(const Expand& expand, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), expand(expand) {}
  const Expand& expand;  ///< projections and produced columns
  std::vector<Attribute> output() const override { return expand.output(); }
  std::string nodeName() const override { return "Expand"; }
  std::string argString() const override { return expand.argString(); }
};

}  // namespace sluice
