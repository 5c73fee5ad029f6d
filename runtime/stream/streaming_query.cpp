#include "runtime/stream/streaming_query.h"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/checkpoint/checkpoint_log.h"
#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/progress/progress_writer.h"
#include "runtime/progress/query_progress.h"
#include "runtime/state/state_store.h"
#include "runtime/stream/stop_signal.h"

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

std::string randomUuid() {
  std::random_device rd;
  std::mt19937_64 g((static_cast<uint64_t>(rd()) << 32) ^ rd());
  const uint64_t a = g(), b = g();
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(((b >> 48) & 0x3fff) | 0x8000),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

enum class TriggerKind { Continuous, Interval, Once, AvailableNow };

struct Trigger {
  TriggerKind kind = TriggerKind::Continuous;
  int64_t intervalMs = 0;
};

// Spark's trigger forms: once, availableNow, or a processing-time interval ('10 seconds').
Trigger parseTrigger(const std::string& text, const std::string& query) {
  Trigger t;
  const std::string s = asciiLower(text);
  if (s.empty()) return t;
  if (s == "once") {
    t.kind = TriggerKind::Once;
    return t;
  }
  if (s == "availablenow") {
    t.kind = TriggerKind::AvailableNow;
    return t;
  }
  size_t pos = 0;
  double n = 0;
  try {
    n = std::stod(s, &pos);
  } catch (...) {
    pos = 0;
  }
  std::string unit = s.substr(pos);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  if (!unit.empty() && unit.back() == 's' && unit != "ms") unit.pop_back();
  static const std::map<std::string, double> units = {
      {"ms", 1},         {"millisecond", 1}, {"second", 1000},  {"sec", 1000},
      {"minute", 60000}, {"min", 60000},     {"hour", 3600000}, {"day", 86400000}};
  auto u = units.find(unit);
  if (pos == 0 || u == units.end() || n < 0)
    throw ExecutionError("streaming query " + query + ": trigger '" + text +
                         "' is not one of 'once', 'availableNow' or an interval like "
                         "'10 seconds'");
  t.kind = n == 0 ? TriggerKind::Continuous : TriggerKind::Interval;
  t.intervalMs = static_cast<int64_t>(n * u->second);
  return t;
}

// Spark's time strings (Utils.timeStringAsMs): "15m", "30s", "100ms", "1h", "2d"; a bare
// number is milliseconds.
int64_t timeStringMs(const std::string& text, const std::string& option) {
  size_t pos = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &pos);
  } catch (...) {
  }
  std::string unit = asciiLower(text.substr(pos));
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  static const std::map<std::string, int64_t> units = {
      {"", 1},      {"ms", 1},      {"s", 1000},    {"sec", 1000},
      {"m", 60000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  auto u = units.find(unit);
  if (n < 0 || u == units.end())
    throw ExecutionError("option " + option + ": '" + text +
                         "' is not a duration like '15m', '30s' or '100ms'");
  return n * u->second;
}

// Records in [start, end) over all partitions (a partition new in `end` counts from 0).
int64_t offsetsBetween(const PartitionOffsets& start, const PartitionOffsets& end) {
  int64_t n = 0;
  for (const auto& [tp, off] : end) {
    auto it = start.find(tp);
    n += off - (it == start.end() ? 0 : it->second);
  }
  return n;
}

bool reached(const PartitionOffsets& at, const PartitionOffsets& target) {
  for (const auto& [tp, off] : target) {
    auto it = at.find(tp);
    if (it == at.end() ? off > 0 : it->second < off) return false;
  }
  return true;
}

// `end` limited to `target` per partition (availableNow stops at the start-time latest).
PartitionOffsets clampTo(PartitionOffsets end, const PartitionOffsets& target) {
  for (auto& [tp, off] : end) {
    auto it = target.find(tp);
    if (it != target.end() && off > it->second) off = it->second;
  }
  return end;
}

const std::vector<std::string>& kafkaColumnNames(bool headers) {
  static const std::vector<std::string> plain = {"key",    "value",     "topic",        "partition",
                                                 "offset", "timestamp", "timestampType"};
  static const std::vector<std::string> withHeaders = [] {
    auto v = plain;
    v.push_back("headers");
    return v;
  }();
  return headers ? withHeaders : plain;
}

}  // namespace

