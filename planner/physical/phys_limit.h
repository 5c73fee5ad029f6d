#pragma once
// Limit: a row counter inside the pipeline that stops the kernel once it is reached.
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysLimit : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Limit;
  PhysLimit(int64_t limit, PhysPtr child) : PhysicalOp(kKind, {std::move(child)}), limit(limit) {}
  int64_t limit;
  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "CollectLimit"; }
  std::string argString() const override { return std::to_string(limit); }
};

}  // namespace sluice
