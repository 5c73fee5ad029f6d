#pragma once
// Builds librdkafka client configurations from Spark-named options. Kafka client settings
// arrive as `kafka.<property>` source / sink options (Java client names, as Spark users write
// them); they pass through with the prefix removed, translated where the Java client and
// librdkafka differ:
//
//   Java property            librdkafka                     why
//   fetch.max.wait.ms        fetch.wait.max.ms              same meaning, other name
//   max.request.size         message.max.bytes              same meaning, other name
//   receive.buffer.bytes     socket.receive.buffer.bytes    same meaning, other name
//   send.buffer.bytes        socket.send.buffer.bytes       same meaning, other name
//   buffer.memory (bytes)    queue.buffering.max.kbytes     librdkafka counts KiB
//   sasl.jaas.config         sasl.username, sasl.password   Plain / SCRAM login modules only
//   default.api.timeout.ms   (sluice)                       bound of metadata / offset lookups
//   max.poll.records, max.block.ms, client.dns.lookup, exclude.internal.topics,
//   partition.assignment.strategy, metric.reporters, metrics.*, ssl.keystore.type,
//   ssl.truststore.type      (ignored, with a warning)      Java-only, nothing to do here
//
// Everything else goes to rd_kafka_conf_set as is; a property librdkafka rejects is an
// ExecutionError naming the option and quoting librdkafka's reason (e.g. Java trust stores).
// Spark's refusals (auto.offset.reset, enable.auto.commit, (de)serializers,
// interceptor.classes) are refused at analysis time (planner/sources/kafka_source.cpp).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct rd_kafka_conf_s;

namespace sluice {

/// Which client a configuration is for.
enum class KafkaClientRole { Consumer, Producer };

/// Frees a librdkafka configuration that no client took over.
struct KafkaConfDeleter {
  void operator()(rd_kafka_conf_s* conf) const;
};

/// A librdkafka configuration plus the settings sluice applies itself.
struct KafkaClientConfig {
  std::unique_ptr<rd_kafka_conf_s, KafkaConfDeleter> conf;  ///< for rd_kafka_new
  std::string bootstrapServers;       ///< kafka.bootstrap.servers, for error messages
  int64_t apiTimeoutMs = 30000;       ///< kafka.default.api.timeout.ms: bound of blocking lookups
  std::vector<std::string> warnings;  ///< options ignored or accepted with a caveat
};

/// Default bound of metadata and offset lookups (Java's default.api.timeout.ms is 60 s; a
/// shorter wait reports an unreachable cluster sooner).
inline constexpr int64_t kDefaultApiTimeoutMs = 30000;

/// The librdkafka properties one Java-named property becomes: usually itself, a renamed
/// property, two properties (sasl.jaas.config), or none (ignored or handled by sluice).
/// `warning` is set when the property is ignored. Throws ExecutionError for a value that
/// cannot be translated (e.g. a JAAS login module librdkafka has no equivalent for).
std::vector<std::pair<std::string, std::string>> translateKafkaProperty(const std::string& name,
                                                                        const std::string& value,
                                                                        std::string* warning);

/// Builds the configuration for a client from source / sink `options` (normalized names;
/// only `kafka.*` entries are used). Consumers never commit offsets: auto commit and offset
/// store are off, out-of-range offsets surface as errors (no silent reset), and the group id
/// is `kafka.group.id` (accepted with a warning, as Spark does) or a unique
/// `<groupIdPrefix>-<random>` id. Producers default to enable.idempotence=true, Java's
/// murmur2 key partitioner and Java's 120 s delivery timeout (all overridable). librdkafka's
/// own log lines go to stderr only at critical level or when `kafka.debug` is set (sluice
/// reports failures in its own errors). Throws ExecutionError naming the option for a
/// property librdkafka rejects.
KafkaClientConfig buildKafkaConfig(const std::map<std::string, std::string>& options,
                                   KafkaClientRole role);

/// Prints a warning on stderr (`sluice: warning: ...`); the Kafka layer's only log output.
void kafkaWarn(const std::string& message);

}  // namespace sluice
