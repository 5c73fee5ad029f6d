#pragma once
// Pieces the benchmarks share: deterministic data, and feeding in-memory records to a compiled
// query as the Kafka source's batches (no broker).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/query_compiler.h"
#include "planner/physical/operators.h"
#include "planner/sources/kafka_source.h"
#include "runtime/column_batch.h"
#include "runtime/exec/batch_sources.h"

namespace sluice::bench {

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

}  // namespace sluice::bench
