#pragma once
// Filter: passes a row on only when its condition is TRUE (FALSE and NULL drop it).
#include "codegen/translators/translator.h"
#include "planner/physical/phys_filter.h"

namespace sluice {

class FilterTranslator : public OperatorTranslator {
 public:
  explicit FilterTranslator(const PhysFilter& filter)
      : OperatorTranslator(filter), filter_(filter) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysFilter& filter_;
};

}  // namespace sluice
