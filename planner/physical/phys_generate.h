#pragma once
// Generate: a nested loop over the generator's rows inside the child's pipeline.
#include "planner/logical/generate.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysGenerate : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Generate;
  PhysGenerate(const Generate& gen, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), gen(gen) {}
  const Generate& gen;  ///< generator, outer flag, produced and kept columns
  std::vector<Attribute> output() const override { return gen.output(); }
  std::string nodeName() const override { return "Generate"; }
  std::string argString() const override { return gen.argString(); }
};

}  // namespace sluice
