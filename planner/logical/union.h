#pragma once
// Union (UNION ALL): concatenates inputs with the same column count and types (the binder
// inserts casts to the common types). UNION DISTINCT is Distinct over Union.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Union : public PlanNode<Union> {
 public:
  static constexpr PlanKind kKind = PlanKind::Union;
  explicit Union(std::vector<PlanPtr> inputs) : PlanNode(kKind, std::move(inputs)) {}

  /// The first input's columns; nullable if any input's column is.
  std::vector<Attribute> output() const override {
    auto out = children()[0]->output();
    for (size_t i = 1; i < children().size(); ++i) {
      auto o = children()[i]->output();
      for (size_t c = 0; c < out.size() && c < o.size(); ++c) out[c].nullable |= o[c].nullable;
    }
    return out;
  }
  std::string nodeName() const override { return "Union"; }
  std::string argString() const override { return ""; }
};

}  // namespace sluice
