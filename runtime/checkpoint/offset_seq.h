#pragma once
// Spark's text formats for the offsets and commits logs and the per-source initial offsets,
// byte-compatible with Spark's OffsetSeqLog, CommitLog and KafkaSourceInitialOffsetWriter:
//
//   offsets/<n>   v1
//                 {"batchWatermarkMs":0,"batchTimestampMs":1502872590006,"conf":{...}}
//                 {"nest-logs":{"0":123,"1":456}}        <- one line per source, "-" = none
//   commits/<n>   v1
//                 {"nextBatchWatermarkMs":0}
//   sources/<i>/0 "\0" "v1\n" {"nest-logs":{"0":0,"1":0}}
//
// Source offsets are opaque JSON strings here: each source owns its offset format.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// The log format version this build writes and the newest it reads (Spark's is also 1).
inline constexpr int kOffsetLogVersion = 1;

/// The per-batch metadata line of an offsets file (Spark's OffsetSeqMetadata).
struct OffsetSeqMetadata {
  int64_t batchWatermarkMs = 0;  ///< event-time watermark in effect for the batch
  int64_t batchTimestampMs = 0;  ///< processing time of the batch (current_timestamp())
  /// Session confs that must stay fixed across restarts (e.g. spark.sql.shuffle.partitions).
  std::map<std::string, std::string> conf;

  bool operator==(const OffsetSeqMetadata&) const = default;
};

/// One offsets file: the metadata and the end offset of every source, in source order.
struct OffsetSeq {
  std::optional<OffsetSeqMetadata> metadata;  ///< absent in files with an empty metadata line
  /// Per source, its offset JSON; nullopt when the source had no offset yet ("-" in the file).
  std::vector<std::optional<std::string>> offsets;

  bool operator==(const OffsetSeq&) const = default;
};

/// One commits file (Spark's CommitMetadata).
struct CommitMetadata {
  int64_t nextBatchWatermarkMs = 0;  ///< the watermark computed at the end of the batch

  bool operator==(const CommitMetadata&) const = default;
};

/// Spark's OffsetSeqLog text (no trailing newline, as Spark writes it).
std::string serializeOffsetSeq(const OffsetSeq& seq);
/// Parses an offsets file; `file` names it in ExecutionErrors (empty, bad version line,
/// missing metadata line, invalid JSON in the metadata or an offset line).
OffsetSeq parseOffsetSeq(std::string_view text, const std::string& file);

/// The metadata line alone, `{"batchWatermarkMs":..,"batchTimestampMs":..,"conf":{..}}`.
std::string serializeOffsetSeqMetadata(const OffsetSeqMetadata& m);

/// Spark's CommitLog text.
std::string serializeCommit(const CommitMetadata& c);
/// Parses a commits file; ExecutionError naming `file` when it is empty, has a bad version line
/// or invalid JSON. A missing metadata line means watermark 0, as in Spark.
CommitMetadata parseCommit(std::string_view text, const std::string& file);

/// The initial-offsets file of a source (KafkaSourceInitialOffsetWriter's layout: a zero byte,
/// "v1\n", then the offset JSON).
std::string serializeInitialOffsets(std::string_view offsetJson);
/// The offset JSON of an initial-offsets file. Accepts files without the leading zero byte and
/// Spark 2.1's version-less files; ExecutionError naming `file` otherwise.
std::string parseInitialOffsets(std::string_view text, const std::string& file);

}  // namespace sluice
