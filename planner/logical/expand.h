#pragma once
// Expand: each child row becomes one row per projection (Spark's Expand). GROUP BY GROUPING
// SETS / ROLLUP / CUBE plan as Expand + Aggregate: projection i carries the child's columns,
// the grouping columns of set i (NULL for the others) and set i's spark_grouping_id.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Expand : public PlanNode<Expand> {
 public:
  static constexpr PlanKind kKind = PlanKind::Expand;
  Expand(std::vector<std::vector<ExprPtr>> projections, std::vector<Attribute> outputAttrs,
         PlanPtr child)
      : PlanNode(kKind, {std::move(child)}),
        projections(std::move(projections)),
        outputAttrs(std::move(outputAttrs)) {}

  /// One expression (not named) per output column, for each row produced per input row.
  std::vector<std::vector<ExprPtr>> projections;
  std::vector<Attribute> outputAttrs;  ///< the produced columns

  std::vector<Attribute> output() const override { return outputAttrs; }
  std::vector<ExprPtr> expressions() const override {
    std::vector<ExprPtr> all;
    for (const auto& p : projections) all.insert(all.end(), p.begin(), p.end());
    return all;
  }
  std::string nodeName() const override { return "Expand"; }
  std::string argString() const override {
    std::string s = "[";
    for (size_t i = 0; i < projections.size(); ++i) s += (i ? ", " : "") + exprList(projections[i]);
    return s + "], " + attrList(outputAttrs);
  }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override {
    size_t k = 0;
    for (auto& p : projections)
      for (auto& e : p) e = exprs.at(k++);
  }
};

}  // namespace sluice
