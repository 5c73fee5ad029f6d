#pragma once
// The Kafka source as the planner sees it: Spark's fixed schema and the option checks that
// can be made before anything connects (names, required options, Spark's refusals).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontend/source.h"
#include "planner/expr.h"

namespace sluice {

/// Spark's Kafka source schema (fresh attributes): key binary, value binary, topic string,
/// partition int, offset bigint, timestamp timestamp, timestampType int
/// (+ headers array<struct<key: string, value: binary>> when includeHeaders is true).
std::vector<Attribute> kafkaSourceAttributes(bool includeHeaders, const std::string& qualifier);

/// Spark's Kafka source options in their canonical spelling (`kafka.*` client settings
/// aside).
const std::vector<std::string>& sparkKafkaSourceOptions();

/// Normalizes option names: Databricks' `bootstrapServers` -> `kafka.bootstrap.servers`;
/// Spark option names are matched case-insensitively and stored in Spark's spelling.
std::map<std::string, std::string> normalizeKafkaOptions(
    const std::map<std::string, std::string>& options);

/// Checks source options as Spark does at query start: exactly one of assign / subscribe /
/// subscribePattern, kafka.bootstrap.servers present, refused kafka.* settings with the
/// reason, batch-only / stream-only options, value formats (booleans, numbers, JSON offsets
/// syntax). Throws AnalysisError naming the option, located at `span`.
void validateKafkaSourceOptions(const std::map<std::string, std::string>& options, bool streaming,
                                const SourceFilePtr& file, SourceSpan span);

/// A Kafka source as the plan carries it: Spark's options normalized, checked and typed once
/// at analysis; the runtime reads these fields instead of re-parsing option strings.
struct KafkaSourceSpec {
  std::map<std::string, std::string> options;  ///< normalized names (the client reads these)
  bool streaming = false;                      ///< read with FROM STREAM
  bool includeHeaders = false;                 ///< adds the headers column
  bool failOnDataLoss = true;
  std::optional<int64_t> maxOffsetsPerTrigger;  ///< streams: records per batch at most
  std::optional<int64_t> minOffsetsPerTrigger;  ///< streams: records a batch waits for
  int64_t maxTriggerDelayMs = 15 * 60000;       ///< ... but no longer than this (Spark: 15m)
};

/// Normalizes and validates `options` (validateKafkaSourceOptions) and types them.
KafkaSourceSpec kafkaSourceSpec(const std::map<std::string, std::string>& options, bool streaming,
                                const SourceFilePtr& file, SourceSpan span);

/// Spark's time strings (Utils.timeStringAsMs): "15m", "30s", "100ms", "1h", "2d"; a bare
/// number is milliseconds. nullopt if `text` is not one.
std::optional<int64_t> parseTimeStringMs(const std::string& text);

/// Checks Kafka sink options (kafka.bootstrap.servers; refused serializers).
void validateKafkaSinkOptions(const std::map<std::string, std::string>& options,
                              const SourceFilePtr& file, SourceSpan span);

}  // namespace sluice
