#include "runtime/stream/streaming_query.h"

#include <atomic>
#include <chrono>
#include <optional>

#include "frontend/error.h"
#include "runtime/checkpoint/checkpoint_lock.h"
#include "runtime/checkpoint/checkpoint_log.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/stream/keyed_state_operators.h"
#include "runtime/stream/progress_reporter.h"
#include "runtime/stream/source_set.h"
#include "runtime/stream/state_partitions.h"
#include "runtime/stream/state_schema_check.h"
#include "runtime/stream/trigger_policy.h"
#include "runtime/stream/watermark_tracker.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t msSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

// What one batch did, for its progress report.
struct BatchTimes {
  Clock::time_point start = Clock::now();
  int64_t startMs = nowMs();
  int64_t walMs = 0, getMs = 0, addMs = 0, commitMs = 0, sinkMs = 0;
};

}  // namespace

struct StreamingQuery::Impl {
  const StreamingPlan& plan;
  const PhysicalPlan& physical;
  const CompiledQuery& query;
  std::unique_ptr<StreamSink> sink;
  StreamingRunOptions options;
  const StopSource& stop;
  TriggerPolicy trigger;
  ProgressReporter progress;
  std::atomic<int64_t> batchesRun{0};

  Impl(const StreamingPlan& p, const PhysicalPlan& ph, const CompiledQuery& q,
       std::unique_ptr<StreamSink> k, StreamingRunOptions o)
      : plan(p),
        physical(ph),
        query(q),
        sink(std::move(k)),
        options(std::move(o)),
        stop(*options.stop),
        trigger(p.spec.trigger, *options.stop),
        progress(options.progressFile, options.statusLine, options.monitor) {}

  // Shows on the status line what a wait inside a source or the sink waits for.
  std::function<void(std::string_view)> waitReporter() {
    return [p = &progress](std::string_view what) { p->waiting(std::string(what)); };
  }

  // The objects of one run of the loop (one start of the query).
  struct Run {
    CheckpointLog log;
    std::string runId = newUuid();
    StateOptions stateOptions;  // with the state partitions of this checkpoint
    PlanExecutor exec;
    StatefulOperators state;
    KeyedStateOperators joins;  // stream-stream joins' and deduplications' own state
    SourceSet sources;
    WatermarkTracker watermark;
    // The watermark of the batch before the next one: chained operators judge late rows by it.
    int64_t previousWatermarkMs;
    int64_t batchId;
    std::optional<OffsetSeq> replay;  // the uncommitted batch to run again first
    bool noDataBatchDue = false;      // the watermark moved: evict / emit without new data
    bool staticDone = false;          // static pipelines ran (once per start)
    // When each static pipeline last ran (re-read jdbc tables refresh by it).
    std::map<int, int64_t> staticRanMs;
    bool ranOnce = false;

    Run(Impl& q, CheckpointLog l, const RestartPlan& restart)
        : log(std::move(l)),
          stateOptions(withPartitions(q.options.state, restart)),
          exec(q.physical, q.query),
          state(q.plan.stateful, exec, log.stateDir(), restart.stateVersion, stateOptions),
          joins(q.plan.keyed, exec, log.stateDir(), restart.stateVersion, stateOptions),
          sources(q.plan, StreamOpenOptions{q.trigger.toCompletion(), q.options.stop,
                                            q.waitReporter(), (log.dir() / "sources").string()}),
          watermark(q.plan.watermarks, q.plan.watermarkPolicy, restart.watermarkMs),
          previousWatermarkMs(previousBatchWatermark(restart)),
          batchId(restart.nextBatchId),
          replay(restart.replay ? restart.replayOffsets : std::nullopt),
          noDataBatchDue(noDataBatchPending(restart)) {
      exec.setStop(q.options.stop);
      if (q.options.threads > 0) exec.setThreads(q.options.threads);
      sources.restore(log, restart);
    }
  };

  // The logged watermark of the batch before nextBatchId (0 before the first batch, as Spark's
  // default), so a restarted or replayed batch sees the same two watermarks as the first run.
  static int64_t previousBatchWatermark(const RestartPlan& restart) {
    if (restart.committedOffsets && restart.committedOffsets->metadata)
      return restart.committedOffsets->metadata->batchWatermarkMs;
    return 0;
  }

  // A run killed after committing a batch that moved the watermark, before the no-data batch
  // that move calls for, left that batch undone: the restart runs it (else an availableNow
  // restart with no new data would end without emitting / evicting what is due).
  static bool noDataBatchPending(const RestartPlan& restart) {
    return !restart.replay && restart.committedOffsets && restart.committedOffsets->metadata &&
           restart.watermarkMs > restart.committedOffsets->metadata->batchWatermarkMs;
  }

