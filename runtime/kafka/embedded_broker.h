#pragma once
// EmbeddedBroker: an in-process Kafka cluster on loopback, for demos (`sluice broker`) and
// tests. It is librdkafka's mock cluster (rdkafka_mock.h), so any Kafka client (kcat, Java,
// librdkafka) can produce to and consume from it.
//
// Limits (librdkafka's): everything is in memory and lost when the object is destroyed; each
// partition keeps about 5 MiB or 100,000 message sets (produce batches), whichever comes
// first, and older message sets age out (the partition's earliest offset moves up, exactly as
// retention does on a real broker). ListOffsets by timestamp is not implemented by the mock
// (it answers "no such offset"; KafkaReader falls back to scanning). No transactions,
// authentication or TLS. Topics a client produces to are created on first use with the mock's
// default partition count.
#include <memory>
#include <string>

namespace sluice {

/// A running in-process Kafka cluster; stopped when destroyed.
class EmbeddedBroker {
 public:
  /// Starts a cluster of `brokers` brokers on ephemeral loopback ports. Throws
  /// ExecutionError if librdkafka cannot create it.
  explicit EmbeddedBroker(int brokers = 1);
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  /// `host:port,...` for kafka.bootstrap.servers.
  const std::string& bootstrapServers() const;
  /// Number of brokers.
  int brokers() const;
  /// Creates `name` with `partitions` partitions (replication factor 1). Throws
  /// ExecutionError naming the topic if the mock refuses (e.g. it already exists).
  void createTopic(const std::string& name, int partitions);
  /// Takes every broker down (connections are closed and refused) or brings them back up.
  void setDown(bool down);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
