#pragma once
// Hash join: the build side (right) is materialized into a hash table by its own pipeline;
// the probe side (left) looks rows up and continues in the same pipeline (Spark's
// BroadcastHashJoin with BuildRight). Non-equi conjuncts are a residual condition.
#include "planner/logical/join.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysHashJoin : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::HashJoin;
  PhysHashJoin(JoinKind type, std::vector<ExprPtr> leftKeys, std::vector<ExprPtr> rightKeys,
               ExprPtr residual, std::vector<Attribute> out, PhysPtr probe, PhysPtr build)
      : PhysicalOp(kKind, {std::move(probe), std::move(build)}),
        type(type),
        leftKeys(std::move(leftKeys)),
        rightKeys(std::move(rightKeys)),
        residual(std::move(residual)),
        out(std::move(out)) {}
  JoinKind type;
  std::vector<ExprPtr> leftKeys, rightKeys;  ///< equi-join keys (same count, same types)
  ExprPtr residual;                          ///< other conditions, may be null
  std::vector<Attribute> out;
  int buildPipeline = 0;  ///< the kernel that fills the hash table

  const PhysPtr& probe() const { return children()[0]; }
  const PhysPtr& build() const { return children()[1]; }
  std::vector<Attribute> output() const override { return out; }
  bool isBreaker() const override { return type == JoinKind::FullOuter; }
  /// Build rows remember whether a probe row matched them (FULL OUTER).
  bool tracksMatches() const { return type == JoinKind::FullOuter; }
  std::string nodeName() const override {
    return leftKeys.empty() ? "BroadcastNestedLoopJoin" : "BroadcastHashJoin";
  }
  std::string argString() const override {
    return exprList(leftKeys) + ", " + exprList(rightKeys) + ", " + joinKindName(type) +
           ", BuildRight" + (residual ? ", " + residual->toString() : "");
  }
};

}  // namespace sluice
