#pragma once
// One micro-batch's progress report, with the field names and JSON shape of Spark's
// StreamingQueryProgress (what `query.lastProgress` prints in Spark), so tools written for
// Spark's progress JSON read sluice's too.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

/// Spark's StateOperatorProgress: one entry per stateful operator, summed over its partitions.
struct StateOperatorProgress {
  std::string operatorName;  ///< e.g. "stateStoreSave", "dedupe", "symmetricHashJoin"
  int64_t numRowsTotal = 0;
  int64_t numRowsUpdated = 0;
  int64_t allUpdatesTimeMs = 0;
  int64_t numRowsRemoved = 0;
  int64_t allRemovalsTimeMs = 0;
  int64_t commitTimeMs = 0;
  int64_t memoryUsedBytes = 0;
  int64_t numRowsDroppedByWatermark = 0;
  int64_t numShufflePartitions = 0;
  int64_t numStateStoreInstances = 0;
  std::map<std::string, int64_t> customMetrics;  ///< emitted only when non-empty
};

/// Spark's SourceProgress. Offsets are the sources' own JSON (emitted as JSON when they parse,
/// as a JSON string otherwise, null when absent).
struct SourceProgress {
  std::string description;  ///< e.g. "KafkaV2[Subscribe[nest-logs]]"
  std::optional<std::string> startOffset;
  std::optional<std::string> endOffset;
  std::optional<std::string> latestOffset;
  int64_t numInputRows = 0;
  /// Rows per second; NaN or infinite values are left out of the JSON, as Spark does.
  double inputRowsPerSecond = std::numeric_limits<double>::quiet_NaN();
  double processedRowsPerSecond = std::numeric_limits<double>::quiet_NaN();
  /// e.g. avgOffsetsBehindLatest; values are strings in Spark's JSON; emitted when non-empty.
  std::map<std::string, std::string> metrics;
};

/// Spark's SinkProgress.
struct SinkProgress {
  std::string description;                     ///< e.g. "KafkaSink", "FileSink[out/]"
  int64_t numOutputRows = -1;                  ///< -1 when the sink cannot count, as in Spark
  std::map<std::string, std::string> metrics;  ///< emitted when non-empty
};

/// Spark's StreamingQueryProgress for one batch.
struct QueryProgress {
  std::string id;                   ///< the query id kept in the checkpoint's metadata file
  std::string runId;                ///< a fresh id per start of the query
  std::optional<std::string> name;  ///< the query's name (null when unnamed)
  int64_t timestampMs = 0;          ///< trigger start, printed as ISO-8601 UTC with ms
  int64_t batchId = 0;
  int64_t batchDuration = 0;  ///< ms, the whole trigger (Spark 3.1+)
  int64_t numInputRows = 0;
  double inputRowsPerSecond = std::numeric_limits<double>::quiet_NaN();
  double processedRowsPerSecond = std::numeric_limits<double>::quiet_NaN();
  /// Phase durations in ms: addBatch, getBatch, latestOffset, queryPlanning,
  /// triggerExecution, walCommit, commitOffsets (only the ones measured; keys sorted as Spark).
  std::map<std::string, int64_t> durationMs;
  /// avg/max/min/watermark as ISO-8601 strings (use formatIsoTimestamp); omitted when empty.
  std::map<std::string, std::string> eventTime;
  std::vector<StateOperatorProgress> stateOperators;
  std::vector<SourceProgress> sources;
  SinkProgress sink;

  /// Compact one-line JSON (the ProgressWriter format).
  std::string json() const;
  /// Indented JSON like Spark's prettyJson (`"key" : value`, two-space indent).
  std::string prettyJson() const;
};

/// Epoch milliseconds as Spark prints progress timestamps: "2016-12-14T18:45:24.873Z".
std::string formatIsoTimestamp(int64_t epochMs);

/// rows / seconds as Spark computes the rates: NaN when the duration is zero.
double rowsPerSecond(int64_t rows, int64_t durationMs);

/// A double the way the JVM prints it in Spark's JSON (120.0, 1.2345678E7, 5.0E-4).
std::string formatJavaDouble(double v);

}  // namespace sluice
