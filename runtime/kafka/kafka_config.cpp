#include "runtime/kafka/kafka_config.h"

#include <librdkafka/rdkafka.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <random>

#include "frontend/error.h"

namespace sluice {
namespace {

// Java-only properties that have no librdkafka counterpart and no effect on how sluice uses
// the client, with the reason given in the warning.
const char* ignoredReason(const std::string& name) {
  if (name == "max.poll.records") return "the source fetches exact offset ranges per batch";
  if (name == "max.block.ms") return "sluice bounds its own waits";
  if (name == "client.dns.lookup") return "librdkafka resolves every address of a host itself";
  if (name == "exclude.internal.topics")
    return "internal topics (__consumer_offsets, ...) are never matched by subscribePattern";
  if (name == "partition.assignment.strategy")
    return "the source assigns partitions itself, no consumer group rebalancing happens";
  if (name == "metric.reporters" || name.rfind("metrics.", 0) == 0)
    return "Java client metrics do not exist in librdkafka";
  if (name == "ssl.keystore.type" || name == "ssl.truststore.type")
    return "librdkafka reads PKCS#12 key stores (ssl.keystore.location) and PEM files";
  return nullptr;
}

// `key="value"` pairs of a JAAS line (values may not contain quotes).
std::map<std::string, std::string> jaasOptions(const std::string& line) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while ((i = line.find("=\"", i)) != std::string::npos) {
    size_t k = i;
    while (k > 0 && (std::isalnum(static_cast<unsigned char>(line[k - 1])) || line[k - 1] == '_'))
      --k;
    const size_t end = line.find('"', i + 2);
    if (end == std::string::npos) break;
    out[line.substr(k, i - k)] = line.substr(i + 2, end - i - 2);
    i = end + 1;
  }
  return out;
}

void logFiltered(const rd_kafka_t*, int level, const char* fac, const char* buf) {
  // Connection failures and the like surface in sluice's own errors; only critical
  // conditions are worth printing unasked.
  if (level <= 2) std::cerr << "sluice: kafka: " << fac << ": " << buf << "\n";
}

std::string uniqueSuffix() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(gen()),
                static_cast<unsigned long long>(gen()));
  return buf;
}

void setOrThrow(rd_kafka_conf_t* conf, const std::string& name, const std::string& value,
                const std::string& option) {
  char err[512];
  if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
    throw ExecutionError("Kafka option '" + option + "' is not supported by the Kafka client (" +
                         name + "=" + value + "): " + err);
}

}  // namespace

void KafkaConfDeleter::operator()(rd_kafka_conf_s* conf) const {
  rd_kafka_conf_destroy(conf);
}

void kafkaWarn(const std::string& message) {
  std::cerr << "sluice: warning: " << message << "\n";
}

std::vector<std::pair<std::string, std::string>> translateKafkaProperty(const std::string& name,
                                                                        const std::string& value,
                                                                        std::string* warning) {
  if (const char* why = ignoredReason(name)) {
    if (warning) *warning = "Kafka option 'kafka." + name + "' is ignored: " + why;
    return {};
  }
  if (name == "default.api.timeout.ms") return {};  // applied by sluice (KafkaClientConfig)
  if (name == "fetch.max.wait.ms") return {{"fetch.wait.max.ms", value}};
  if (name == "max.request.size") return {{"message.max.bytes", value}};
  if (name == "receive.buffer.bytes") return {{"socket.receive.buffer.bytes", value}};
  if (name == "send.buffer.bytes") return {{"socket.send.buffer.bytes", value}};
  if (name == "buffer.memory") {
    int64_t bytes = -1;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), bytes);
    if (ec != std::errc() || p != value.data() + value.size() || bytes <= 0)
      throw ExecutionError(
          "Kafka option 'kafka.buffer.memory' must be a positive number of bytes, "
          "got '" +
          value + "'");
    return {{"queue.buffering.max.kbytes", std::to_string((bytes + 1023) / 1024)}};
  }
  if (name == "sasl.jaas.config") {
    if (value.find("PlainLoginModule") == std::string::npos &&
        value.find("ScramLoginModule") == std::string::npos)
      throw ExecutionError(
          "Kafka option 'kafka.sasl.jaas.config' is only supported for the PLAIN and SCRAM login "
          "modules; set kafka.sasl.kerberos.* or kafka.sasl.oauthbearer.config instead");
    auto opts = jaasOptions(value);
    if (!opts.count("username") || !opts.count("password"))
      throw ExecutionError(
          "Kafka option 'kafka.sasl.jaas.config' needs username=\"...\" and "
          "password=\"...\"");
    return {{"sasl.username", opts["username"]}, {"sasl.password", opts["password"]}};
  }
  return {{name, value}};
}

