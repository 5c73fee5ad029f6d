#pragma once
// Pieces the benchmarks share: timing, deterministic data, and running a compiled query over
// in-memory records fed as the Kafka source's batches (no broker).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/query_compiler.h"
#include "planner/physical/operators.h"
#include "planner/sources/kafka_source.h"
#include "runtime/column_batch.h"
#include "runtime/connectors/sinks.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/table.h"

namespace sluice::bench {

using Clock = std::chrono::steady_clock;

/// Seconds since `t`.
inline double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// CPU seconds (user + system) this process has used, all threads: throughput per CPU second
/// is what to compare on a machine shared with other work, where wall time measures the load.
inline double processCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

/// The median of `v` (not empty).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// splitmix64: the same data on every run.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
};

/// A random UUID-shaped string.
inline std::string uuid(Rng& rng) {
  static const char* kHex = "0123456789abcdef";
  std::string s(36, '-');
  for (int i = 0; i < 36; ++i)
    if (i != 8 && i != 13 && i != 18 && i != 23) s[i] = kHex[rng.below(16)];
  return s;
}

/// True when `p` starts with a scan of a Kafka table (the records the benchmark feeds).
inline bool isKafkaScan(const CompiledPipeline& p) {
  const PhysicalOp* src = p.pipeline->ops.front();
  return src->kind() == PhysKind::Scan &&
         static_cast<const PhysScan*>(src)->scan.source == SourceKind::Kafka;
}

/// `records` as the Kafka source's batches of `batchRows` (Spark's schema, `value` pointing
/// into the caller's buffer as a fetched message would, timestamps from `startMicros` in
/// 100 us steps), narrowed to the columns `scan` reads.
inline std::vector<ColumnBatch> kafkaBatches(const std::vector<std::string_view>& records,
                                             const PhysScan& scan, int64_t batchRows,
                                             std::string_view topicName, int64_t startMicros) {
  std::vector<TypePtr> types;
  std::vector<std::string> names;
  for (const auto& a : kafkaSourceAttributes(false, "")) {
    types.push_back(a.type);
    names.push_back(a.name);
  }
  std::vector<ColumnBatch> out;
  ColumnBatchBuilder b(types);
  const StringView topic{topicName.data(), static_cast<int64_t>(topicName.size())};
  for (size_t i = 0; i < records.size(); ++i) {
    b.setNull(0);  // key
    b.setStringRef(1, StringView{records[i].data(), static_cast<int64_t>(records[i].size())});
    b.setStringRef(2, topic);
    b.set<int32_t>(3, 0);                                            // partition
    b.set<int64_t>(4, static_cast<int64_t>(i));                      // offset
    b.set<int64_t>(5, startMicros + static_cast<int64_t>(i) * 100);  // timestamp
    b.set<int32_t>(6, 0);                                            // timestampType: CreateTime
    b.endRow();
    if (b.rows() == batchRows || i + 1 == records.size())
      out.push_back(selectByName(b.finish(), names, scan.scan.attrs));
  }
  return out;
}

/// One run of a compiled query over in-memory records, as a stream of micro-batches would
/// deliver them: the pipelines before the Kafka scan's (join builds) once, the Kafka pipeline
/// once per batch of `batchRows`, the ones after (aggregate output) once.
struct RecordsRun {
  Table result;               ///< what the query's sink received
  double seconds = 0;         ///< whole query (batch building excluded)
  double cpuSeconds = 0;      ///< CPU of the whole query, every thread (processCpuSeconds)
  double buildSeconds = 0;    ///< pipelines before the Kafka pipeline
  double batchesSeconds = 0;  ///< the Kafka pipeline over every batch
  double outputSeconds = 0;   ///< pipelines after it
};

inline RecordsRun runOverRecords(const PhysicalPlan& plan, const CompiledQuery& q,
                                 const std::vector<std::string_view>& records, int64_t batchRows,
                                 std::string_view topic, int64_t startMicros) {
  int kafkaPipeline = -1;
  const PhysScan* kafkaScan = nullptr;
  for (const auto& p : q.pipelines())
    if (isKafkaScan(p)) {
      if (kafkaScan) throw std::runtime_error("the plan reads the records twice");
      kafkaPipeline = p.id;
      kafkaScan = static_cast<const PhysScan*>(p.pipeline->ops.front());
    }
  if (!kafkaScan) throw std::runtime_error("the plan has no Kafka scan");
  std::vector<ColumnBatch> batches =
      kafkaBatches(records, *kafkaScan, batchRows, topic, startMicros);

  const PhysSink* sink = plan.sink();
  if (!sink) throw std::runtime_error("the plan has no sink");
  TableBuilder table(sluice::columnNames(sink->columns), sluice::columnTypes(sink->columns));
  size_t next = 0;
  auto read = sluice::wholeBatches([&](const PhysScan& scan) -> ColumnBatch {
    if (&scan == kafkaScan) return std::move(batches.at(next++));
    return readBatchSource(scan);
  });
  auto sinks = [&](const PhysSink&) -> RowSink* { return &table; };

  RecordsRun r;
  const double cpu0 = processCpuSeconds();
  const auto t0 = Clock::now();
  PlanExecutor exec(plan, q);
  exec.run(read, sinks, [&](const CompiledPipeline& p) { return p.id < kafkaPipeline; });
  r.buildSeconds = secondsSince(t0);
  const auto t1 = Clock::now();
  const auto isKafka = [&](const CompiledPipeline& p) { return p.id == kafkaPipeline; };
  while (next < batches.size()) exec.run(read, sinks, isKafka);
  r.batchesSeconds = secondsSince(t1);
  const auto t2 = Clock::now();
  exec.run(read, sinks, [&](const CompiledPipeline& p) { return p.id > kafkaPipeline; });
  r.result = table.finish();
  r.outputSeconds = secondsSince(t2);
  r.seconds = secondsSince(t0);
  r.cpuSeconds = processCpuSeconds() - cpu0;
  return r;
}

}  // namespace sluice::bench
