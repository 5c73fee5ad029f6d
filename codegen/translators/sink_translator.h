#pragma once
// Sink (WriteTo): the terminal of a pipeline. Writes the row's output columns into RowSlots
// and calls sluice_rt_emit_row once per row (see abi.h); the RowSink behind
// KernelArgs::sink decides where rows go (a SELECT's result table, later writers).
#include "codegen/translators/translator.h"
#include "planner/physical/phys_sink.h"

namespace sluice {

class SinkTranslator : public OperatorTranslator {
 public:
  explicit SinkTranslator(const PhysSink& sink) : OperatorTranslator(sink), sink_(sink) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysSink& sink_;
};

}  // namespace sluice
