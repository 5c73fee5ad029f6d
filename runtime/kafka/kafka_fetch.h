#pragma once
// Internal to runtime/kafka: reads exact offset ranges with a manually assigned consumer (no
// group membership, no commits) and applies Spark's failOnDataLoss policy to records that
// are gone (aged out, truncated, topic deleted).
#include <absl/functional/function_ref.h>

#include <string>
#include <vector>

#include "runtime/kafka/kafka_client.h"

namespace sluice {

/// Reports possible data loss: throws ExecutionError when `fail`, else warns on stderr.
struct DataLossPolicy {
  bool fail = true;  ///< failOnDataLoss

  /// Reports `what`; throws (with Spark's hint) when failing.
  void report(const std::string& what) const;
};

/// Records [start, end) of one partition.
struct FetchRange {
  TopicPartition tp;  ///< the partition
  int64_t start = 0;  ///< first offset to read
  int64_t end = 0;    ///< one past the last offset to read
};

/// Called for each record in offset order per partition; takes ownership of the message
/// (rd_kafka_message_destroy) and returns false to stop reading that partition early.
using RecordVisitor = absl::FunctionRef<bool(rd_kafka_message_t*)>;

/// Reads every record of `ranges` through `consumer` (a Consumer KafkaClient) and hands it
/// to `visit`. Offsets with no record (compaction, transaction markers) are skipped. Records
/// that are gone are reported through `loss` naming topic, partition and the offset range,
/// and reading continues after them. Throws ExecutionError if no record arrives for
/// `pollTimeoutMs` while ranges remain (broker unreachable), naming the partitions.
void fetchRanges(KafkaClient& consumer, const std::vector<FetchRange>& ranges,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, RecordVisitor visit);

}  // namespace sluice
