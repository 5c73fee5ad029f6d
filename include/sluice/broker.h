#pragma once
// sluice::Broker: the embedded Kafka cluster (`sluice broker`) in-process, for host programs'
// demos and tests. It is librdkafka's mock cluster on loopback ports, so any Kafka client
// (sluice's Kafka tables, kcat, Java clients) can produce to and consume from it.
//
//   sluice::Broker broker;
//   broker.createTopic("events", 2);
//   engine.execute("CREATE TABLE events USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
//                  broker.bootstrapServers() + "', subscribe 'events')");
//
// Limits (librdkafka's): in memory only, lost when the object is destroyed; each partition
// keeps about 5 MiB or 100,000 produce batches before old data ages out; no transactions,
// authentication or TLS. Production points at a real cluster.
#include <memory>
#include <string>

#include "sluice/export.h"

namespace sluice {

/// A running in-process Kafka cluster; stopped when destroyed.
class SLUICE_API Broker {
 public:
  /// Starts a cluster of `brokers` brokers on ephemeral loopback ports. Throws
  /// ExecutionError if it cannot be created.
  explicit Broker(int brokers = 1);
  /// Stops the cluster; its data is gone.
  ~Broker();
  Broker(const Broker&) = delete;             ///< not copyable
  Broker& operator=(const Broker&) = delete;  ///< not copyable

  /// `host:port,...`, the value for `kafka.bootstrap.servers`.
  const std::string& bootstrapServers() const;
  /// Creates topic `name` with `partitions` partitions. Throws ExecutionError naming the
  /// topic if that fails (e.g. it already exists).
  void createTopic(const std::string& name, int partitions);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
