#pragma once
// KafkaTail: what the exactly-once Kafka sink (kafka.sink.exactlyOnce) needs to know about
// its output topics without broker transactions: how many partitions a topic has (its
// partitioning is deterministic) and, per partition, the last record a query wrote there
// (read back from the partition's tail), so that a replayed batch skips what is already
// there.
//
// Every record of an exactly-once sink carries three headers (kafka_tail.h's names): the
// query id, the batch id and the record's sequence number within its batch and partition.
// Within a partition a producer's records keep their order (idempotent producer), so what a
// killed batch left in a partition is a prefix of what it meant to write there: the last
// (batch, seq) found tells which records of the replay to skip.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

/// Header names of the exactly-once Kafka sink (values are decimal text).
inline constexpr std::string_view kSinkQueryHeader = "sluice.queryId";
inline constexpr std::string_view kSinkBatchHeader = "sluice.batchId";
inline constexpr std::string_view kSinkSeqHeader = "sluice.seq";

/// A record's place in a query's output: its batch and its sequence number within the
/// batch's records to one partition. Ordered (batch, seq).
struct SinkPosition {
  int64_t batchId = -1;  ///< -1: nothing written yet
  int64_t seq = -1;      ///< sequence number within (batch, partition)

  auto operator<=>(const SinkPosition&) const = default;
};

/// Reads the tails of a sink's output partitions. Not thread-safe.
class KafkaTail {
 public:
  /// `sinkOptions` are the sink's options; its kafka.* client settings (bootstrap servers,
  /// security) are used to read. Connects lazily.
  explicit KafkaTail(const std::map<std::string, std::string>& sinkOptions);
  ~KafkaTail();
  KafkaTail(const KafkaTail&) = delete;
  KafkaTail& operator=(const KafkaTail&) = delete;

  /// Number of partitions of `topic`. Throws ExecutionError naming the topic if it does not
  /// exist within kafka.default.api.timeout.ms.
  int32_t partitionCount(const std::string& topic);

  /// Per partition of `topic`, the position of the last record carrying query id `queryId`
  /// (partitions without one are left out). Reads each partition backwards from its end in
  /// growing windows until such a record or the partition's start is found; records of other
  /// writers in between are skipped.
  std::map<int32_t, SinkPosition> lastWritten(const std::string& topic, const std::string& queryId);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Kafka's murmur2 partitioning (Java's default partitioner for keyed records, librdkafka's
/// `murmur2`): the partition of `bytes` among `partitions`.
int32_t murmur2Partition(std::string_view bytes, int32_t partitions);

}  // namespace sluice
