#pragma once
// Sort: orders rows by keys (ORDER BY). NULL ordering follows Spark: NULLS FIRST for ASC,
// NULLS LAST for DESC unless written.
#include "planner/logical/logical_plan.h"

namespace sluice {

struct SortKey {
  bool ascending = true;
  bool nullsFirst = true;
};

class Sort : public PlanNode<Sort> {
 public:
  static constexpr PlanKind kKind = PlanKind::Sort;
  Sort(std::vector<ExprPtr> keys, std::vector<SortKey> order, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}), keys(std::move(keys)), order(std::move(order)) {}

  std::vector<ExprPtr> keys;   ///< sort expressions
  std::vector<SortKey> order;  ///< direction per key

  std::vector<Attribute> output() const override { return child()->output(); }
  std::vector<ExprPtr> expressions() const override { return keys; }
  std::string nodeName() const override { return "Sort"; }
  std::string argString() const override {
    std::string s = "[";
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) s += ", ";
      s += keys[i]->toString() + (order[i].ascending ? " ASC" : " DESC") +
           (order[i].nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
    return s + "], true";
  }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override { keys = std::move(exprs); }
};

}  // namespace sluice
