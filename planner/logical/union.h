#pragma once
// Union (UNION ALL): concatenates inputs with the same column count and types (the binder
// inserts casts to the common types). UNION DISTINCT is Distinct over Union.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Union : public PlanNode<Union> {
 public:
  static constexpr PlanKind kKind = PlanKind::Union;
  explicit Union(std::vector<PlanPtr> inputs) : PlanNode(kKind, std::move(inputs)) {}

  /// The first input's columns; nullable if any input's column is, and so are nested
  /// values (array elements, map values, struct fields) nullable in any input.
  std::vector<Attribute> output() const override;
  std::string nodeName() const override { return "Union"; }
  std::string argString() const override { return ""; }
};

}  // namespace sluice
