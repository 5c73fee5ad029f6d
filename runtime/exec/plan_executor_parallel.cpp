// Partition-parallel execution of a pipeline that starts at a scan (part of PlanExecutor,
// declared in plan_executor.h). The calling thread reads the scan's batches and queues each
// as tasks (a batch larger than chunkRows() is split into slices); workers run the kernel
// over a task with objects of its own (an arena, a row buffer or a partial aggregate table,
// watermark maxima); the calling thread then hands each finished task's output to the
// pipeline's terminal in batch order, so results and their order are those of a serial run.
#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>

#include "frontend/error.h"
#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/join_table.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/exec/row_buffer.h"
#include "runtime/exec/task_pool.h"
#include "runtime/stop_source.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

std::vector<TypePtr> typesOf(const std::vector<Attribute>& attrs) {
  std::vector<TypePtr> out;
  for (const auto& a : attrs) out.push_back(a.type);
  return out;
}

// The columns of the rows a pipeline emits into `terminal` when it is a RowSink (what the
// terminal's own runtime object is built for in PlanExecutor::state / the sink resolver).
std::vector<TypePtr> emittedTypes(const PhysicalOp& terminal, int pipeline) {
  switch (terminal.kind()) {
    case PhysKind::StreamJoin:
    case PhysKind::StreamDedup:
      // A stateful streaming operator takes the rows of the child this pipeline ends in.
      for (const auto& kid : terminal.children())
        if ((kid->isBreaker() ? kid->outputPipeline : kid->pipeline) == pipeline)
          return typesOf(kid->output());
      throw ExecutionError("internal: no input of " + terminal.nodeName() + " ends pipeline " +
                           std::to_string(pipeline));
    case PhysKind::Sink:
      return typesOf(static_cast<const PhysSink&>(terminal).columns);
    case PhysKind::HashJoin: {
      const auto& j = static_cast<const PhysHashJoin&>(terminal);
      std::vector<TypePtr> types;
      for (const auto& k : j.rightKeys) types.push_back(k->type);
      for (const auto& t : typesOf(j.build()->output())) types.push_back(t);
      return types;
    }
    case PhysKind::Sort: {
      const auto& s = static_cast<const PhysSort&>(terminal);
      std::vector<TypePtr> types = typesOf(s.output());
      for (const auto& k : s.sort.keys) types.push_back(k->type);
      return types;
    }
    case PhysKind::Window:
      return static_cast<const PhysWindow&>(terminal).bufferTypes();
    default:  // Union
      return typesOf(terminal.output());
  }
}

// Rows below which a batch is not cut into several tasks.
constexpr int64_t kMinTaskRows = 4096;

// One task: a slice of a batch, and what running the kernel over it produced.
struct Task {
  std::shared_ptr<const ColumnBatch> batch;
  int64_t from = 0, to = 0;
  std::unique_ptr<RowBuffer> rows;          // RowSink terminals
  std::unique_ptr<AggregateTable> partial;  // aggregate terminals
  std::vector<int64_t> maxEventTime;        // per operator slot (watermarks)
  std::exception_ptr error;                 // the kernel's, after emitting what it emitted before
  bool done = false;                        // guarded by Tasks::mu
};

// The tasks in flight, in batch order; waits for all of them however the run ends, since
// they point into the executor's objects.
struct Tasks {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::unique_ptr<Task>> queue;
  ~Tasks() {
    std::unique_lock lock(mu);
    for (auto& t : queue) cv.wait(lock, [&] { return t->done; });
  }
  void waitFor(Task& t) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return t.done; });
  }
};

}  // namespace

