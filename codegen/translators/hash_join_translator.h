#pragma once
// BroadcastHashJoin (BuildRight), two roles. Build (terminal of the build side's pipeline):
// each build row goes to the runtime's join table as [right keys..., build columns...]; the
// table drops rows with a NULL key (they can never match). Probe (inside the probe side's
// pipeline): looks the left keys up and loops over the matches, applying the residual
// condition, with inner / left outer / left semi / left anti semantics.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_hash_join.h"

namespace sluice {

class HashJoinTranslator : public OperatorTranslator {
 public:
  HashJoinTranslator(const PhysHashJoin& op, bool build)
      : OperatorTranslator(op), join_(op), build_(build) {}
  void consume(PipelineContext& ctx) override;

 private:
  void consumeBuild(PipelineContext& ctx);
  void consumeProbe(PipelineContext& ctx);

  const PhysHashJoin& join_;
  bool build_;
};

}  // namespace sluice
