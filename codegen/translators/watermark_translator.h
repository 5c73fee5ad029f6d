#pragma once
// EventTimeWatermark: rows pass through unchanged; the kernel tracks the batch's maximum
// event time in the runtime's WatermarkTracker (runtime/exec), from which the runtime derives
// the next watermark (max event time - delay) after the batch.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_watermark.h"

namespace sluice {

class WatermarkTranslator : public OperatorTranslator {
 public:
  explicit WatermarkTranslator(const PhysWatermark& op) : OperatorTranslator(op), wm_(op) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysWatermark& wm_;
};

}  // namespace sluice
