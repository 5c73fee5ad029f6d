#pragma once
// Logical plan nodes (Catalyst style). Nodes are immutable and shared: rules rebuild the
// parts they change and reuse the rest. One operator per file in this folder.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "planner/expr.h"

namespace sluice {

class LogicalPlan;
using PlanPtr = std::shared_ptr<const LogicalPlan>;

enum class PlanKind {
  Scan,
  Project,
  Filter,
  Generate,
  Expand,
  Join,
  Aggregate,
  Distinct,
  Sort,
  Limit,
  Union,
  Except,
  Intersect,
  Watermark,
  Window,
  Sink
};

/// Base of all logical operators.
class LogicalPlan {
 public:
  virtual ~LogicalPlan() = default;

  PlanKind kind() const { return kind_; }
  const std::vector<PlanPtr>& children() const { return children_; }
  /// The only child of a unary node.
  const PlanPtr& child() const { return children_.at(0); }

  /// Columns this node produces, in order.
  virtual std::vector<Attribute> output() const = 0;
  /// Expressions held by this node, in a fixed order (for generic rewrites).
  virtual std::vector<ExprPtr> expressions() const { return {}; }
  /// Operator name as printed (`Project`, `Filter`, ...).
  virtual std::string nodeName() const = 0;
  /// Node arguments as printed after the name: `[a#1, b#2]`, `(x#3 > 1)`.
  virtual std::string argString() const = 0;
  /// True if any input is a stream (Spark's isStreaming).
  virtual bool isStreaming() const;

  /// A copy with other children (same count).
  PlanPtr withNewChildren(std::vector<PlanPtr> children) const;
  /// A copy with other expressions (same count and order as expressions()).
  PlanPtr withNewExpressions(std::vector<ExprPtr> exprs) const;

  /// Where the node came from in the query text (for analysis errors).
  SourceSpan span;

 protected:
  LogicalPlan(PlanKind kind, std::vector<PlanPtr> children)
      : kind_(kind), children_(std::move(children)) {}
  LogicalPlan(const LogicalPlan&) = default;
  virtual std::shared_ptr<LogicalPlan> clone() const = 0;
  virtual void setExpressions(std::vector<ExprPtr> exprs) {}

 private:
  PlanKind kind_;
  std::vector<PlanPtr> children_;
};

/// CRTP helper giving each operator its clone().
template <class Derived>
class PlanNode : public LogicalPlan {
 protected:
  using LogicalPlan::LogicalPlan;
  std::shared_ptr<LogicalPlan> clone() const override {
    return std::make_shared<Derived>(static_cast<const Derived&>(*this));
  }
};

/// Downcast helper: `as<Filter>(plan)` (nullptr if the kind differs).
template <class T>
const T* as(const PlanPtr& p) {
  return p && p->kind() == T::kKind ? static_cast<const T*>(p.get()) : nullptr;
}

/// Spark-style tree rendering:
///   Project [a#1]
///   +- Filter (a#1 > 1)
///      +- LocalRelation [a#1]
std::string treeString(const PlanPtr& plan);

using PlanRewrite = std::function<PlanPtr(const PlanPtr&)>;
/// Rewrites children first, then the node.
PlanPtr transformUp(const PlanPtr& plan, const PlanRewrite& fn);
/// Rewrites the node first, then the children of the result.
PlanPtr transformDown(const PlanPtr& plan, const PlanRewrite& fn);
/// Applies `fn` bottom-up to every expression of every node.
PlanPtr transformAllExpressions(const PlanPtr& plan,
                                const std::function<ExprPtr(const ExprPtr&)>& fn);
/// Applies `fn` bottom-up to the expressions of this node only.
PlanPtr transformExpressions(const PlanPtr& plan, const std::function<ExprPtr(const ExprPtr&)>& fn);
/// Replaces each top-level expression `e` of this node by `fn(e)` (the node itself when none
/// changes).
PlanPtr mapExpressions(const PlanPtr& plan, const std::function<ExprPtr(const ExprPtr&)>& fn);
/// Visits nodes parents first.
void visitPlan(const PlanPtr& plan, const std::function<void(const PlanPtr&)>& fn);
/// Ids of output().
std::unordered_set<ExprId> outputIds(const PlanPtr& plan);
/// Ids referenced by this node's expressions that are not produced by the node itself.
std::unordered_set<ExprId> nodeReferences(const PlanPtr& plan);
/// `[a#1, b#2]`
std::string attrList(const std::vector<Attribute>& attrs);
/// `[x, y]` of expression strings.
std::string exprList(const std::vector<ExprPtr>& exprs);

}  // namespace sluice
