#pragma once
// PlanExecutor: runs the pipelines of a compiled query in dependency order. It owns the
// runtime objects of the pipeline breakers (join tables, aggregate tables, sort and union
// buffers), hands each kernel its input batch, its sink and the objects of the operators it
// fuses, and checks for errors the kernel reported.
#include <functional>
#include <map>
#include <memory>

#include "codegen/query_compiler.h"
#include "planner/physical/operators.h"
#include "runtime/column_batch.h"

namespace sluice {

class AggregateTable;
class JoinTable;
class RowBuffer;

/// Reads the batch of a scan (VALUES, file, Kafka, memory).
using ScanReader = std::function<ColumnBatch(const PhysScan&)>;
/// The RowSink of a plan's sink operator (a result table, a Kafka writer, the console, ...).
using SinkResolver = std::function<RowSink*(const PhysSink&)>;

class PlanExecutor {
 public:
  /// `plan` and `query` (compiled from it) must outlive the executor.
  PlanExecutor(const PhysicalPlan& plan, const CompiledQuery& query);
  ~PlanExecutor();
  PlanExecutor(const PlanExecutor&) = delete;
  PlanExecutor& operator=(const PlanExecutor&) = delete;

  /// Runs every pipeline (or those `only` accepts) once, in order, over the batches `read`
  /// returns, writing into `sinks`. Breaker objects persist across runs (a streaming query's
  /// join tables and aggregate state); sort and union buffers empty as they are read.
  /// Throws ExecutionError (naming the pipeline) when a kernel reports an error.
  void run(const ScanReader& read, const SinkResolver& sinks,
           const std::function<bool(const CompiledPipeline&)>& only = nullptr);

  /// The group table of aggregate `op` (created on first use).
  AggregateTable& aggregateTable(const PhysicalOp& op);
  /// Which groups aggregate output pipelines emit (streaming output modes); All by default.
  void setAggregateEmit(int emit) { emit_ = emit; }
  /// The batch's maximum event time seen by watermark operator `op` (INT64_MIN when none);
  /// resetMaxEventTime() starts a new batch.
  int64_t maxEventTime(const PhysicalOp& op);
  void resetMaxEventTime(const PhysicalOp& op);

 private:
  struct Breaker;
  Breaker& breaker(const PhysicalOp& op);
  ColumnBatch sourceBatch(const PhysicalOp& source, const ScanReader& read);
  void* sinkObject(const PhysicalOp& terminal, const SinkResolver& sinks);
  void* operatorObject(const PhysicalOp& op);

  const PhysicalPlan& plan_;
  const CompiledQuery& query_;
  std::map<const PhysicalOp*, std::unique_ptr<Breaker>> breakers_;
  std::map<int, std::vector<int64_t>> limitState_;  // per pipeline, kept across runs
  std::map<int, StringArena> arenas_;               // per pipeline, reset for each run
  int emit_ = 0;                                    // AggregateTable::Emit
};

}  // namespace sluice
