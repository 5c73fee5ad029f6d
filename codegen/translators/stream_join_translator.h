#pragma once
// Stream-stream join, two roles. Input (terminal of each side's pipeline): the side's rows go
// as they are to the runtime's join state (runtime/stream/stream_join_state.h), whose RowSink
// for that side is the pipeline's terminal object. Output (source of the next pipeline): the
// rows the join emitted in this batch, in the join's output columns.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_stream_join.h"

namespace sluice {

class StreamJoinTranslator : public OperatorTranslator {
 public:
  /// `side` is 0 (left) / 1 (right) for the input role, -1 for the output role.
  StreamJoinTranslator(const PhysStreamJoin& op, int side)
      : OperatorTranslator(op), join_(op), side_(side) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  const PhysStreamJoin& join_;
  int side_;
};

}  // namespace sluice
