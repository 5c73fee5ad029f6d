#pragma once
// Expand: a loop over the projections inside the child's pipeline; each iteration binds the
// columns of one projection and calls the parent's consume (one row per projection).
#include "codegen/translators/translator.h"
#include "planner/physical/phys_expand.h"

namespace sluice {

class ExpandTranslator : public OperatorTranslator {
 public:
  explicit ExpandTranslator(const PhysExpand& op) : OperatorTranslator(op), expand_(op) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysExpand& expand_;
};

}  // namespace sluice
