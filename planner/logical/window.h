#pragma once
// Window: computes window functions (`f(...) OVER (PARTITION BY p ORDER BY o frame)`) over
// its child and appends one column per function to the child's rows. Spark's Window: one
// node per distinct (PARTITION BY, ORDER BY); each function carries its own frame. The binder
// pulls window expressions out of the SELECT list into these nodes (Spark's
// ExtractWindowExpressions), so the Project above refers to their columns.
#include "planner/logical/logical_plan.h"
#include "planner/logical/sort.h"

namespace sluice {

enum class FrameType { Rows, Range };

enum class FrameBoundary { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };

/// One end of a frame. `offset` (Preceding / Following) is a non-negative constant: a row
/// count (ROWS, bigint), or a distance in the ORDER BY value's units (RANGE: a number of the
/// order key's type, or an interval over dates and timestamps).
struct FrameEdge {
  FrameBoundary kind = FrameBoundary::CurrentRow;
  Value offset;
  TypePtr offsetType;
  std::string toString() const;
};

/// `ROWS | RANGE BETWEEN lower AND upper`.
struct WindowFrame {
  FrameType type = FrameType::Range;
  FrameEdge lower, upper;
  std::string toString() const;
  bool operator==(const WindowFrame& o) const { return toString() == o.toString(); }
};

/// How one window function of a Window node is computed.
struct WindowFunctionSpec {
  WindowFrame frame;
  bool ignoreNulls = false;  ///< IGNORE NULLS (lag, lead, nth_value, first_value, last_value)
};

class Window : public PlanNode<Window> {
 public:
  static constexpr PlanKind kKind = PlanKind::Window;
  Window(std::vector<ExprPtr> functions, std::vector<WindowFunctionSpec> specs,
         std::vector<ExprPtr> partitionBy, std::vector<ExprPtr> orderBy,
         std::vector<SortKey> order, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}),
        functions(std::move(functions)),
        specs(std::move(specs)),
        partitionBy(std::move(partitionBy)),
        orderBy(std::move(orderBy)),
        order(std::move(order)) {}

  std::vector<ExprPtr> functions;          ///< `call AS name`: window function or aggregate
  std::vector<WindowFunctionSpec> specs;   ///< frame per function
  std::vector<ExprPtr> partitionBy;        ///< PARTITION BY expressions
  std::vector<ExprPtr> orderBy;            ///< ORDER BY expressions
  std::vector<SortKey> order;              ///< direction per ORDER BY expression

  std::vector<Attribute> output() const override {
    auto out = child()->output();
    for (const auto& f : functions) out.push_back(f->outputAttr());
    return out;
  }
  std::vector<ExprPtr> expressions() const override {
    auto all = functions;
    all.insert(all.end(), partitionBy.begin(), partitionBy.end());
    all.insert(all.end(), orderBy.begin(), orderBy.end());
    return all;
  }
  std::string nodeName() const override { return "Window"; }
  std::string argString() const override;

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override {
    auto at = exprs.begin();
    functions.assign(at, at + static_cast<long>(functions.size()));
    at += static_cast<long>(functions.size());
    partitionBy.assign(at, at + static_cast<long>(partitionBy.size()));
    at += static_cast<long>(partitionBy.size());
    orderBy.assign(at, exprs.end());
  }
};

}  // namespace sluice
