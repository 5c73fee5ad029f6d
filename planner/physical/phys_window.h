#pragma once
// Window: a pipeline breaker. Its input pipeline buffers each row as [child output columns...,
// PARTITION BY keys..., ORDER BY keys..., every function's arguments...]; the runtime
// (runtime/exec/window_evaluator.h) sorts the buffer by (partition keys, order keys),
// evaluates the functions partition by partition, and the output pipeline reads
// [child output columns..., one column per function].
#include "planner/logical/window.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysWindow : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Window;
  PhysWindow(const Window& window, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), window(window) {}
  const Window& window;  ///< functions, frames, keys
  bool isBreaker() const override { return true; }
  std::vector<Attribute> output() const override {
    auto out = child()->output();
    for (const auto& f : window.functions) out.push_back(f->outputAttr());
    return out;
  }
  std::string nodeName() const override { return "Window"; }
  std::string argString() const override { return window.argString(); }

  /// The expressions buffered per input row after the child's columns, in order: partition
  /// keys, order keys, then each function's arguments.
  std::vector<ExprPtr> bufferedExprs() const {
    std::vector<ExprPtr> out = window.partitionBy;
    out.insert(out.end(), window.orderBy.begin(), window.orderBy.end());
    for (const auto& f : window.functions)
      for (const auto& a : stripAlias(f)->args) out.push_back(a);
    return out;
  }
  /// Column types of the buffered rows.
  std::vector<TypePtr> bufferTypes() const {
    std::vector<TypePtr> types;
    for (const auto& a : child()->output()) types.push_back(a.type);
    for (const auto& e : bufferedExprs()) types.push_back(e->type);
    return types;
  }
};

}  // namespace sluice
