#pragma once
// Spark's file sink log, `<output>/_spark_metadata/`: one file per committed batch (`v1` then
// one JSON line per file the batch added), compacted every `compactInterval` batches into
// `<id>.compact` holding every entry so far (Spark's CompactibleFileStreamLog). A batch is
// committed when its log file exists; Spark-aware readers read only the files the log lists,
// and a replayed batch that is already in the log is skipped.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sluice {

/// One data file of a committed batch (Spark's SinkFileStatus).
struct SinkFileEntry {
  std::string path;  ///< absolute path (written as a `file:` URI)
  int64_t size = 0;
  int64_t modificationTime = 0;  ///< ms since the epoch
};

class FileSinkLog {
 public:
  /// The log of the sink writing into `outputDir`.
  explicit FileSinkLog(std::filesystem::path outputDir, int64_t compactInterval = 10);

  /// The newest committed batch, or -1 when none (or the log does not exist).
  int64_t latestBatchId() const;
  /// Commits `batchId` with `files` (atomically: the log file appears whole or not at all).
  /// Writes `<id>.compact` instead when `batchId` is a compaction batch.
  void commit(int64_t batchId, const std::vector<SinkFileEntry>& files);
  /// Every file of every committed batch; ExecutionError naming the log file when one is
  /// corrupt.
  std::vector<SinkFileEntry> allFiles() const;
  /// The log directory.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  bool isCompactionBatch(int64_t id) const { return (id + 1) % compactInterval_ == 0; }
  std::vector<SinkFileEntry> readBatch(int64_t id, bool compact) const;

  std::filesystem::path dir_;
  int64_t compactInterval_;
};

/// Whether `dir` holds a file sink log (`_spark_metadata` with at least one batch).
bool hasFileSinkLog(const std::filesystem::path& dir);

}  // namespace sluice
