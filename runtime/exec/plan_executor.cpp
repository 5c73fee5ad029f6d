#include "runtime/exec/plan_executor.h"

#include "frontend/error.h"
#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/external_operator.h"
#include "runtime/exec/join_table.h"
#include "runtime/exec/row_buffer.h"
#include "runtime/exec/task_pool.h"
#include "runtime/exec/window_evaluator.h"
#include "runtime/stop_source.h"
#include "stdlib/kernel_error.h"

namespace sluice {

// The runtime object of one breaker operator or of an operator inside a pipeline that
// needs one (exactly one member is set).
struct PlanExecutor::OperatorState {
  std::unique_ptr<JoinTable> join;
  std::unique_ptr<AggregateTable> aggregate;
  std::unique_ptr<RowBuffer> buffer;
  std::unique_ptr<WindowOperator> window;
  int64_t maxEventTime = INT64_MIN;  // watermark: the kernel updates it in place
};

namespace {

std::vector<TypePtr> typesOf(const std::vector<Attribute>& attrs) {
  std::vector<TypePtr> out;
  for (const auto& a : attrs) out.push_back(a.type);
  return out;
}

}  // namespace

PlanExecutor::PlanExecutor(const PhysicalPlan& plan, const CompiledQuery& query)
    : plan_(plan), query_(query), threads_(defaultExecThreads()) {}

void PlanExecutor::setThreads(int threads) {
  threads_ = threads < 1 ? 1 : threads;
  if (pool_ && pool_->threads() != threads_) pool_.reset();
}

PlanExecutor::~PlanExecutor() = default;

PlanExecutor::OperatorState& PlanExecutor::state(const PhysicalOp& op) {
  auto& slot = states_[&op];
  if (slot) return *slot;
  slot = std::make_unique<OperatorState>();
  switch (op.kind()) {
    case PhysKind::HashJoin: {
      const auto& j = static_cast<const PhysHashJoin&>(op);
      std::vector<TypePtr> keys;
      for (const auto& k : j.rightKeys) keys.push_back(k->type);
      slot->join =
          std::make_unique<JoinTable>(keys, typesOf(j.build()->output()), j.tracksMatches());
      slot->join->setStop(stop_);
      if (j.isBreaker()) slot->buffer = std::make_unique<RowBuffer>(typesOf(j.output()));
      break;
    }
    case PhysKind::HashAggregate: {
      const auto& a = static_cast<const PhysHashAggregate&>(op);
      slot->aggregate = std::make_unique<AggregateTable>(AggregateLayout::of(a), a.keys.empty());
      if (a.sessionKey) slot->aggregate->setSessionKey(*a.sessionKey);
      break;
    }
    case PhysKind::Sort: {
      const auto& s = static_cast<const PhysSort&>(op);
      std::vector<TypePtr> types = typesOf(s.output());
      for (const auto& k : s.sort.keys) types.push_back(k->type);
      slot->buffer = std::make_unique<RowBuffer>(types);
      break;
    }
    case PhysKind::Union:
      slot->buffer = std::make_unique<RowBuffer>(typesOf(op.output()));
      break;
    case PhysKind::Window:
      slot->window = std::make_unique<WindowOperator>(static_cast<const PhysWindow&>(op));
      break;
    case PhysKind::Watermark:
      break;
    default:
      throw ExecutionError("internal: " + op.nodeName() + " has no runtime object");
  }
  return *slot;
}

ScanReader wholeBatches(std::function<ColumnBatch(const PhysScan&)> read) {
  return [read = std::move(read)](const PhysScan& scan, bool, const BatchConsumer& consume) {
    consume(read(scan));
  };
}

void PlanExecutor::sourceBatches(const PhysicalOp& source, bool chunked, const ScanReader& read,
                                 const BatchConsumer& consume) {
  if (auto it = external_.find(&source); it != external_.end()) return it->second->produce(consume);
  switch (source.kind()) {
    case PhysKind::Scan:
      return read(static_cast<const PhysScan&>(source), chunked, consume);
    case PhysKind::HashAggregate:
      return consume(state(source).aggregate->finish(static_cast<AggregateTable::Emit>(emit_)));
    case PhysKind::Sort: {
      const auto& s = static_cast<const PhysSort&>(source);
      const size_t width = s.output().size();
      return consume(
          state(source).buffer->finish(static_cast<int64_t>(width), width, s.sort.order));
    }
    case PhysKind::Union:
      return consume(state(source).buffer->finish());
    case PhysKind::HashJoin: {  // FULL OUTER: the joined rows, then the unmatched build rows
      OperatorState& st = state(source);
      const auto& j = static_cast<const PhysHashJoin&>(source);
      st.join->emitUnmatched(*st.buffer, j.probe()->output().size());
      return consume(st.buffer->finish());
    }
    case PhysKind::Window: {
      // The rows were consumed: the next run (a streaming batch) starts empty.
      ColumnBatch out = state(source).window->finish();
      states_.erase(&source);
      return consume(std::move(out));
    }
    default:
      throw ExecutionError("internal: " + source.nodeName() + " cannot start a pipeline");
  }
}

void* PlanExecutor::terminalObject(const PhysicalOp& terminal, int pipeline,
                                   const SinkResolver& sinks) {
  switch (terminal.kind()) {
    case PhysKind::Sink:
      return static_cast<RowSink*>(sinks(static_cast<const PhysSink&>(terminal)));
    case PhysKind::HashJoin:  // the build side, or a FULL OUTER probe side (its buffer)
      if (pipeline != static_cast<const PhysHashJoin&>(terminal).buildPipeline)
        return static_cast<RowSink*>(state(terminal).buffer.get());
      return static_cast<RowSink*>(state(terminal).join.get());
    case PhysKind::HashAggregate:
      return static_cast<AggregateGroupTable*>(state(terminal).aggregate.get());
    case PhysKind::Sort:
    case PhysKind::Union:
      return static_cast<RowSink*>(state(terminal).buffer.get());
    case PhysKind::Window:
      return static_cast<RowSink*>(state(terminal).window.get());
    default:
      throw ExecutionError("internal: " + terminal.nodeName() + " cannot end a pipeline");
  }
}

int64_t PlanExecutor::maxEventTime(const PhysicalOp& op) {
  return state(op).maxEventTime;
}

void PlanExecutor::resetMaxEventTime(const PhysicalOp& op) {
  state(op).maxEventTime = INT64_MIN;
}

void* PlanExecutor::operatorObject(const PhysicalOp& op) {
  if (op.kind() == PhysKind::Watermark) return &state(op).maxEventTime;
  if (op.kind() == PhysKind::HashJoin)
    return const_cast<JoinProbeTable*>(static_cast<const JoinProbeTable*>(state(op).join.get()));
  throw ExecutionError("internal: " + op.nodeName() + " has no object inside a pipeline");
}

void PlanExecutor::resetBreaker(const PhysicalOp& op) {
  if (op.kind() == PhysKind::Sink) return;
  states_.erase(&op);
}

// Which pipelines runParallel() (plan_executor_parallel.cpp) can run.
bool PlanExecutor::parallel(const CompiledPipeline& p) const {
  const Pipeline& pl = *p.pipeline;
  if (threads_ < 2 || !p.chunkable || p.stateSlots > 0) return false;
  if (pl.ops.front()->kind() != PhysKind::Scan) return false;
  // Stateful streaming operators (joins, dedup) are fed like any RowSink terminal: the tasks'
  // rows reach them on the calling thread, in input order.
  for (const PhysicalOp* op : p.operatorSlots)
    if (op->kind() != PhysKind::Watermark && op->kind() != PhysKind::HashJoin) return false;
  const PhysicalOp& terminal = *pl.ops.back();
  // A FULL OUTER probe marks build rows as it goes: one thread.
  if (terminal.kind() == PhysKind::HashJoin && terminal.isBreaker() && pl.id == terminal.pipeline)
    return false;
  if (terminal.kind() != PhysKind::HashAggregate) return true;
  auto it = states_.find(&terminal);  // run() created it (terminalObject) before asking
  return it != states_.end() && it->second->aggregate->mergeable();
}

AggregateTable& PlanExecutor::aggregateTable(const PhysicalOp& op) {
  return *state(op).aggregate;
}

void PlanExecutor::run(const ScanReader& read, const SinkResolver& sinks,
                       const std::function<bool(const CompiledPipeline&)>& only) {
  for (const CompiledPipeline& p : query_.pipelines()) {
    if (only && !only(p)) continue;
    const Pipeline& pl = *p.pipeline;
    void* terminal = nullptr;
    if (auto it = external_.find(pl.ops.back()); it != external_.end()) {
      // Which input feeds this pipeline: the child whose rows flow in it.
      const auto& kids = pl.ops.back()->children();
      for (size_t k = 0; k < kids.size() && !terminal; ++k)
        if ((kids[k]->isBreaker() ? kids[k]->outputPipeline : kids[k]->pipeline) == pl.id)
          terminal = static_cast<RowSink*>(it->second->input(k));
    }
    if (!terminal) terminal = terminalObject(*pl.ops.back(), pl.id, sinks);
    std::vector<void*> objects;
    for (const PhysicalOp* op : p.operatorSlots) objects.push_back(operatorObject(*op));
    if (parallel(p)) {
      runParallel(p, read, terminal, objects);
      continue;
    }
    auto& limits = limitState_[p.id];
    limits.resize(static_cast<size_t>(p.stateSlots) + 1, 0);
    StringArena& arena = arenas_[p.id];
    // Kernels that restart per-call state (not chunkable) see their input as one batch.
    sourceBatches(*pl.ops.front(), p.chunkable, read, [&](ColumnBatch&& batch) {
      // The sink copies what it keeps, so the arena only has to live for this call; it is
      // reset, not recreated, so its memory is reused batch after batch (no page faults).
      arena.reset();
      KernelArgs args{batch.columns().data(), batch.rows(), terminal,
                      limits.data(),          &arena,       objects.data()};
      runKernel(p, batch, args);
    });
  }
}

namespace {

// The row of `args`' columns whose string or binary value holds the byte at `subject`, or -1.
int64_t rowHolding(const ColumnBatch& batch, const KernelArgs& args, const void* subject) {
  const auto* at = static_cast<const char*>(subject);
  for (size_t c = 0; c < batch.types().size(); ++c) {
    const TypeId id = batch.types()[c]->id();
    if (id != TypeId::String && id != TypeId::Binary) continue;
    const ColumnData& col = args.columns[c];
    const auto* views = static_cast<const StringView*>(col.values);
    for (int64_t r = 0; r < args.numRows; ++r) {
      if (col.nulls && col.nulls[r]) continue;
      const StringView v = views[r];
      if (v.ptr && at >= v.ptr && at < v.ptr + v.len) return r;
    }
  }
  return -1;
}

}  // namespace

std::optional<std::string> PlanExecutor::takeKernelErrorWithRow(const CompiledPipeline& p,
                                                                const ColumnBatch& batch,
                                                                const KernelArgs& args,
                                                                int64_t firstRow) {
  // Only on failure: the error's subject (the bytes it is about) is looked up among the
  // scan's values, so the message can name the input row and where it came from.
  const void* subject = kernelErrorSubject();
  std::optional<std::string> err = takeKernelError();
  if (!err || !subject || p.pipeline->ops.front()->kind() != PhysKind::Scan) return err;
  if (batch.types().size() != batch.columns().size()) return err;
  const int64_t r = rowHolding(batch, args, subject);
  if (r < 0) return err;
  const int64_t row = firstRow + r;
  const std::string origin = batch.describeRow(row);
  *err += " (input row " + std::to_string(row + 1) + " of " + std::to_string(batch.rows()) +
          (origin.empty() ? "" : ": " + origin) + ")";
  return err;
}

void PlanExecutor::throwKernelError(const CompiledPipeline& p, std::string err) {
  // A sink that gave up waiting because of the stop (a Kafka writer's back-pressure)
  // reports it through the kernel error: keep it an interruption.
  if (stop_ && stop_->stopRequested()) {
    if (err.rfind("stopped: ", 0) == 0) err.erase(0, 9);
    throw Interrupted(err + " (in " + p.description + ")");
  }
  throw ExecutionError(err + " (in " + p.description + ")");
}

void PlanExecutor::runKernel(const CompiledPipeline& p, const ColumnBatch& batch, KernelArgs& args,
                             int64_t from, int64_t to) {
  const int64_t rows = to < 0 ? batch.rows() : to;
  const std::vector<ColumnData>& whole = batch.columns();
  // Slices are views into the batch: values at row offset times the storage width, null
  // bytes (one per row) at the row offset. Everything a kernel keeps across rows (LIMIT
  // counters, join and aggregate tables, the arena) already outlives a call, so the slices
  // give the same result as one call; kernels that restart per-call state (rand()'s
  // generator) are not sliced. [from, to) is a task's part of the batch (parallel runs).
  const bool sliced =
      p.chunkable && (rows - from > chunkRows_ || from > 0) && whole.size() == batch.types().size();
  std::vector<size_t> widths;
  std::vector<ColumnData> cols;
  if (sliced) {
    for (const auto& t : batch.types()) widths.push_back(storageSize(*t));
    cols.resize(whole.size());
  }
  const int64_t step = sliced ? chunkRows_ : std::max<int64_t>(rows, 1);
  takeKernelError();  // a stale error of an earlier, failed run must not surface here
  for (int64_t at = from; at == from || at < rows; at += step) {
    if (stop_ && stop_->stopRequested())
      throw Interrupted(p.description + " after " + std::to_string(at) + " of " +
                        std::to_string(batch.rows()) + " rows");
    if (sliced) {
      for (size_t c = 0; c < whole.size(); ++c)
        cols[c] = ColumnData{whole[c].nulls ? whole[c].nulls + at : nullptr,
                             static_cast<const unsigned char*>(whole[c].values) +
                                 static_cast<size_t>(at) * widths[c]};
      args.columns = cols.data();
    }
    args.numRows = std::min(step, rows - at);
    p.entry(&args);
    if (hasKernelError()) throwKernelError(p, *takeKernelErrorWithRow(p, batch, args, at));
  }
}

}  // namespace sluice
