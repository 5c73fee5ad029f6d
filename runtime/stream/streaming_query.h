#pragma once
// A running streaming query: Spark's micro-batch loop over the sources of its plan.
//
//   each batch n:  plan end offsets of every source -> write offsets/n -> read each source's
//                  records -> run the kernels -> flush the sink -> commit state version n+1
//                  -> write commits/n -> progress
//
// The plan (planner/streaming/streaming_plan.h) carries every decision; this loop only
// executes it, with its parts in their own files: TriggerPolicy (when), SourceSet (what:
// offsets of N sources), StatefulOperators (state stores), WatermarkTracker (event time) and
// ProgressReporter (what happened). On (re)start the checkpoint decides: an uncommitted batch
// is replayed with exactly its logged offsets for every source, after the state of the batch
// before it is loaded, so a crash at any point neither loses nor double-counts input (the sink
// may see the replayed batch twice: at-least-once, as Spark's Kafka sink). One run holds a
// checkpoint at a time (CheckpointLock). Static inputs are read once per start.
#include <memory>
#include <string>

#include "codegen/query_compiler.h"
#include "planner/streaming/streaming_plan.h"
#include "runtime/connectors/stream_sink.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/progress/query_monitor.h"
#include "runtime/stop_source.h"
#include "runtime/stream/stateful_operators.h"

namespace sluice {

/// How a query reports, where static inputs come from, and what stops it.
struct StreamingRunOptions {
  std::string progressFile;  ///< append one StreamingQueryProgress JSON per batch ("" = none)
  bool statusLine = false;   ///< a live one-line status on stderr
  /// Receives each batch's progress for the web UI and metrics (may be null).
  std::shared_ptr<QueryMonitor> monitor;
  StateOptions state;  ///< state store settings
  /// Worker threads of partition-parallel execution (PlanExecutor::setThreads); 0 = the
  /// default (defaultExecThreads()).
  int threads = 0;
  /// The query's stop request (a child of its engine's); must outlive run(). Required.
  const StopSource* stop = nullptr;
  /// Reads static (batch) inputs, e.g. the table of a stream-static join; nullptr = the
  /// connectors' batch readers.
  ScanReader staticReader;
};

class StreamingQuery {
 public:
  /// `plan`, `physical` and the compiled `query` must outlive this object; `sink` receives
  /// the rows of the plan's sink.
  StreamingQuery(const StreamingPlan& plan, const PhysicalPlan& physical,
                 const CompiledQuery& query, std::unique_ptr<StreamSink> sink,
                 StreamingRunOptions options);
  ~StreamingQuery();

  /// Runs batches until the trigger says done (once / availableNow: all input available at
  /// start processed) or a stop is requested (finishing the current batch, unless it waits
  /// on a sink or broker: then Interrupted, and the batch is replayed on restart). Throws
  /// ExecutionError on failures (the current batch is then not committed).
  void run();
  /// Batches run by this object so far.
  int64_t batchesRun() const;
  /// The current status line (what the last batch did, or what the query waits for).
  std::string status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
