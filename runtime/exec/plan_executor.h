#pragma once
// PlanExecutor: runs the pipelines of a compiled query in dependency order. It owns the
// runtime objects of the pipeline breakers (join tables, aggregate tables, sort and union
// buffers), hands each kernel its input batch, its sink and the objects of the operators it
// fuses, and checks for errors the kernel reported.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "codegen/query_compiler.h"
#include "planner/physical/operators.h"
#include "runtime/column_batch.h"

namespace sluice {

class AggregateTable;
class ExternalOperator;
class StopSource;
class JoinTable;
class RowBuffer;
class TaskPool;

/// Reads the rows of a scan (VALUES, file, Kafka, memory) and hands them to the consumer: as
/// one batch, or when `chunked` allows it as several (a Kafka read, so that memory stays
/// bounded and fetching overlaps the kernels). At least one batch, possibly empty. A batch
/// must own (or keep alive, ColumnBatch::keepAlive) what its values point into: with
/// partition-parallel execution it is processed on a worker thread after the call returned
/// (never after the executor's run() returned).
using ScanReader =
    std::function<void(const PhysScan& scan, bool chunked, const BatchConsumer& consume)>;
/// A ScanReader from a function that returns all rows of a scan as one batch.
ScanReader wholeBatches(std::function<ColumnBatch(const PhysScan&)> read);
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
  /// hands over, writing into `sinks`. Breaker objects persist across runs (a streaming query's
  /// join tables and aggregate state); sort and union buffers empty as they are read.
  /// A pipeline's batch is handed to its kernel in slices of chunkRows() rows; before each
  /// slice the stop (setStop) is checked. Throws ExecutionError (naming the pipeline) when a
  /// kernel reports an error, Interrupted (naming the pipeline) when a stop was requested.
  void run(const ScanReader& read, const SinkResolver& sinks,
           const std::function<bool(const CompiledPipeline&)>& only = nullptr);

  /// Drops the runtime object of breaker `op` (a static join build read again), so the
  /// next run starts it empty; nothing for other operators.
  void resetBreaker(const PhysicalOp& op);
  /// The group table of aggregate `op` (created on first use).
  AggregateTable& aggregateTable(const PhysicalOp& op);
  /// Makes `impl` (which must outlive the executor's runs) the runtime object of breaker `op`
  /// (a PhysStreamJoin): its input pipelines write to impl->input(child), its output pipeline
  /// reads impl->produce().
  void setExternalOperator(const PhysicalOp& op, ExternalOperator* impl) { external_[&op] = impl; }
  /// The stop request run() honours between slices of work (nullptr: none). `stop` must
  /// outlive the executor or be reset first.
  void setStop(const StopSource* stop) { stop_ = stop; }
  /// Rows per kernel call (default kDefaultChunkRows; at least 1): a stop waits for at most
  /// one slice. Results do not depend on it.
  void setChunkRows(int64_t rows) { chunkRows_ = rows < 1 ? 1 : rows; }
  /// Rows per kernel call.
  int64_t chunkRows() const { return chunkRows_; }
  /// Default rows per kernel call: large enough that the per-call cost vanishes, small
  /// enough that a stop is honoured within a fraction of a second.
  static constexpr int64_t kDefaultChunkRows = 64 * 1024;

  /// Worker threads for partition-parallel execution (at least 1; default
  /// defaultExecThreads()). With more than one, a pipeline that starts at a scan runs each
  /// batch (a Kafka chunk, a file split, or a kDefaultChunkRows slice of a larger batch) as a
  /// task on a worker: rows it emits are buffered per task and handed to the terminal in
  /// batch order, aggregates build a partial table per task merged in batch order, join
  /// probes share the built table read-only. Results (and their order) do not depend on it.
  /// Pipelines with LIMIT, non-chunkable kernels (rand()) and aggregates with runtime
  /// accumulators (collect_list, count(DISTINCT), ...) run on the calling thread.
  void setThreads(int threads);
  /// Worker threads (1: everything on the calling thread).
  int threads() const { return threads_; }

  /// Which groups aggregate output pipelines emit (streaming output modes); All by default.
  void setAggregateEmit(int emit) { emit_ = emit; }
  /// The batch's maximum event time seen by watermark operator `op` (INT64_MIN when none);
  /// resetMaxEventTime() starts a new batch.
  int64_t maxEventTime(const PhysicalOp& op);
  void resetMaxEventTime(const PhysicalOp& op);

 private:
  struct OperatorState;
  OperatorState& state(const PhysicalOp& op);
  void sourceBatches(const PhysicalOp& source, bool chunked, const ScanReader& read,
                     const BatchConsumer& consume);
  void* terminalObject(const PhysicalOp& terminal, int pipeline, const SinkResolver& sinks);
  void* operatorObject(const PhysicalOp& op);
  void runKernel(const CompiledPipeline& p, const ColumnBatch& batch, KernelArgs& args,
                 int64_t from = 0, int64_t to = -1);
  [[noreturn]] void throwKernelError(const CompiledPipeline& p, std::string err);
  bool parallel(const CompiledPipeline& p) const;
  void runParallel(const CompiledPipeline& p, const ScanReader& read, void* terminal,
                   const std::vector<void*>& objects);
  std::optional<std::string> takeKernelErrorWithRow(const CompiledPipeline& p,
                                                    const ColumnBatch& batch,
                                                    const KernelArgs& args, int64_t firstRow);

  const PhysicalPlan& plan_;
  const CompiledQuery& query_;
  std::map<const PhysicalOp*, std::unique_ptr<OperatorState>> states_;
  std::map<const PhysicalOp*, ExternalOperator*> external_;
  std::map<int, std::vector<int64_t>> limitState_;  // per pipeline, kept across runs
  std::map<int, StringArena> arenas_;               // per pipeline, reset for each run
  int emit_ = 0;                                    // AggregateTable::Emit
  const StopSource* stop_ = nullptr;
  int64_t chunkRows_ = kDefaultChunkRows;
  int threads_;
  std::unique_ptr<TaskPool> pool_;  // created on first parallel pipeline
  // One arena per pool worker, reset per task: a worker runs one task at a time and a task's
  // output never points into its arena, so the memory is reused task after task instead of
  // being allocated (and page-faulted) anew for each.
  std::vector<StringArena> workerArenas_;
};

}  // namespace sluice
