#pragma once
// Physical operators: what the code generator translates. Each physical operator knows the
// pipeline (fused kernel) it runs in: `pipeline` for streaming operators, and for pipeline
// breakers also `outputPipeline`, the pipeline that reads its result. One operator per file.
#include <memory>
#include <string>
#include <vector>

#include "planner/expr.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

class PhysicalOp;
using PhysPtr = std::shared_ptr<PhysicalOp>;

enum class PhysKind {
  Scan,
  Filter,
  Project,
  Generate,
  Expand,
  HashJoin,
  HashAggregate,
  Sort,
  Limit,
  Union,
  Watermark,
  StreamJoin,
  StreamDedup,
  Window,
  Sink
};

class PhysicalOp {
 public:
  virtual ~PhysicalOp() = default;
  PhysKind kind() const { return kind_; }
  const std::vector<PhysPtr>& children() const { return children_; }
  const PhysPtr& child() const { return children_.at(0); }
  /// Columns produced, in order.
  virtual std::vector<Attribute> output() const = 0;
  /// Printed name (Spark's where one exists: HashAggregate, BroadcastHashJoin, ...).
  virtual std::string nodeName() const = 0;
  /// Printed arguments.
  virtual std::string argString() const = 0;
  /// True for operators that end their input pipeline (join build, aggregate, sort, sink).
  virtual bool isBreaker() const { return false; }

  int pipeline = 0;                      ///< the fused kernel this operator's per-row work runs in
  int outputPipeline = 0;                ///< breakers: the kernel that reads this operator's result
  const LogicalPlan* logical = nullptr;  ///< where it came from (for errors and EXPLAIN)

 protected:
  PhysicalOp(PhysKind kind, std::vector<PhysPtr> children)
      : kind_(kind), children_(std::move(children)) {}

 private:
  PhysKind kind_;
  std::vector<PhysPtr> children_;
};

/// Downcast helper (nullptr if the kind differs).
template <class T>
T* asPhys(const PhysPtr& p) {
  return p && p->kind() == T::kKind ? static_cast<T*>(p.get()) : nullptr;
}

/// Spark-style tree with whole-stage-codegen marks: `*(2) Filter ...`.
std::string physTreeString(const PhysPtr& root);

}  // namespace sluice