KafkaClientConfig buildKafkaConfig(const std::map<std::string, std::string>& options,
                                   KafkaClientRole role) {
  KafkaClientConfig out;
  out.conf.reset(rd_kafka_conf_new());
  rd_kafka_conf_t* conf = out.conf.get();
  if (role == KafkaClientRole::Producer) {
    // Defaults a Spark user expects, before the options so these can override them: no
    // duplicates on retries, Java's key partitioning (murmur2) so keys land where Java
    // producers put them, and Java's 2-minute delivery timeout instead of librdkafka's 5.
    setOrThrow(conf, "enable.idempotence", "true", "");
    setOrThrow(conf, "partitioner", "murmur2_random", "");
    setOrThrow(conf, "message.timeout.ms", "120000", "");
  }
  if (role == KafkaClientRole::Consumer) {
    // A fetch long-polls the broker for fetch.wait.max.ms (librdkafka: 500 ms) when a
    // partition has no new data, and the offset lookup that plans the next micro-batch queues
    // behind it on the same connection: 100 ms keeps that stall short (data, when there is
    // some, is returned at once either way). kafka.fetch.max.wait.ms overrides it.
    setOrThrow(conf, "fetch.wait.max.ms", "100", "");
  }
  bool debug = false;
  for (const auto& [option, value] : options) {
    if (option.rfind("kafka.", 0) != 0) continue;
    const std::string name = option.substr(6);
    if (name.rfind("sink.", 0) == 0) continue;  // the sink's own options (kafka.sink.exactlyOnce)
    if (name == "bootstrap.servers") out.bootstrapServers = value;
    if (name == "debug") debug = true;
    if (name == "default.api.timeout.ms") {
      int64_t ms = -1;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
      if (ec != std::errc() || p != value.data() + value.size() || ms <= 0)
        throw ExecutionError("Kafka option '" + option +
                             "' must be a positive number of milliseconds, got '" + value + "'");
      out.apiTimeoutMs = ms;
    }
    if (name == "group.id" && role == KafkaClientRole::Consumer)
      out.warnings.push_back(
          "Kafka option 'kafka.group.id' is set: queries or sources that share a group id may "
          "interfere with each other (sluice never commits offsets to the group)");
    std::string warning;
    for (const auto& [k, v] : translateKafkaProperty(name, value, &warning))
      setOrThrow(conf, k, v, option);
    if (!warning.empty()) out.warnings.push_back(warning);
  }
  if (out.bootstrapServers.empty())
    throw ExecutionError("the option 'kafka.bootstrap.servers' is required");
  if (role == KafkaClientRole::Consumer) {
    if (!options.count("kafka.group.id")) {
      auto prefix = options.find("groupIdPrefix");
      setOrThrow(conf, "group.id",
                 (prefix == options.end() ? std::string("spark-kafka-source") : prefix->second) +
                     "-" + uniqueSuffix(),
                 "groupIdPrefix");
    }
    // Offsets belong to the query's checkpoint: never commit, never reset silently, and
    // report the end of a partition so a read knows it has seen everything.
    setOrThrow(conf, "enable.auto.commit", "false", "");
    setOrThrow(conf, "enable.auto.offset.store", "false", "");
    setOrThrow(conf, "auto.offset.reset", "error", "");
    setOrThrow(conf, "enable.partition.eof", "true", "");
  }
  if (!debug) rd_kafka_conf_set_log_cb(conf, logFiltered);
  return out;
}

}  // namespace sluice