  static StateOptions withPartitions(StateOptions o, const RestartPlan& restart) {
    o.shufflePartitions = statePartitions(restart, o.shufflePartitions);
    return o;
  }

  enum class Next { Run, Idle, Done };

  // Decides the next batch's end offsets (written to offsets/<n> first), or that there is
  // nothing to do now (Idle) or any more (Done).
  Next planNext(Run& r, BatchOffsets& end, BatchTimes& t) {
    if (r.replay) {
      end = r.sources.logged(*r.replay, "offsets/" + std::to_string(r.batchId));
      return Next::Run;
    }
    const bool flush = r.noDataBatchDue && !(r.state.empty() && r.joins.empty());
    if (trigger.toCompletion() &&
        (trigger.singleBatch() ? r.ranOnce : r.sources.reachedTarget() && !flush))
      return Next::Done;
    end = r.sources.plan(trigger.singleBatch());
    if (end == r.sources.start() && !flush) {
      // Nothing new (or a source holds back for minOffsetsPerTrigger).
      if (trigger.toCompletion()) return Next::Done;
      return Next::Idle;
    }
    // With end == start and a moved watermark this is Spark's no-data batch: windows the new
    // watermark closed are emitted (append) and evicted now rather than when data arrives.
    OffsetSeq seq;
    OffsetSeqMetadata meta;
    meta.batchWatermarkMs = r.watermark.currentMs();
    meta.batchTimestampMs = t.startMs;
    meta.conf[kShufflePartitionsConf] = std::to_string(r.stateOptions.shufflePartitions);
    seq.metadata = meta;
    for (auto& e : end) seq.offsets.push_back(e);
    r.log.writeOffsets(r.batchId, seq);
    t.walMs = msSince(t.start);
    return Next::Run;
  }

  // Static pipelines run in the first batch, and again when the plan's refresh rules say so
  // (a re-read jdbc table): their breaker (a join's build table) starts empty then.
  bool runsInBatch(Run& r, const CompiledPipeline& p, int64_t nowMs, std::set<int>& ran) {
    if (!plan.staticPipelines.count(p.id)) return true;
    if (r.staticDone) {
      if (!plan.staticRefresh.due(p.id, nowMs, r.staticRanMs, ran)) return false;
      r.exec.resetBreaker(*p.pipeline->ops.back());
    }
    r.staticRanMs[p.id] = nowMs;
    ran.insert(p.id);
    return true;
  }

  // Reads every source's rows, runs the kernels and flushes the sink.
  // A source's rows stream through the kernels in chunks; getBatch is the time spent
  // waiting for them (fetching overlaps the kernels), addBatch the rest.
  std::vector<int64_t> execute(Run& r, const BatchOffsets& end, BatchTimes& t) {
    std::vector<int64_t> rows(r.sources.size(), 0);
    Clock::duration waited{};
    const auto addStart = Clock::now();
    r.state.setWatermark(r.watermark.currentMs(), r.previousWatermarkMs);
    r.joins.setWatermark(r.watermark.currentMs());
    sink->setQueryId(r.log.queryId());
    sink->beginBatch(r.batchId);
    std::set<int> refreshed;  // static pipelines that ran in this batch
    try {
      r.exec.run(
          [&](const PhysScan& scan, bool chunked, const BatchConsumer& consume) {
            const int i = plan.sourceIndex(&scan);
            if (i < 0)
              return options.staticReader ? options.staticReader(scan, chunked, consume)
                                          : readBatchSource(scan, chunked, consume);
            auto asked = Clock::now();
            r.sources.read(static_cast<size_t>(i), end, chunked, [&](ColumnBatch&& b) {
              waited += Clock::now() - asked;
              rows[static_cast<size_t>(i)] += b.rows();
              consume(std::move(b));
              asked = Clock::now();
            });
            waited += Clock::now() - asked;
          },
          [&](const PhysSink&) -> RowSink* { return sink.get(); },
          [&](const CompiledPipeline& p) { return runsInBatch(r, p, t.startMs, refreshed); });
      const auto flushStart = Clock::now();
      sink->endBatch(&stop);
      t.sinkMs = msSince(flushStart);
    } catch (...) {
      r.state.abort();
      r.joins.abort();
      throw;
    }
    r.staticDone = true;
    t.getMs = std::chrono::duration_cast<std::chrono::milliseconds>(waited).count();
    t.addMs = msSince(addStart) - t.getMs;
    return rows;
  }

