#pragma once
// Durable file primitives shared by the checkpoint log and the state store. Every checkpoint
// file is written to a hidden temp file in the same directory, fsynced, renamed over its final
// name and the directory fsynced, so a crash leaves either the old file or the complete new one.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// Writes one file atomically. Typical use: construct, write() any number of times, commit().
/// Destroying the writer without commit() removes the temp file and leaves the target as it was.
/// Errors are ExecutionErrors naming the target file.
class AtomicFileWriter {
 public:
  /// Creates the parent directory if needed and opens a hidden temp file beside `path`.
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  /// Appends bytes (buffered; large writes go straight to the file).
  void write(std::string_view bytes);
  /// Bytes written so far.
  uint64_t size() const { return written_ + buffer_.size(); }
  /// Flushes, fsyncs and renames the temp file over the target (replacing it), then fsyncs the
  /// directory.
  void commit();
  /// Like commit() but fails when the target exists: returns false (and discards the temp file)
  /// instead of replacing it. Uses link(2), which is atomic on POSIX file systems.
  bool commitIfAbsent();

 private:
  void flushBuffer();
  void finishTemp();
  [[noreturn]] void fail(const std::string& what, int err);

  std::filesystem::path path_;
  std::filesystem::path temp_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t written_ = 0;
};

/// Writes `bytes` to `path` atomically, replacing an existing file.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);
/// Writes `bytes` to `path` atomically unless the file exists; returns whether it wrote.
bool writeFileIfAbsent(const std::filesystem::path& path, std::string_view bytes);

/// The whole content of a file; ExecutionError naming the file when it cannot be read.
std::string readWholeFile(const std::filesystem::path& path);

/// fsyncs a directory so that renames and unlinks inside it are durable.
void syncDirectory(const std::filesystem::path& dir);

/// Whether a directory entry is a leftover temp file or another hidden file (".name"), which
/// listings of checkpoint directories skip.
bool isHiddenName(std::string_view name);

/// Whether `name` is a temp file of AtomicFileWriter: `.<target>.<12 lowercase hex>.tmp`.
bool isAtomicTempName(std::string_view name);

/// Removes the temp files AtomicFileWriter left in `dir` (not in subdirectories) when its
/// process died between creating and renaming them (SIGKILL, power loss); other files are
/// left alone. Call it when opening a directory whose writer is this process (the checkpoint
/// is locked): a live writer's temp file would be taken away from it. Returns how many were
/// removed; a missing dir or a file that cannot be removed is not an error.
size_t removeStaleTempFiles(const std::filesystem::path& dir);

/// Parses a non-negative decimal integer made only of digits ("0", "17"); -1 otherwise.
int64_t parseBatchId(std::string_view name);

/// The batch ids (file names that are plain non-negative integers) in `dir`, sorted ascending.
/// Other names (temp files, Hadoop .crc files) are ignored, as Spark does. Missing dir -> empty.
std::vector<int64_t> listBatchFiles(const std::filesystem::path& dir);

}  // namespace sluice
