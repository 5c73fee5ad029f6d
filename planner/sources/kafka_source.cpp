#include "planner/sources/kafka_source.h"

#include <algorithm>
#include <cctype>

#include "frontend/error.h"
#include "frontend/text.h"

namespace sluice {

const std::vector<std::string>& sparkKafkaSourceOptions() {
  static const std::vector<std::string> names = {"assign",
                                                 "subscribe",
                                                 "subscribePattern",
                                                 "startingOffsets",
                                                 "endingOffsets",
                                                 "startingOffsetsByTimestamp",
                                                 "endingOffsetsByTimestamp",
                                                 "startingTimestamp",
                                                 "endingTimestamp",
                                                 "startingOffsetsByTimestampStrategy",
                                                 "failOnDataLoss",
                                                 "kafkaConsumer.pollTimeoutMs",
                                                 "fetchOffset.numRetries",
                                                 "fetchOffset.retryIntervalMs",
                                                 "maxOffsetsPerTrigger",
                                                 "minOffsetsPerTrigger",
                                                 "maxTriggerDelay",
                                                 "minPartitions",
                                                 "maxRecordsPerPartition",
                                                 "groupIdPrefix",
                                                 "includeHeaders",
                                                 "topic"};
  return names;
}

namespace {

bool isBool(const std::string& v) {
  const auto l = asciiLower(v);
  return l == "true" || l == "false";
}

bool isLong(const std::string& v) {
  if (v.empty()) return false;
  size_t i = v[0] == '-' ? 1 : 0;
  if (i == v.size()) return false;
  return std::all_of(v.begin() + static_cast<long>(i), v.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Refused consumer/producer settings and Spark's reasons.
const char* refusalReason(const std::string& key) {
  if (key == "kafka.auto.offset.reset")
    return "set the source option 'startingOffsets' instead: offsets are tracked by the query's "
           "checkpoint, not by the consumer";
  if (key == "kafka.enable.auto.commit")
    return "the source commits no offsets to Kafka; they are kept in the checkpoint";
  if (key == "kafka.key.deserializer" || key == "kafka.value.deserializer")
    return "keys and values are always read as bytes; use CAST or from_json to decode them";
  if (key == "kafka.key.serializer" || key == "kafka.value.serializer")
    return "keys and values are always written as bytes or strings; serialize them in the query";
  if (key == "kafka.interceptor.classes")
    return "interceptors are not supported: they see raw bytes and may break the query";
  return nullptr;
}

[[noreturn]] void fail(const std::string& msg, const SourceFilePtr& file, SourceSpan span) {
  throw AnalysisError(msg, file, span);
}

}  // namespace

std::vector<Attribute> kafkaSourceAttributes(bool includeHeaders, const std::string& qualifier) {
  std::vector<std::pair<std::string, TypePtr>> cols = {
      {"key", DataType::binary()},           {"value", DataType::binary()},
      {"topic", DataType::string()},         {"partition", DataType::integer()},
      {"offset", DataType::bigint()},        {"timestamp", DataType::timestamp()},
      {"timestampType", DataType::integer()}};
  if (includeHeaders)
    cols.emplace_back(
        "headers", DataType::arrayOf(DataType::structOf(
                       {{"key", DataType::string(), true}, {"value", DataType::binary(), true}})));
  std::vector<Attribute> out;
  for (auto& [n, t] : cols) out.push_back(Attribute{newExprId(), n, t, true, qualifier});
  return out;
}

std::map<std::string, std::string> normalizeKafkaOptions(
    const std::map<std::string, std::string>& options) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : options) {
    std::string key = k;
    const std::string lk = asciiLower(k);
    if (lk == "bootstrapservers") {
      key = "kafka.bootstrap.servers";
    } else if (lk.rfind("kafka.", 0) == 0) {
      key = lk;  // Kafka's own property names are lower-case
    } else {
      for (const auto& n : sparkKafkaSourceOptions())
        if (asciiLower(n) == lk) key = n;
    }
    out[key] = v;
  }
  return out;
}

void validateKafkaSourceOptions(const std::map<std::string, std::string>& options, bool streaming,
                                const SourceFilePtr& file, SourceSpan span) {
  int strategies = 0;
  for (const char* s : {"assign", "subscribe", "subscribePattern"}) strategies += options.count(s);
  if (strategies != 1)
    fail(
        "Kafka source needs exactly one of the options 'assign', 'subscribe' or "
        "'subscribePattern' (got " +
            std::to_string(strategies) + ")",
        file, span);
  if (!options.count("kafka.bootstrap.servers"))
    fail("Kafka source needs the option 'kafka.bootstrap.servers' (or bootstrapServers)", file,
         span);
  for (const auto& [k, v] : options) {
    if (k.rfind("kafka.", 0) == 0) {
      if (const char* why = refusalReason(k))
        fail("Kafka option '" + k + "' is not supported: " + why, file, span);
      continue;
    }
    const auto& known = sparkKafkaSourceOptions();
    if (std::find(known.begin(), known.end(), k) == known.end())
      fail("unknown Kafka source option '" + k +
               "' (Kafka client settings need the 'kafka.' "
               "prefix)",
           file, span);
  }
  auto get = [&](const char* k) -> const std::string* {
    auto it = options.find(k);
    return it == options.end() ? nullptr : &it->second;
  };
  for (const char* k : {"failOnDataLoss", "includeHeaders"})
    if (auto* v = get(k); v && !isBool(*v))
      fail("option '" + std::string(k) + "' must be true or false, got '" + *v + "'", file, span);
  for (const char* k : {"maxOffsetsPerTrigger", "minOffsetsPerTrigger", "startingTimestamp",
                        "endingTimestamp", "minPartitions"})
    if (auto* v = get(k); v && !isLong(*v))
      fail("option '" + std::string(k) + "' must be an integer, got '" + *v + "'", file, span);
  if (auto* v = get("startingOffsets")) {
    const auto l = asciiLower(*v);
    if (l == "latest" && !streaming)
      fail("option 'startingOffsets' cannot be 'latest' for a batch query", file, span);
    if (l != "earliest" && l != "latest" && (v->empty() || v->front() != '{'))
      fail(
          "option 'startingOffsets' must be 'earliest', 'latest' or a JSON object like "
          "{\"topic\":{\"0\":23}}, got '" +
              *v + "'",
          file, span);
  }
  if (auto* v = get("endingOffsets")) {
    if (streaming) fail("option 'endingOffsets' is only for batch queries", file, span);
    const auto l = asciiLower(*v);
    if (l == "earliest") fail("option 'endingOffsets' cannot be 'earliest'", file, span);
    if (l != "latest" && (v->empty() || v->front() != '{'))
      fail("option 'endingOffsets' must be 'latest' or a JSON object, got '" + *v + "'", file,
           span);
  }
  if (streaming) {
    for (const char* k : {"endingTimestamp", "endingOffsetsByTimestamp"})
      if (get(k)) fail("option '" + std::string(k) + "' is only for batch queries", file, span);
  } else {
    for (const char* k : {"maxOffsetsPerTrigger", "minOffsetsPerTrigger", "maxTriggerDelay"})
      if (get(k)) fail("option '" + std::string(k) + "' is only for streaming queries", file, span);
  }
}

std::optional<int64_t> parseTimeStringMs(const std::string& text) {
  size_t pos = 0;
  long long n = -1;
  try {
    n = std::stoll(text, &pos);
  } catch (...) {
    return std::nullopt;
  }
  std::string unit = asciiLower(text.substr(pos));
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  static const std::map<std::string, int64_t> units = {
      {"", 1},      {"ms", 1},      {"s", 1000},    {"sec", 1000},
      {"m", 60000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  auto u = units.find(unit);
  if (n < 0 || u == units.end()) return std::nullopt;
  return n * u->second;
}

KafkaSourceSpec kafkaSourceSpec(const std::map<std::string, std::string>& raw, bool streaming,
                                const SourceFilePtr& file, SourceSpan span) {
  KafkaSourceSpec spec;
  spec.options = normalizeKafkaOptions(raw);
  validateKafkaSourceOptions(spec.options, streaming, file, span);
  spec.streaming = streaming;
  auto get = [&](const char* k) -> const std::string* {
    auto it = spec.options.find(k);
    return it == spec.options.end() ? nullptr : &it->second;
  };
  if (auto* v = get("includeHeaders")) spec.includeHeaders = asciiLower(*v) == "true";
  if (auto* v = get("failOnDataLoss")) spec.failOnDataLoss = asciiLower(*v) == "true";
  if (auto* v = get("maxOffsetsPerTrigger")) spec.maxOffsetsPerTrigger = std::stoll(*v);
  if (auto* v = get("minOffsetsPerTrigger")) spec.minOffsetsPerTrigger = std::stoll(*v);
  if (auto* v = get("maxTriggerDelay")) {
    auto ms = parseTimeStringMs(*v);
    if (!ms)
      fail("option 'maxTriggerDelay' must be a duration like '15m', '30s' or '100ms', got '" + *v +
               "'",
           file, span);
    spec.maxTriggerDelayMs = *ms;
  }
  return spec;
}

void validateKafkaSinkOptions(const std::map<std::string, std::string>& options,
                              const SourceFilePtr& file, SourceSpan span) {
  if (!options.count("kafka.bootstrap.servers"))
    fail("Kafka sink needs the option 'kafka.bootstrap.servers'", file, span);
  for (const auto& [k, v] : options)
    if (const char* why = refusalReason(k))
      fail("Kafka option '" + k + "' is not supported: " + why, file, span);
  // The exactly-once sink's switch (runtime/connectors/kafka_sink.cpp), not a client setting.
  if (auto it = options.find("kafka.sink.exactlyonce");  // kafka.* names are lower-cased
      it != options.end() && asciiLower(it->second) != "true" && asciiLower(it->second) != "false")
    fail("Kafka option 'kafka.sink.exactlyOnce' must be true or false, got '" + it->second + "'",
         file, span);
}

}  // namespace sluice
