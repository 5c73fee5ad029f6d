#pragma once
// HashAggregate, two roles. Update (terminal of the input pipeline): finds the row's group in
// the runtime's group table and updates each aggregate in place (count, sum, avg, min, max of
// simple types) or through the runtime (the others: see codegen/aggregate_layout.h). Output
// (source of the next pipeline): scans the finalized groups, a batch of [keys...,
// aggregate results...], and computes the result expressions over them.
#include "codegen/aggregate_layout.h"
#include "codegen/translators/translator.h"
#include "planner/physical/phys_hash_aggregate.h"

namespace sluice {

class HashAggregateTranslator : public OperatorTranslator {
 public:
  HashAggregateTranslator(const PhysHashAggregate& op, bool update);
  void produce(PipelineContext& ctx) override;
  void consume(PipelineContext& ctx) override;

 private:
  void updateInline(PipelineContext& ctx, const AggFunctionLayout& f, llvm::Value* state);

  const PhysHashAggregate& agg_;
  bool update_;
  AggregateLayout layout_;
};

}  // namespace sluice
