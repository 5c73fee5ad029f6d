#pragma once
// Generate: explode / posexplode / explode_outer / inline of arrays and maps, and json_tuple,
// as a nested loop inside the child's pipeline (each generated row calls the parent's consume).
#include "codegen/translators/translator.h"
#include "planner/physical/phys_generate.h"

namespace sluice {

class GenerateTranslator : public OperatorTranslator {
 public:
  explicit GenerateTranslator(const PhysGenerate& op) : OperatorTranslator(op), gen_(op) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysGenerate& gen_;
};

}  // namespace sluice
