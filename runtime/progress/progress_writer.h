#pragma once
// Where progress reports go: a JSON-lines file (one QueryProgress per line, appended), a short
// human-readable status line for stderr, and the in-memory recent history that Spark exposes
// as query.recentProgress.
#include <cstddef>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/progress/query_progress.h"

namespace sluice {

/// Appends one compact JSON object per line to a file. Each report is a single write(2) on a
/// file opened with O_APPEND, so concurrent writers never interleave within a line.
class ProgressWriter {
 public:
  /// Opens (creating it and its directory if needed) `path` for appending. ExecutionError
  /// naming the file when it cannot be opened.
  explicit ProgressWriter(std::filesystem::path path);
  ~ProgressWriter();
  ProgressWriter(const ProgressWriter&) = delete;
  ProgressWriter& operator=(const ProgressWriter&) = delete;

  /// Appends `p.json()` and a newline. ExecutionError naming the file on a failed write.
  void append(const QueryProgress& p);
  /// The file written to.
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

/// One line for stderr, e.g.
/// `camera_stats batch 4: 1200 rows, 14117.6 rows/s, trigger 85 ms, sink 12 rows,
///  state 340 rows (1.2 MiB), watermark 2017-06-28T15:00:00.000Z`.
/// Unnamed queries are shown by the first 8 characters of their id.
std::string formatStatusLine(const QueryProgress& p);

/// Bytes as a short human string ("512 B", "1.2 KiB", "3.4 MiB", "1.0 GiB").
std::string formatBytes(int64_t bytes);

/// The most recent progress reports of a query (Spark's recentProgress, default capacity of
/// spark.sql.streaming.numRecentProgressUpdates = 100). Thread-safe: the query thread adds
/// while API callers read.
class ProgressHistory {
 public:
  explicit ProgressHistory(size_t capacity = 100) : capacity_(capacity ? capacity : 1) {}

  /// Adds a report, dropping the oldest beyond the capacity.
  void add(QueryProgress p);
  /// The reports, oldest first.
  std::vector<QueryProgress> recent() const;
  /// The newest report, if any (Spark's lastProgress).
  std::optional<QueryProgress> last() const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<QueryProgress> items_;
};

}  // namespace sluice