void PlanExecutor::runParallel(const CompiledPipeline& p, const ScanReader& read, void* terminal,
                               const std::vector<void*>& objects) {
  if (!pool_) pool_ = std::make_unique<TaskPool>(threads_);
  if (workerArenas_.size() != static_cast<size_t>(pool_->threads()))
    workerArenas_ = std::vector<StringArena>(static_cast<size_t>(pool_->threads()));
  const PhysicalOp& last = *p.pipeline->ops.back();
  AggregateTable* aggregate =
      last.kind() == PhysKind::HashAggregate
          ? static_cast<AggregateTable*>(static_cast<AggregateGroupTable*>(terminal))
          : nullptr;
  const std::vector<TypePtr> rowTypes =
      aggregate ? std::vector<TypePtr>{} : emittedTypes(last, p.pipeline->id);
  std::vector<size_t> watermarkSlots;
  for (size_t i = 0; i < p.operatorSlots.size(); ++i)
    if (p.operatorSlots[i]->kind() == PhysKind::Watermark) watermarkSlots.push_back(i);
  // Enough queued work that a worker never idles while this thread merges one task's output.
  const size_t maxInFlight = static_cast<size_t>(threads_) * 2;
  Tasks tasks;

  // Hands the oldest task's output to the terminal (on this thread, in batch order).
  const auto finishOldest = [&] {
    Task& t = *tasks.queue.front();
    tasks.waitFor(t);
    // As in a serial run, the stop is honoured between slices, and a failed slice's rows
    // before the failure still reach the terminal.
    if (stop_ && stop_->stopRequested() && !t.error)
      throw Interrupted(p.description + " after " + std::to_string(t.from) + " of " +
                        std::to_string(t.batch->rows()) + " rows");
    if (aggregate) {
      aggregate->mergeFrom(*t.partial);
    } else {
      const ColumnBatch rows = t.rows->finish();
      const std::vector<ColumnData>& cols = rows.columns();
      std::vector<RowSlot> slots(rowTypes.size());
      std::vector<uint8_t> nulls(rowTypes.size());
      std::vector<size_t> widths;
      for (const auto& ty : rowTypes) widths.push_back(storageSize(*ty));
      takeKernelError();
      for (int64_t r = 0; r < rows.rows(); ++r) {
        // The terminal sees the rows as a serial run's slices would bring them: a stop it
        // asks for (or anyone asks for) ends the run at the next slice boundary.
        if (r > 0 && r % chunkRows_ == 0 && stop_ && stop_->stopRequested() && !t.error)
          throw Interrupted(p.description + " after " + std::to_string(t.from + r) + " of " +
                            std::to_string(t.batch->rows()) + " rows");
        for (size_t c = 0; c < cols.size(); ++c) {
          nulls[c] = cols[c].nulls && cols[c].nulls[r];
          if (widths[c])
            std::memcpy(slots[c].bytes,
                        static_cast<const unsigned char*>(cols[c].values) + widths[c] * r,
                        widths[c]);
        }
        sluice_rt_emit_row(terminal, slots.data(), nulls.data());
        if (hasKernelError()) throwKernelError(p, *takeKernelError());
      }
    }
    if (t.error) std::rethrow_exception(t.error);
    for (size_t i = 0; i < watermarkSlots.size(); ++i) {
      auto* max = static_cast<int64_t*>(objects[watermarkSlots[i]]);
      *max = std::max(*max, t.maxEventTime[i]);
    }
    tasks.queue.pop_front();
  };

  // Copied into each queued task (it captures only what outlives `tasks`).
  const auto runTask = [this, &p, &objects, &watermarkSlots, aggregate, &tasks](Task& t,
                                                                                int worker) {
    try {
      StringArena& arena = workerArenas_[static_cast<size_t>(worker)];
      arena.reset();
      std::vector<void*> own = objects;
      t.maxEventTime.assign(watermarkSlots.size(), INT64_MIN);
      for (size_t i = 0; i < watermarkSlots.size(); ++i)
        own[watermarkSlots[i]] = &t.maxEventTime[i];
      void* out = aggregate ? static_cast<void*>(static_cast<AggregateGroupTable*>(t.partial.get()))
                            : static_cast<void*>(static_cast<RowSink*>(t.rows.get()));
      int64_t noLimits = 0;
      KernelArgs args{
          t.batch->columns().data(), t.batch->rows(), out, &noLimits, &arena, own.data()};
      runKernel(p, *t.batch, args, t.from, t.to);
    } catch (...) {
      t.error = std::current_exception();
    }
    std::lock_guard lock(tasks.mu);
    t.done = true;
    tasks.cv.notify_all();
  };

  const auto submit = [&](std::shared_ptr<const ColumnBatch> batch, int64_t from, int64_t to) {
    while (tasks.queue.size() >= maxInFlight) finishOldest();
    auto t = std::make_unique<Task>();
    t->batch = std::move(batch);
    t->from = from;
    t->to = to;
    if (aggregate)
      t->partial = aggregate->emptyLike();
    else
      t->rows = std::make_unique<RowBuffer>(rowTypes);
    Task* raw = t.get();
    tasks.queue.push_back(std::move(t));
    pool_->submit([raw, runTask](int worker) { runTask(*raw, worker); });
  };

  sourceBatches(*p.pipeline->ops.front(), true, read, [&](ColumnBatch&& b) {
    auto batch = std::make_shared<const ColumnBatch>(std::move(b));
    const int64_t rows = batch->rows();
    // Slices need column views at a row offset, which batches with columns the kernel ABI
    // does not carry cannot give: those run as one task.
    const bool splittable = batch->columns().size() == batch->types().size();
    // A batch is cut into a task per worker (at most chunkRows() rows each), so that one
    // micro-batch keeps every core busy; not below kMinTaskRows, where the per-task costs
    // (a partial table and its merge, a row buffer) would show.
    const int64_t perWorker = (rows + threads_ - 1) / threads_;
    const int64_t step = std::max(kMinTaskRows, std::min(chunkRows_, perWorker));
    if (!splittable || rows <= step) return submit(std::move(batch), 0, rows);
    for (int64_t at = 0; at < rows; at += step) submit(batch, at, std::min(rows, at + step));
  });
  while (!tasks.queue.empty()) finishOldest();
}

}  // namespace sluice
