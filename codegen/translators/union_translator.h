#pragma once
// Union (UNION ALL), two roles. Input (terminal of each child's pipeline): the child's rows go
// to the runtime's union buffer in the union's column order. Output (source of the next
// pipeline): the buffered rows of all children as one batch.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_union.h"

namespace sluice {

class UnionTranslator : public OperatorTranslator {
 public:
  /// `child` is the index of the input feeding this pipeline (input role), or -1 (output).
  UnionTranslator(const PhysUnion& op, int child)
      : OperatorTranslator(op), union_(op), child_(child) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  const PhysUnion& union_;
  int child_;
};

}  // namespace sluice