struct StreamingQuery::Impl {
  std::string name;
  StreamingQuerySpec spec;
  const PhysicalPlan& plan;
  const CompiledQuery& query;
  std::unique_ptr<StreamSink> sink;
  StreamingRunOptions options;
  Trigger trigger;

  const PhysScan* stream = nullptr;
  std::set<int> staticPipelines;                       // inputs that do not change per batch
  std::vector<const PhysHashAggregate*> statefulAggs;  // aggregates over the stream
  std::vector<const PhysWatermark*> watermarks;        // event-time operators on the stream
  int64_t batchesRun = 0;

  Impl(std::string n, StreamingQuerySpec s, const PhysicalPlan& p, const CompiledQuery& q,
       std::unique_ptr<StreamSink> k, StreamingRunOptions o)
      : name(std::move(n)),
        spec(std::move(s)),
        plan(p),
        query(q),
        sink(std::move(k)),
        options(std::move(o)) {
    trigger = parseTrigger(spec.trigger, name);
    classifyPipelines();
  }

  // Finds the streaming source, the pipelines that only depend on static sources, and the
  // aggregates whose state must persist across batches.
  void classifyPipelines() {
    for (const auto& p : plan.pipelines) {
      const PhysicalOp* source = p.ops.front();
      bool isStatic;
      if (source->kind() == PhysKind::Scan) {
        const auto* scan = static_cast<const PhysScan*>(source);
        isStatic = !scan->scan.streaming;
        if (!isStatic) {
          if (scan->scan.source != SourceKind::Kafka)
            throw ExecutionError("streaming query " + name + ": streaming reads of " +
                                 scan->scan.format + " sources are not supported (Kafka only)");
          if (stream && stream != scan)
            throw ExecutionError("streaming query " + name +
                                 " reads more than one stream; sluice runs one streaming "
                                 "source per query for now");
          stream = scan;
        }
      } else {
        isStatic = true;
        for (const auto& q : plan.pipelines)
          if (q.ops.back() == source && !staticPipelines.count(q.id)) isStatic = false;
      }
      if (isStatic) staticPipelines.insert(p.id);
      const PhysicalOp* terminal = p.ops.back();
      if (!isStatic && terminal->kind() == PhysKind::HashAggregate)
        statefulAggs.push_back(static_cast<const PhysHashAggregate*>(terminal));
      if (!isStatic)
        for (const PhysicalOp* op : p.ops)
          if (op->kind() == PhysKind::Watermark)
            watermarks.push_back(static_cast<const PhysWatermark*>(op));
    }
    if (!stream) throw ExecutionError("streaming query " + name + " reads no stream");
  }

