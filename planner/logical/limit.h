#pragma once
// Limit: the first `limit` rows of its child.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Limit : public PlanNode<Limit> {
 public:
  static constexpr PlanKind kKind = PlanKind::Limit;
  Limit(int64_t limit, PlanPtr child) : PlanNode(kKind, {std::move(child)}), limit(limit) {}

  int64_t limit;  ///< >= 0

  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "GlobalLimit"; }
  std::string argString() const override { return std::to_string(limit); }
};

}  // namespace sluice
