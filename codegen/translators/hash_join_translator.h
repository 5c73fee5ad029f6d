#pragma once
// BroadcastHashJoin (BuildRight), two roles. Build (terminal of the build side's pipeline):
// each build row goes to the runtime's join table as [right keys..., build columns...]; the
// table drops rows with a NULL key (they can never match). Probe (inside the probe side's
// pipeline): looks the left keys up and loops over the matches, applying the residual
// condition, with inner / left outer / left semi / left anti / full outer semantics. FULL
// OUTER: the probe also marks each matched build row and ends its pipeline, writing the
// joined rows to the join's buffer; Output (the source of the next pipeline) reads that
// buffer, to which the runtime has appended the unmatched build rows NULL-padded.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_hash_join.h"

namespace sluice {

class HashJoinTranslator : public OperatorTranslator {
 public:
  enum class Role { Build, Probe, Output };
  HashJoinTranslator(const PhysHashJoin& op, Role role)
      : OperatorTranslator(op), join_(op), role_(role) {}
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  void consumeBuild(PipelineContext& ctx);
  void consumeProbe(PipelineContext& ctx);
  /// A joined row goes on: to the parent, or (FULL OUTER probe) into the join's buffer.
  void emitJoined(PipelineContext& ctx);

  const PhysHashJoin& join_;
  Role role_;
};

}  // namespace sluice
