#pragma once
// Internal to runtime/kafka: an owned librdkafka client handle with the lookups the reader
// and writer share (topic metadata, offsets by earliest / latest / timestamp), each retried
// until a bounded deadline and failing with an ExecutionError that names
// kafka.bootstrap.servers and the client's last error.
#include <librdkafka/rdkafka.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/kafka/kafka_config.h"
#include "runtime/kafka/kafka_offsets.h"

namespace sluice {

/// An rd_kafka_t built from Spark-named options, destroyed with the object.
class KafkaClient {
 public:
  /// Creates the client. `customize` may adjust the configuration before the handle exists
  /// (e.g. set a delivery report callback). Prints the configuration's warnings once.
  KafkaClient(const std::map<std::string, std::string>& options, KafkaClientRole role,
              const std::function<void(rd_kafka_conf_t*)>& customize = {});
  ~KafkaClient();
  KafkaClient(const KafkaClient&) = delete;
  KafkaClient& operator=(const KafkaClient&) = delete;

  /// The handle.
  rd_kafka_t* handle() const { return rk_; }
  /// kafka.bootstrap.servers.
  const std::string& bootstrapServers() const { return bootstrap_; }
  /// Bound of one lookup, in milliseconds (kafka.default.api.timeout.ms).
  int64_t apiTimeoutMs() const { return apiTimeoutMs_; }
  /// The most recent error librdkafka reported for the client (connection refused, ...), or
  /// "" if none; for error messages.
  std::string lastError() const;
  /// Throws ExecutionError if librdkafka raised a fatal error on this client.
  void checkFatal() const;

  /// Every non-internal topic and its partition count, retried until the lookup bound.
  std::map<std::string, int32_t> listTopics();
  /// For each key of `query`, the offset for its value: kEarliestOffset, kLatestOffset or a
  /// timestamp in ms (the first offset whose record timestamp is >= it, or -1 if none).
  /// Retried until the lookup bound; throws ExecutionError naming the partition otherwise.
  PartitionOffsets listOffsets(const PartitionOffsets& query);
  /// True if the cluster is librdkafka's mock cluster (the embedded broker), whose
  /// ListOffsets ignores timestamps.
  bool isMockCluster();

  /// `[kafka.bootstrap.servers=...]` plus the last client error, to end error messages.
  std::string context() const;

 private:
  struct ErrorState {
    mutable std::mutex mu;
    std::string last;
  };
  rd_kafka_t* rk_ = nullptr;
  std::unique_ptr<ErrorState> errors_;
  std::string bootstrap_;
  int64_t apiTimeoutMs_ = kDefaultApiTimeoutMs;
  int mock_ = -1;  // unknown / no / yes
};

}  // namespace sluice
