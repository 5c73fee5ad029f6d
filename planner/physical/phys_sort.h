#pragma once
// Sort: materializes its input pipeline's rows, sorts them, and starts a new pipeline.
#include "planner/logical/sort.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysSort : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Sort;
  PhysSort(const Sort& sort, PhysPtr child) : PhysicalOp(kKind, {std::move(child)}), sort(sort) {}
  const Sort& sort;  ///< keys and directions
  bool isBreaker() const override { return true; }
  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "Sort"; }
  std::string argString() const override { return sort.argString(); }
};

}  // namespace sluice
