#pragma once
// Operators whose runtime object keeps its own keyed state (stream-stream join, streaming
// deduplication), two roles. Input (terminal of each input's pipeline): the input's rows go as
// they are to the runtime object (runtime/stream/stream_join_state.h, stream_dedup_state.h),
// whose RowSink for that input is the pipeline's terminal object. Output (source of the next
// pipeline): the rows the operator emitted in this batch, in its output columns.
#include "codegen/translators/translator.h"

namespace sluice {

class KeyedStateTranslator : public OperatorTranslator {
 public:
  /// `child` is the input feeding the pipeline (input role), or -1 (output role).
  KeyedStateTranslator(const PhysicalOp& op, int child) : OperatorTranslator(op), child_(child) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  int child_;
};

}  // namespace sluice
