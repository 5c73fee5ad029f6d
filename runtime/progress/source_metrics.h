#pragma once
// Per-partition offsets as sources report them in progress JSON (Kafka's `{"topic":{"0":23}}`)
// and Spark's Kafka source metrics computed from them: how far the consumed offsets are
// behind the latest available ones.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// One partition's offset gap: latest available offset minus the batch's end offset.
struct PartitionLag {
  std::string topic;
  int32_t partition = 0;
  int64_t offsetsBehind = 0;
};

/// Parses Kafka-shaped offsets JSON (`{"topic":{"0":23,"1":5}}`) into (topic, partition) ->
/// offset. nullopt when `json` does not have that shape (e.g. a file source's
/// `{"logOffset":3}`).
std::optional<std::map<std::pair<std::string, int32_t>, int64_t>> parseKafkaOffsets(
    std::string_view json);

/// Per partition of `latest`: latest - end (a partition missing from `end` counts from 0).
/// Empty when either text is not Kafka-shaped offsets.
std::vector<PartitionLag> offsetsBehindLatest(std::string_view latestJson,
                                              std::string_view endJson);

/// Spark's KafkaMicroBatchStream.metrics: `minOffsetsBehindLatest`, `maxOffsetsBehindLatest`
/// (longs) and `avgOffsetsBehindLatest` (a double as the JVM prints it), as strings; empty
/// when there are no partitions or the offsets are not Kafka-shaped.
std::map<std::string, std::string> kafkaSourceMetrics(std::string_view latestJson,
                                                      std::string_view endJson);

}  // namespace sluice
