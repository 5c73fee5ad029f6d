#pragma once
// The streaming file source's log, `<checkpoint>/sources/<i>/`, as Spark's FileStreamSource
// writes it: one file per source batch (`v1`, then a JSON line {"path", "timestamp",
// "batchId"} per file the batch takes). A file is taken once: the log is what makes a file
// "seen" across restarts, and a batch's file list never changes once written.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace sluice {

/// A data file of the source: absolute path and modification time (ms).
struct StreamedFile {
  std::string path;
  int64_t modifiedMs = 0;
};

class FileSourceLog {
 public:
  /// The log in `dir` (may not exist yet); reads every batch written so far. ExecutionError
  /// naming the file when one is corrupt.
  explicit FileSourceLog(std::filesystem::path dir);

  /// The newest batch, or -1.
  int64_t latestBatchId() const { return latest_; }
  /// Whether `path` belongs to a logged batch.
  bool seen(const std::string& path) const { return seen_.count(path) > 0; }
  /// Logs `files` as batch `batchId` (= latestBatchId() + 1), atomically.
  void add(int64_t batchId, const std::vector<StreamedFile>& files);
  /// The files of batches (from, to], in log order. ExecutionError for a missing batch file.
  std::vector<std::string> filesBetween(int64_t from, int64_t to) const;

 private:
  std::vector<std::string> readBatch(int64_t id) const;

  std::filesystem::path dir_;
  int64_t latest_ = -1;
  std::set<std::string> seen_;
};

}  // namespace sluice