  // State, then the commit log: a crash before the commit replays this batch over the state
  // of the previous version. Then the progress report.
  void commit(Run& r, const BatchOffsets& end, const std::vector<int64_t>& rows, BatchTimes& t) {
    const int64_t batchWatermarkMs = r.watermark.currentMs();
    r.previousWatermarkMs = batchWatermarkMs;
    r.noDataBatchDue = r.watermark.advance(r.exec);
    QueryProgress pr;
    pr.stateOperators = r.state.commit(r.batchId + 1);
    for (auto& j : r.joins.commit(r.batchId + 1)) pr.stateOperators.push_back(std::move(j));
    const auto commitStart = Clock::now();
    CommitMetadata commit;
    commit.nextBatchWatermarkMs = r.watermark.currentMs();
    r.log.writeCommit(r.batchId, commit);
    t.commitMs = msSince(commitStart);
    if (!r.watermark.empty()) {
      pr.eventTime["watermark"] = formatIsoTimestamp(batchWatermarkMs);
      if (auto m = r.watermark.lastMaxEventMs()) pr.eventTime["max"] = formatIsoTimestamp(*m);
    }
    const int64_t total = msSince(t.start);
    int64_t numInput = 0;
    for (int64_t n : rows) numInput += n;
    pr.id = r.log.queryId();
    pr.runId = r.runId;
    pr.name = plan.spec.name;
    pr.timestampMs = t.startMs;
    pr.batchId = r.batchId;
    pr.batchDuration = total;
    pr.numInputRows = numInput;
    pr.processedRowsPerSecond = rowsPerSecond(numInput, total);
    pr.durationMs = {{"addBatch", t.addMs},         {"getBatch", t.getMs},
                     {"latestOffset", 0},           {"queryPlanning", 0},
                     {"triggerExecution", total},   {"walCommit", t.walMs},
                     {"commitOffsets", t.commitMs}, {"sinkFlush", t.sinkMs}};
    pr.sources = r.sources.progress(end, rows, total);
    pr.sink.description = sink->description();
    pr.sink.numOutputRows = sink->rowsInBatch();
    progress.report(pr);
  }

  void run() {
    CheckpointLock lock(plan.spec.checkpointLocation);
    CheckpointLogOptions lo;
    lo.minBatchesToRetain = options.state.minBatchesToRetain;
    CheckpointLog log = CheckpointLog::open(plan.spec.checkpointLocation, lo);
    const RestartPlan restart = log.restartPlan();
    checkStateSchemas(plan, log.stateDir(), restart);  // before any state is loaded
    Run r(*this, std::move(log), restart);
    if (trigger.toCompletion()) r.sources.fixTarget();
    struct FinishLine {  // the status line ends with a newline however run() ends
      ProgressReporter& p;
      ~FinishLine() { p.finish(); }
    } finishLine{progress};
    while (!stop.stopRequested()) {
      BatchTimes t;
      BatchOffsets end;
      const Next next = planNext(r, end, t);
      if (next == Next::Done) break;
      if (next == Next::Idle) {
        progress.waiting(r.sources.waitingFor());
        trigger.idleWait();
        continue;
      }
      const std::vector<int64_t> rows = execute(r, end, t);
      commit(r, end, rows, t);
      r.sources.advance(std::move(end));
      r.replay.reset();
      ++r.batchId;
      ++batchesRun;
      r.ranOnce = true;
      trigger.waitForNextTrigger(t.start);
    }
  }
};

namespace {
StreamingRunOptions withStop(StreamingRunOptions o) {
  if (!o.stop) throw ExecutionError("internal: a streaming query needs a StopSource");
  return o;
}
}  // namespace

StreamingQuery::StreamingQuery(const StreamingPlan& plan, const PhysicalPlan& physical,
                               const CompiledQuery& query, std::unique_ptr<StreamSink> sink,
                               StreamingRunOptions options)
    : impl_(std::make_unique<Impl>(plan, physical, query, std::move(sink),
                                   withStop(std::move(options)))) {
  impl_->sink->setStop(impl_->options.stop);
  impl_->sink->setOnWait(impl_->waitReporter());
}

StreamingQuery::~StreamingQuery() = default;

void StreamingQuery::run() {
  impl_->run();
}

int64_t StreamingQuery::batchesRun() const {
  return impl_->batchesRun;
}

std::string StreamingQuery::status() const {
  return impl_->progress.status();
}

}  // namespace sluice
