#pragma once
// Window, two roles. Input (terminal of the child's pipeline): each row goes to the runtime's
// window buffer as [child output columns..., partition keys..., order keys..., function
// arguments...] (PhysWindow::bufferedExprs). Output (source of the next pipeline): the rows
// come back partition by partition with one more column per window function.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_window.h"

namespace sluice {

class WindowTranslator : public OperatorTranslator {
 public:
  WindowTranslator(const PhysWindow& op, bool input)
      : OperatorTranslator(op), window_(op), input_(input) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  const PhysWindow& window_;
  bool input_;
};

}  // namespace sluice
