#pragma once
// Kafka offsets as the runtime and the checkpoint see them: topic-partitions, offsets per
// partition in a deterministic order, Spark's offset JSON (`{"topic":{"0":23,"1":-1}}`, also
// the checkpoint's per-source line) and Spark's per-trigger rate limit.
#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// In offset JSON: the partition's earliest available offset.
inline constexpr int64_t kEarliestOffset = -2;
/// In offset JSON: the partition's latest offset (the next offset to be written).
inline constexpr int64_t kLatestOffset = -1;

/// One partition of one topic; ordered by topic, then partition number.
struct TopicPartition {
  std::string topic;      ///< topic name
  int32_t partition = 0;  ///< partition number

  auto operator<=>(const TopicPartition&) const = default;
  /// `topic-partition`, Kafka's usual spelling (e.g. "events-3").
  std::string toString() const;
};

/// An offset (or a timestamp, for the *ByTimestamp options) per topic-partition, ordered by
/// (topic, partition) so serializing and iterating are deterministic.
using PartitionOffsets = std::map<TopicPartition, int64_t>;

/// Parses Spark's offset JSON `{"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}`. Values are
/// offsets (-2 = earliest, -1 = latest) or, for startingOffsetsByTimestamp, epoch
/// milliseconds. `option` names the option in errors. Throws ExecutionError quoting the text
/// and saying what is wrong (not JSON, not an object, a partition that is not a number, a
/// value that is not an integer).
PartitionOffsets parsePartitionOffsets(std::string_view json, std::string_view option);

/// Serializes as Spark does: `{"topic":{"0":23,"1":-1}}`, topics and partitions in order.
std::string partitionOffsetsToJson(const PartitionOffsets& offsets);

/// Parses the `assign` option `{"topicA":[0,1],"topicB":[2,4]}`. Throws ExecutionError
/// quoting the text when it is malformed.
std::vector<TopicPartition> parseAssignJson(std::string_view json, std::string_view option);

/// Spark's maxOffsetsPerTrigger split: given each partition's start (`from`, which must hold
/// every partition of `until`) and available end (`until`), returns end offsets that read at
/// most about `limit` records, split across partitions in proportion to their backlog. A
/// partition whose share is below one record still gets one (so small partitions never
/// starve); others get floor(share). Deterministic; never past `until`.
PartitionOffsets rateLimitOffsets(int64_t limit, const PartitionOffsets& from,
                                  const PartitionOffsets& until);

}  // namespace sluice
