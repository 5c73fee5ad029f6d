#pragma once
// Internal to runtime/kafka: turns fetched Kafka messages into a ColumnBatch with Spark's
// Kafka source schema, in (topic, partition, offset) order whatever order partitions were
// fetched in, so a replayed batch sees its rows in the same order.
#include <librdkafka/rdkafka.h>

#include <map>
#include <vector>

#include "runtime/column_batch.h"
#include "runtime/kafka/kafka_offsets.h"

namespace sluice {

/// Messages of one read, converted to rows by finish().
class KafkaRecordBatch {
 public:
  /// With `includeHeaders`, rows get the headers column (NULL when a record has none, as in
  /// Spark).
  explicit KafkaRecordBatch(bool includeHeaders) : includeHeaders_(includeHeaders) {}
  ~KafkaRecordBatch();
  KafkaRecordBatch(const KafkaRecordBatch&) = delete;
  KafkaRecordBatch& operator=(const KafkaRecordBatch&) = delete;

  /// Takes ownership of a fetched record (messages of a partition arrive in offset order).
  void add(rd_kafka_message_t* m);
  /// Rows: key, value (NULL when absent), topic, partition, offset, timestamp (microseconds),
  /// timestampType (0 create time, 1 log append time, -1 none) [, headers]. Frees the
  /// messages, or with `zeroCopy` hands them to the batch, whose keys and values then point
  /// into them (no copy): such a batch must be destroyed before the client that fetched them.
  ColumnBatch finish(bool zeroCopy = false);
  /// Records held.
  int64_t size() const { return count_; }

 private:
  bool includeHeaders_;
  std::map<TopicPartition, std::vector<rd_kafka_message_t*>> held_;
  // The partition of the last add(), to skip the map lookup for runs of one partition.
  const rd_kafka_topic_t* lastTopic_ = nullptr;
  int32_t lastPartition_ = -1;
  std::vector<rd_kafka_message_t*>* last_ = nullptr;
  int64_t count_ = 0;
};

}  // namespace sluice
