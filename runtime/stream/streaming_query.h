#pragma once
// A running streaming query: Spark's micro-batch loop over one Kafka source.
//
//   each batch n:  plan end offsets -> write offsets/n -> read the records -> run the kernels
//                  -> flush the sink -> commit state version n+1 -> write commits/n -> progress
//
// On (re)start the checkpoint decides: an uncommitted batch is replayed with exactly its
// logged offsets, after the state of the batch before it is loaded, so a crash at any point
// neither loses nor double-counts input (the sink may see the replayed batch twice:
// at-least-once, as Spark's Kafka sink). Static sources (file tables, batch Kafka reads) are
// read once per start; a stream-static join builds its table once.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "codegen/query_compiler.h"
#include "planner/session/statement_planner.h"
#include "runtime/stream/stream_sinks.h"

namespace sluice {

/// How a query reports and where it writes.
struct StreamingRunOptions {
  std::string progressFile;  ///< append one StreamingQueryProgress JSON per batch ("" = none)
  bool statusLine = false;   ///< a live one-line status on stderr
  /// State store: full snapshot every N deltas (Spark's minDeltasForSnapshot, default 10).
  int64_t minDeltasForSnapshot = 10;
  /// Batches whose logs and state files are kept (Spark's minBatchesToRetain, default 100).
  int64_t minBatchesToRetain = 100;
};

class StreamingQuery {
 public:
  /// `plan` and the compiled `query` must outlive this object; `sink` receives the rows of
  /// the plan's sink operator.
  StreamingQuery(std::string name, StreamingQuerySpec spec, const PhysicalPlan& plan,
                 const CompiledQuery& query, std::unique_ptr<StreamSink> sink,
                 StreamingRunOptions options);
  ~StreamingQuery();

  /// Runs batches until the trigger says done (once / availableNow: all input available at
  /// start processed) or a stop is requested (stop_signal.h), finishing the current batch.
  /// Throws ExecutionError on failures (the current batch is then not committed).
  void run();
  /// Batches run by this object so far.
  int64_t batchesRun() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
