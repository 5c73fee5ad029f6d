#pragma once
// Internal to runtime/kafka: an owned librdkafka client handle with the lookups the reader
// and writer share (topic metadata, offsets by earliest / latest / timestamp), each retried
// until a bounded deadline and failing with an ExecutionError that names
// kafka.bootstrap.servers and the client's last error.
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

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

  /// Polled by every wait of this client (KafkaWait: lookups, fetches, flushes) at least
  /// every second; once it returns true the wait throws Interrupted.
  void setStopCheck(std::function<bool()> stop) { stop_ = std::move(stop); }
  const std::function<bool()>& stopCheck() const { return stop_; }
  /// Called on the waiting thread when a wait has lasted a second, then about every second
  /// while it lasts, with what it waits for (`waiting for acks of 120 records to topic 'x'`),
  /// and with "" when such a wait ends (so a status line can clear it).
  void setOnWait(std::function<void(std::string_view)> onWait) { onWait_ = std::move(onWait); }
  const std::function<void(std::string_view)>& onWait() const { return onWait_; }
  /// What a wait lasting more than a second waits for right now (the latest onWait text),
  /// or ""; thread-safe, for status lines polled from another thread.
  std::string waitingFor() const;
  /// Sets what waitingFor() answers (KafkaWait's reports) and calls the onWait hook.
  void reportWait(std::string_view what) const;

 private:
  struct ErrorState {
    mutable std::mutex mu;
    std::string last;
    std::string waiting;  // waitingFor()
  };
  rd_kafka_t* rk_ = nullptr;
  std::unique_ptr<ErrorState> errors_;
  std::string bootstrap_;
  int64_t apiTimeoutMs_ = kDefaultApiTimeoutMs;
  int mock_ = -1;  // unknown / no / yes
  std::function<bool()> stop_;
  std::function<void(std::string_view)> onWait_;
};

/// One blocking wait of a client, made of bounded librdkafka calls with poll() between them.
class KafkaWait {
 public:
  /// `what` says what is waited for (`waiting for ...`); it is evaluated only when reported.
  /// `stop`, if set, replaces the client's stop check for this wait.
  KafkaWait(const KafkaClient& client, std::function<std::string()> what,
            const std::function<bool()>& stop = {});
  ~KafkaWait();
  KafkaWait(const KafkaWait&) = delete;
  KafkaWait& operator=(const KafkaWait&) = delete;

  /// Throws Interrupted(what()) once the stop check fires; reports what() through the
  /// client's onWait hook once the wait is a second old, then about every second.
  void poll();
  /// Something arrived: the wait starts over (a reported wait is cleared with "").
  void progress();

 private:
  const KafkaClient& client_;
  std::function<std::string()> what_;
  std::function<bool()> stop_;
  std::chrono::steady_clock::time_point start_, nextReport_;
  bool reported_ = false;
};

}  // namespace sluice
