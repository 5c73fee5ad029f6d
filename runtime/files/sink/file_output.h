#pragma once
// A data file being written: buffered appends to a path, optionally gzip-compressed, made
// durable (fsync) by finish(). The file sink writes every data file through one of these (the
// Parquet writer manages its own file).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sluice {

class FileOutput {
 public:
  /// Creates (truncates) `path`; `gzip` compresses what is written. ExecutionError naming the
  /// file when it cannot be created.
  FileOutput(std::string path, bool gzip);
  ~FileOutput();
  FileOutput(const FileOutput&) = delete;
  FileOutput& operator=(const FileOutput&) = delete;

  /// Appends bytes (buffered).
  void write(std::string_view bytes);
  /// Flushes, ends the compressed stream, fsyncs and closes; ExecutionError naming the file on
  /// a write error (disk full, ...).
  void finish();
  /// Bytes handed to write() so far (before compression).
  uint64_t size() const { return size_; }

 private:
  void flush(bool end);
  [[noreturn]] void fail(const std::string& what, int err) const;

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t size_ = 0;
  struct Gzip;
  std::unique_ptr<Gzip> gzip_;
};

}  // namespace sluice
