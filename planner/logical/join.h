#pragma once
// Join of two inputs. USING / NATURAL joins are rewritten by the binder into an equi-join
// condition plus a Project that coalesces the key columns, as Spark does.
#include "planner/logical/logical_plan.h"

namespace sluice {

enum class JoinKind { Inner, LeftOuter, RightOuter, FullOuter, Cross, LeftSemi, LeftAnti };

/// Spark's names: Inner, LeftOuter, ..., LeftSemi, LeftAnti.
const char* joinKindName(JoinKind k);

class Join : public PlanNode<Join> {
 public:
  static constexpr PlanKind kKind = PlanKind::Join;
  Join(JoinKind type, ExprPtr condition, PlanPtr left, PlanPtr right)
      : PlanNode(kKind, {std::move(left), std::move(right)}),
        type(type),
        condition(std::move(condition)) {}

  JoinKind type;
  ExprPtr condition;  ///< may be null (cross join)

  const PlanPtr& left() const { return children()[0]; }
  const PlanPtr& right() const { return children()[1]; }

  /// Left columns (+ right columns unless semi/anti), outer sides made nullable.
  std::vector<Attribute> output() const override;
  std::vector<ExprPtr> expressions() const override {
    return condition ? std::vector<ExprPtr>{condition} : std::vector<ExprPtr>{};
  }
  std::string nodeName() const override { return "Join"; }
  std::string argString() const override {
    return std::string(joinKindName(type)) + (condition ? ", " + condition->toString() : "");
  }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override {
    if (!exprs.empty()) condition = exprs[0];
  }
};

}  // namespace sluice
