#pragma once
// KafkaWriter: the Kafka sink at run time. An idempotent producer (no duplicates from
// retries; Spark's guarantee stays at-least-once because a replayed batch writes again).
// A batch writes its rows with write() and then calls flush(), which returns only when
// every record is acknowledged and throws if any failed, so the caller commits the batch
// only after a successful flush.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sluice {

/// One record header; `value` is nullopt for a null value.
struct KafkaHeader {
  std::string_view key;                   ///< header name
  std::optional<std::string_view> value;  ///< header bytes, or null
};

/// Writes records to Kafka. Not thread-safe: one writer per sink.
class KafkaWriter {
 public:
  /// `options` are the sink's options: kafka.bootstrap.servers (required), topic (optional,
  /// overrides a topic column as in Spark) and kafka.* client settings
  /// (kafka_config.h). Throws ExecutionError for a setting the client rejects.
  explicit KafkaWriter(const std::map<std::string, std::string>& options);
  ~KafkaWriter();
  KafkaWriter(const KafkaWriter&) = delete;
  KafkaWriter& operator=(const KafkaWriter&) = delete;

  /// Queues one record (bytes are copied). `topic` is the row's topic column, used only when
  /// the sink has no `topic` option; `partition` -1 lets the partitioner choose (murmur2 of
  /// the key, as Java's producer). A nullopt key / value is a null key / value. Throws
  /// ExecutionError if there is no topic, or the record is refused at once (too large,
  /// unknown partition, fatal producer error), naming topic and partition. While the
  /// producer's queue is full it waits for room, honouring the stop check (Interrupted).
  void write(std::optional<std::string_view> key, std::optional<std::string_view> value,
             std::string_view topic = {}, int32_t partition = -1,
             std::span<const KafkaHeader> headers = {});

  /// Waits until every record written so far is acknowledged or has failed (at most the
  /// delivery timeout, kafka.delivery.timeout.ms, default 120 s). Throws ExecutionError
  /// naming the topic, partition and librdkafka's error of the first failed record (and how
  /// many failed) if any did; the failures are then forgotten. `stop` (else the writer's
  /// stop check) is polled at least every 500 ms; once it returns true flush throws
  /// Interrupted("waiting for acks of N records to topic 't'"), the records staying queued.
  void flush(const std::function<bool()>& stop = {});

  /// The stop check of every wait of this writer (write's back-pressure, flush, metadata).
  void setStopCheck(std::function<bool()> stop);
  /// Called when a wait has lasted a second, then about every second, with what it waits
  /// for (`waiting for acks of 120 records to topic 'x' (3 s)`), and with "" when it ends.
  void setOnWait(std::function<void(std::string_view)> onWait);
  /// The latest text onWait got (what a wait longer than a second waits for now), or "" when
  /// nothing waits that long; thread-safe, for status lines polled from another thread.
  std::string waitingFor() const;
  /// Records written but neither acknowledged nor failed yet.
  int64_t unacknowledged() const;

  /// Records written and acknowledged since the writer was created.
  int64_t delivered() const;
  /// The sink's `topic` option, or "".
  const std::string& topic() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
