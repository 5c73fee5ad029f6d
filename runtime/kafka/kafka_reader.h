#pragma once
// KafkaReader: the Kafka source at run time. It finds the topic-partitions a query reads
// (assign / subscribe / subscribePattern), resolves Spark's starting and ending offset options,
// plans each micro-batch's end offsets (maxOffsetsPerTrigger) and reads exact offset ranges
// into a ColumnBatch with Spark's schema. Offsets are never committed to Kafka: the caller
// keeps them in the query's checkpoint (offsets/<batch> holds partitionOffsetsToJson(end)).
//
// A micro-batch executor uses it like this:
//   KafkaReader reader(options, /*streaming=*/true);
//   PartitionOffsets start = checkpointed ? lastEnd : reader.initialOffsets();
//   PartitionOffsets end = reader.planBatch(start);      // write to the offsets log first
//   ColumnBatch batch = reader.read(start, end);         // run the kernels, then commit
// and a batch query calls readAll().
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/types.h"
#include "runtime/column_batch.h"
#include "runtime/kafka/kafka_offsets.h"

namespace sluice {

struct FetchRange;

/// Reads a Kafka source. Not thread-safe: one reader per source and query.
class KafkaReader {
 public:
  /// `options` are the source's normalized options (planner/sources/kafka_source.h), already
  /// validated at analysis time. `streaming` selects Spark's defaults (startingOffsets is
  /// latest for streams, earliest for batch queries). Connects lazily; throws ExecutionError
  /// for option values only known to be wrong now (bad JSON, bad regex, bad numbers).
  KafkaReader(const std::map<std::string, std::string>& options, bool streaming);
  ~KafkaReader();
  KafkaReader(const KafkaReader&) = delete;
  KafkaReader& operator=(const KafkaReader&) = delete;

  /// Spark's source column types: key binary, value binary, topic string, partition int,
  /// offset bigint, timestamp timestamp, timestampType int (+ headers
  /// array<struct<key: string, value: binary>> when `includeHeaders`).
  static std::vector<TypePtr> schemaTypes(bool includeHeaders);
  /// The column types of this reader's batches.
  const std::vector<TypePtr>& types() const;
  /// Spark-like description for progress reports, e.g. `KafkaV2[Subscribe[events]]`.
  const std::string& description() const;

  /// The stop check of every wait (metadata, offset lookups, fetches, waiting for a topic):
  /// polled at least every second; once it returns true the wait throws Interrupted naming
  /// what it waited for.
  void setStopCheck(std::function<bool()> stop);
  /// Called when a wait has lasted a second, then about every second, with what it waits
  /// for (`waiting for records of topic 't' partition 0 offsets [5, 9) (2 s)`), and with ""
  /// when it ends.
  void setOnWait(std::function<void(std::string_view)> onWait);
  /// The latest text onWait got (what a wait longer than a second waits for now), or "" when
  /// nothing waits that long; thread-safe, for status lines polled from another thread.
  std::string waitingFor() const;

  /// Continuous queries (Spark's behaviour): a `subscribe` topic that does not exist yet is
  /// a topic without partitions instead of an error after kafka.default.api.timeout.ms, in
  /// partitions(), initialOffsets(), latestOffsets() and planBatch() (one metadata request
  /// per call, no waiting); once it exists, planBatch() picks up its partitions from their
  /// earliest offset. Off by default (batch queries, availableNow).
  void setAllowMissingTopics(bool allow);
  /// The `subscribe` topics found missing by the latest metadata request, in option order.
  std::vector<std::string> missingTopics() const;

  /// The partitions the source reads now. For assign / subscribe, a missing topic or
  /// partition is waited for up to kafka.default.api.timeout.ms, then an ExecutionError
  /// naming it; subscribePattern matches topic names with the regex (whole name) and may
  /// match nothing.
  std::vector<TopicPartition> partitions();

  /// A new query's start offsets, all concrete: startingTimestamp, else
  /// startingOffsetsByTimestamp, else startingOffsets (earliest / latest / JSON with -2 and
  /// -1). JSON options must name every partition. A timestamp with no offset at or after it
  /// follows startingOffsetsByTimestampStrategy (error, or latest).
  PartitionOffsets initialOffsets();
  /// The current latest offset (next offset to be written) of every partition.
  PartitionOffsets latestOffsets();
  /// The latest offsets the last latestOffsets() or planBatch() call saw (progress reports'
  /// latestOffset and offsets-behind-latest metrics), nullopt before either ran.
  std::optional<PartitionOffsets> lastLatestOffsets() const;
  /// A batch query's end offsets: endingTimestamp, else endingOffsetsByTimestamp, else
  /// endingOffsets (default latest; -1 = latest in JSON). Unmatched timestamps mean latest.
  PartitionOffsets endingOffsets();

  /// End offsets of the next micro-batch starting at `start` (the previous batch's end):
  /// the latest offsets, limited by maxOffsetsPerTrigger split across partitions as Spark
  /// does. Partitions new since `start` are included and start at their earliest offset;
  /// partitions that disappeared are reported (failOnDataLoss) and left out.
  PartitionOffsets planBatch(const PartitionOffsets& start);

  /// Every record in [start, end) of each partition of `end` (a partition missing from
  /// `start` starts at its earliest offset), in (topic, partition, offset) order. Records no
  /// longer available are reported naming topic, partition and offsets: an ExecutionError
  /// with failOnDataLoss=true, else a warning on stderr, reading on from the earliest
  /// available offset. Throws ExecutionError if the cluster does not answer within
  /// kafkaConsumer.pollTimeoutMs (default 120000).
  ColumnBatch read(const PartitionOffsets& start, const PartitionOffsets& end);
  /// The same records handed to `consume` in batches of about chunkRecords records, fetched
  /// on a background thread while `consume` runs: every partition's records in offset order,
  /// partitions interleaved as they were fetched (see kafka_chunks.h). Keys and values point
  /// into the client's messages (no copy): a batch must not outlive the call. At least one
  /// batch (empty when there is nothing to read).
  void read(const PartitionOffsets& start, const PartitionOffsets& end,
            const BatchConsumer& consume);
  /// Records per batch of the chunked read (default kDefaultChunkRecords; at least 1).
  void setChunkRecords(int64_t records);
  /// Default records per chunk: enough that per-chunk costs (a partition assignment, a
  /// kernel call) vanish, few enough that a chunk of large records stays in the tens of MB.
  static constexpr int64_t kDefaultChunkRecords = 32 * 1024;

  /// A batch query: initialOffsets() .. endingOffsets() (default earliest .. latest). Throws
  /// ExecutionError naming the partition if a start offset is after its end offset.
  ColumnBatch readAll();
  /// readAll() in chunks, as the chunked read().
  void readAll(const BatchConsumer& consume);

 private:
  std::vector<FetchRange> fetchRangesOf(const PartitionOffsets& start, const PartitionOffsets& end);
  std::pair<PartitionOffsets, PartitionOffsets> batchRange();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