  void run() {
    const OutputMode mode = spec.outputMode;
    const AggregateTable::Emit emit = mode == OutputMode::Complete ? AggregateTable::Emit::All
                                      : mode == OutputMode::Update
                                          ? AggregateTable::Emit::Updated
                                          : AggregateTable::Emit::Finalized;
    CheckpointLogOptions logOptions;
    logOptions.minBatchesToRetain = options.minBatchesToRetain;
    CheckpointLog log = CheckpointLog::open(spec.checkpointLocation, logOptions);
    const RestartPlan restart = log.restartPlan();
    const std::string runId = randomUuid();

    PlanExecutor exec(plan, query);
    exec.setAggregateEmit(static_cast<int>(emit));

    // State: one store per stateful aggregate (operator id = its position), loaded at the
    // version the restart plan names; the groups are re-created from it.
    std::vector<std::unique_ptr<StateStore>> stores;
    for (size_t i = 0; i < statefulAggs.size(); ++i) {
      AggregateTable& table = exec.aggregateTable(*statefulAggs[i]);
      if (!watermarks.empty()) {
        // The grouping key that carries event time: a window over it, or the column itself.
        std::optional<size_t> key;
        const auto& keys = statefulAggs[i]->keys;
        for (size_t k = 0; k < keys.size() && !key; ++k) {
          const DataType& t = *keys[k]->type;
          const bool window = t.id() == TypeId::Struct && t.fields().size() == 2 &&
                              t.fields()[1].name == "end" &&
                              t.fields()[1].type->id() == TypeId::Timestamp;
          bool eventColumn = false;
          for (const auto* w : watermarks)
            eventColumn = eventColumn || (keys[k]->kind == ExprKind::ColumnRef &&
                                          keys[k]->attr.id == w->wm.eventTime.id);
          if (window || eventColumn) key = k;
        }
        if (key)
          table.setEventTimeKey(*key);
        else if (mode == OutputMode::Append)
          throw ExecutionError("streaming query " + name +
                               ": append mode needs the aggregation to group by the watermarked "
                               "event-time column or a window() over it");
      }
      StateStoreOptions so;
      so.minDeltasForSnapshot = options.minDeltasForSnapshot;
      so.minVersionsToRetain = options.minBatchesToRetain;
      stores.push_back(std::make_unique<StateStore>(
          StateStore::directoryFor(log.stateDir(), static_cast<int64_t>(i), 0), so));
      StateStore& store = *stores.back();
      store.load(restart.stateVersion);
      // The store merges snapshot + deltas, so a bad value is named by directory and version.
      const std::string where =
          store.dir().string() + " (state version " + std::to_string(restart.stateVersion) + ")";
      store.forEach([&](std::string_view k, std::string_view v) { table.restore(k, v, where); });
    }

    KafkaReader reader(stream->scan.options, /*streaming=*/true);
    const bool headers = stream->scan.options.count("includeHeaders") &&
                         asciiLower(stream->scan.options.at("includeHeaders")) == "true";
    const std::string sourceWhere = log.dir().string();
    auto parse = [&](const std::optional<std::string>& json, const char* what) {
      if (!json)
        throw ExecutionError("checkpoint " + sourceWhere + ": " + what + " has no offsets for " +
                             reader.description());
      return parsePartitionOffsets(*json, std::string(what) + " in " + sourceWhere);
    };
    PartitionOffsets start =
        restart.committedOffsets
            ? parse(restart.committedOffsets->offsets.at(0), "the last committed batch")
            : parsePartitionOffsets(
                  log.writeInitialOffsets(0, partitionOffsetsToJson(reader.initialOffsets())),
                  "sources/0/0 in " + sourceWhere);
    std::optional<OffsetSeq> replay = restart.replay ? restart.replayOffsets : std::nullopt;
    int64_t batchId = restart.nextBatchId;
    int64_t watermarkMs = restart.watermarkMs;
    bool noDataBatchDue = false;  // the watermark moved: evict / emit without new data

    // availableNow / once: everything up to the latest offsets at start, then return.
    std::optional<PartitionOffsets> target;
    if (trigger.kind == TriggerKind::AvailableNow || trigger.kind == TriggerKind::Once)
      target = reader.latestOffsets();

    // minOffsetsPerTrigger + maxTriggerDelay (Spark 3.3): a batch waits until enough records
    // are available or the delay since the last batch has passed (not with once /
    // availableNow, which process what is there).
    std::optional<int64_t> minOffsets;
    int64_t maxTriggerDelayMs = 15 * 60000;
    for (const auto& [k, v] : stream->scan.options) {
      if (equalsIgnoreCase(k, "minOffsetsPerTrigger")) {
        try {
          minOffsets = std::stoll(v);
        } catch (...) {
          throw ExecutionError("option minOffsetsPerTrigger: '" + v + "' is not a number");
        }
      } else if (equalsIgnoreCase(k, "maxTriggerDelay")) {
        maxTriggerDelayMs = timeStringMs(v, "maxTriggerDelay");
      }
    }
    auto lastBatchAt = Clock::now();

    std::unique_ptr<ProgressWriter> progress;
    if (!options.progressFile.empty())
      progress = std::make_unique<ProgressWriter>(options.progressFile);
    bool staticDone = false;
    bool ranOnce = false;

    while (!stopRequested()) {
      const auto triggerStart = Clock::now();
      const int64_t triggerStartMs = nowMs();
      PartitionOffsets end;
      if (replay) {
        end = parse(replay->offsets.at(0), ("offsets/" + std::to_string(batchId)).c_str());
      } else {
        const bool flush = noDataBatchDue && !statefulAggs.empty();
        if (target &&
            (trigger.kind == TriggerKind::Once ? ranOnce : reached(start, *target) && !flush))
          break;
        end = trigger.kind == TriggerKind::Once ? *target : reader.planBatch(start);
        if (target) end = clampTo(end, *target);
        if (end == start && flush) {
          // Spark's no-data batch: same offsets, no input, so windows the new watermark
          // closed are emitted (append) and evicted now rather than when data arrives.
        } else if (end == start ||
                   (!target && minOffsets && offsetsBetween(start, end) < *minOffsets &&
                    msSince(lastBatchAt) < maxTriggerDelayMs)) {
          if (target) break;  // nothing left that existed at start
          // No new data: wait for the next trigger (or a short poll), then look again.
          const int64_t waitMs = trigger.kind == TriggerKind::Interval ? trigger.intervalMs : 100;
          for (int64_t w = 0; w < waitMs && !stopRequested(); w += 20)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        OffsetSeq seq;
        OffsetSeqMetadata meta;
        meta.batchWatermarkMs = watermarkMs;
        meta.batchTimestampMs = triggerStartMs;
        seq.metadata = meta;
        seq.offsets.push_back(partitionOffsetsToJson(end));
        log.writeOffsets(batchId, seq);
      }
      const int64_t walMs = msSince(triggerStart);

      // Read and run.
      const auto getStart = Clock::now();
      ColumnBatch input =
          selectByName(reader.read(start, end), kafkaColumnNames(headers), stream->scan.attrs);
      const int64_t numInput = input.rows();
      const int64_t getMs = msSince(getStart);
      const auto addStart = Clock::now();
      for (const auto* a : statefulAggs)
        if (!watermarks.empty()) exec.aggregateTable(*a).setWatermark(watermarkMs * 1000, emit);
      sink->beginBatch(batchId);
      try {
        exec.run(
            [&](const PhysScan& scan) -> ColumnBatch {
              if (&scan == stream) return std::move(input);
              return readBatchSource(scan);
            },
            [&](const PhysSink&) -> RowSink* { return sink.get(); },
            [&](const CompiledPipeline& p) {
              return !(staticDone && staticPipelines.count(p.id));
            });
        sink->endBatch();
      } catch (...) {
        for (auto& s : stores) s->abort();
        throw;
      }
      staticDone = true;
      const int64_t addMs = msSince(addStart);

      // Event time: the next watermark is max(event time) - delay (the minimum over the
      // stream's watermark operators, Spark's default policy); it never moves back.
      std::optional<int64_t> next;
      int64_t maxEventMs = INT64_MIN;
      for (const auto* w : watermarks) {
        const int64_t maxEvent = exec.maxEventTime(*w);
        exec.resetMaxEventTime(*w);
        if (maxEvent == INT64_MIN) continue;
        const Interval& d = w->wm.delay;
        const int64_t delay = d.micros + int64_t{d.days} * 86400000000LL +
                              int64_t{d.months} * 31 * 86400000000LL;  // Spark: 31-day months
        const int64_t candidate = (maxEvent - delay) / 1000;
        maxEventMs = std::max(maxEventMs, maxEvent / 1000);
        next = next ? std::min(*next, candidate) : candidate;
      }
      const int64_t batchWatermarkMs = watermarkMs;
      noDataBatchDue = false;
      if (next && *next > watermarkMs) {
        watermarkMs = *next;
        noDataBatchDue = true;
      }

      // State, then the commit log: a crash before the commit replays this batch over the
      // state of the previous version.
      QueryProgress pr;
      for (size_t i = 0; i < stores.size(); ++i) {
        AggregateTable& table = exec.aggregateTable(*statefulAggs[i]);
        table.forEachUpdated([&](std::string_view k, std::string_view v) { stores[i]->put(k, v); });
        table.clearUpdated();
        for (const std::string& k : table.takeEvicted()) stores[i]->remove(k);
        const StateCommitMetrics m = stores[i]->commit(batchId + 1);
        StateOperatorProgress op;
        op.operatorName = "stateStoreSave";
        op.numRowsTotal = m.numRowsTotal;
        op.numRowsUpdated = m.numRowsUpdated;
        op.numRowsRemoved = m.numRowsRemoved;
        op.commitTimeMs = m.commitTimeMs;
        op.memoryUsedBytes = m.memoryUsedBytes;
        op.numStateStoreInstances = 1;
        op.numRowsDroppedByWatermark = table.takeDroppedByWatermark();
        op.numShufflePartitions = 1;
        pr.stateOperators.push_back(op);
      }
      const auto commitStart = Clock::now();
      CommitMetadata commit;
      commit.nextBatchWatermarkMs = watermarkMs;
      if (!watermarks.empty()) {
        pr.eventTime["watermark"] = formatIsoTimestamp(batchWatermarkMs);
        if (maxEventMs != INT64_MIN) pr.eventTime["max"] = formatIsoTimestamp(maxEventMs);
      }
      log.writeCommit(batchId, commit);
      const int64_t commitMs = msSince(commitStart);

      // Progress.
      const int64_t total = msSince(triggerStart);
      pr.id = log.queryId();
      pr.runId = runId;
      pr.name = name;
      pr.timestampMs = triggerStartMs;
      pr.batchId = batchId;
      pr.batchDuration = total;
      pr.numInputRows = numInput;
      pr.processedRowsPerSecond = rowsPerSecond(numInput, total);
      pr.durationMs = {{"addBatch", addMs},         {"getBatch", getMs},
                       {"latestOffset", 0},         {"queryPlanning", 0},
                       {"triggerExecution", total}, {"walCommit", walMs},
                       {"commitOffsets", commitMs}};
      SourceProgress src;
      src.description = reader.description();
      src.startOffset = partitionOffsetsToJson(start);
      src.endOffset = partitionOffsetsToJson(end);
      src.latestOffset = src.endOffset;
      src.numInputRows = numInput;
      src.processedRowsPerSecond = pr.processedRowsPerSecond;
      pr.sources.push_back(src);
      pr.sink.description = sink->description();
      pr.sink.numOutputRows = sink->rowsInBatch();
      if (progress) progress->append(pr);
      if (options.statusLine) std::cerr << "\r" << formatStatusLine(pr) << std::flush;

      start = end;
      lastBatchAt = Clock::now();
      replay.reset();
      ++batchId;
      ++batchesRun;
      ranOnce = true;
      if (trigger.kind == TriggerKind::Interval) {
        for (int64_t w = msSince(triggerStart); w < trigger.intervalMs && !stopRequested();
             w = msSince(triggerStart))
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (options.statusLine) std::cerr << "\n";
  }
};

StreamingQuery::StreamingQuery(std::string name, StreamingQuerySpec spec, const PhysicalPlan& plan,
                               const CompiledQuery& query, std::unique_ptr<StreamSink> sink,
                               StreamingRunOptions options)
    : impl_(std::make_unique<Impl>(std::move(name), std::move(spec), plan, query, std::move(sink),
                                   std::move(options))) {}

StreamingQuery::~StreamingQuery() = default;

void StreamingQuery::run() {
  impl_->run();
}

int64_t StreamingQuery::batchesRun() const {
  return impl_->batchesRun;
}

}  // namespace sluice
