#pragma once
// Aggregate: groups the child by `groupings` and computes `aggregates` (named expressions over
// grouping expressions and aggregate calls). Spark's Aggregate.
#include <optional>

#include "planner/logical/logical_plan.h"

namespace sluice {

class Aggregate : public PlanNode<Aggregate> {
 public:
  static constexpr PlanKind kKind = PlanKind::Aggregate;
  Aggregate(std::vector<ExprPtr> groupings, std::vector<ExprPtr> aggregates, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}),
        groupings(std::move(groupings)),
        aggregates(std::move(aggregates)) {}

  std::vector<ExprPtr> groupings;   ///< grouping expressions (may be empty: global aggregate)
  std::vector<ExprPtr> aggregates;  ///< named output expressions
  /// The grouping column holding each row's session_window(ts, gap) when grouping by one:
  /// groups that differ only in overlapping sessions are merged (Spark's MergingSessions).
  std::optional<ExprId> sessionWindow;

  std::vector<Attribute> output() const override {
    std::vector<Attribute> out;
    for (const auto& e : aggregates) out.push_back(e->outputAttr());
    return out;
  }
  std::vector<ExprPtr> expressions() const override {
    auto all = groupings;
    all.insert(all.end(), aggregates.begin(), aggregates.end());
    return all;
  }
  std::string nodeName() const override { return "Aggregate"; }
  std::string argString() const override {
    return exprList(groupings) + ", " + exprList(aggregates) +
           (sessionWindow ? ", mergingSessions" : "");
  }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override {
    const size_t g = groupings.size();
    groupings.assign(exprs.begin(), exprs.begin() + static_cast<long>(g));
    aggregates.assign(exprs.begin() + static_cast<long>(g), exprs.end());
  }
};

}  // namespace sluice
