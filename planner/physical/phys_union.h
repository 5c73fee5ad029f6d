#pragma once
// Union all: every input pipeline continues into the union's consumer.
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysUnion : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Union;
  PhysUnion(std::vector<Attribute> out, std::vector<PhysPtr> inputs)
      : PhysicalOp(kKind, std::move(inputs)), out(std::move(out)) {}
  std::vector<Attribute> out;
  std::vector<Attribute> output() const override { return out; }
  std::string nodeName() const override { return "Union"; }
  std::string argString() const override { return ""; }
};

}  // namespace sluice
