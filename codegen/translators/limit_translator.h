#pragma once
// Limit: counts the rows it passes in a KernelArgs::state slot (so the count survives across
// batches) and leaves the row loop once the limit is reached.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_limit.h"

namespace sluice {

class LimitTranslator : public OperatorTranslator {
 public:
  explicit LimitTranslator(const PhysLimit& limit) : OperatorTranslator(limit), limit_(limit) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysLimit& limit_;
};

}  // namespace sluice
