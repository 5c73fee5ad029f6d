#pragma once
// A breaker whose runtime object lives outside the PlanExecutor (e.g. the state of a
// stream-stream join, owned by the streaming loop because it is checkpointed): the executor
// hands each input pipeline the operator's RowSink for that input, and starts the output
// pipeline with the batches the operator produces.
#include "codegen/abi.h"
#include "runtime/column_batch.h"

namespace sluice {

class ExternalOperator {
 public:
  virtual ~ExternalOperator() = default;
  /// The sink of the pipeline feeding input `child` (0-based, the physical op's children).
  virtual RowSink* input(size_t child) = 0;
  /// After all inputs ran: hands the rows the operator outputs in this run to `consume`.
  virtual void produce(const BatchConsumer& consume) = 0;
};

}  // namespace sluice
