#pragma once
// Sort, two roles. Input (terminal of the child's pipeline): each row goes to the runtime's
// sort buffer as [child output columns..., sort keys...]. Output (source of the next
// pipeline): the sorted rows come back as a batch of the child's output columns.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_sort.h"

namespace sluice {

class SortTranslator : public OperatorTranslator {
 public:
  SortTranslator(const PhysSort& op, bool input)
      : OperatorTranslator(op), sort_(op), input_(input) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  const PhysSort& sort_;
  bool input_;
};

}  // namespace sluice
