#pragma once
// The on-disk format of state store files, `<version>.delta` and `<version>.snapshot`:
//
//   header   8 bytes magic "SLUICEST", u32 format version (1), u32 kind (1 delta, 2 snapshot),
//            i64 store version
//   records  u32 key length, i32 value length (-1 = key removed, deltas only), key, value
//   trailer  u64 record count, u32 CRC-32C of everything before it, 4 bytes end magic "SLND"
//
// Integers are little-endian (the x86-64/aarch64 native order). A file that is too short, has a
// wrong magic, version, kind or checksum, or whose records overrun is rejected with an
// ExecutionError naming the file: it is never partly applied.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/checkpoint/file_io.h"

namespace sluice {

/// Which of the two state file kinds.
enum class StateFileKind : uint32_t { Delta = 1, Snapshot = 2 };

/// File name of a state file: "<version>.delta" / "<version>.snapshot".
std::string stateFileName(int64_t version, StateFileKind kind);

/// Streams records into a new state file and commits it atomically with finish().
class StateFileWriter {
 public:
  StateFileWriter(std::filesystem::path path, StateFileKind kind, int64_t version);

  /// Appends a key with its value.
  void put(std::string_view key, std::string_view value) { record(key, &value); }
  /// Appends a removal of `key` (delta files only).
  void remove(std::string_view key) { record(key, nullptr); }
  /// Writes the trailer and atomically publishes the file; returns its size in bytes.
  uint64_t finish();
  /// Records written so far.
  uint64_t records() const { return records_; }

 private:
  void record(std::string_view key, const std::string_view* value);
  void flushChunk();

  std::filesystem::path path_;
  StateFileKind kind_;
  AtomicFileWriter out_;
  std::string chunk_;  ///< pending bytes, checksummed when handed to out_
  uint32_t crc_ = 0;
  uint64_t records_ = 0;
};

/// Reads and verifies a whole state file, then hands out its records in file order.
class StateFileReader {
 public:
  /// Reads `path` and checks size, magics, format version, kind, `expectedVersion` and the
  /// checksum. ExecutionError naming the file on any mismatch (or when it cannot be read).
  StateFileReader(const std::filesystem::path& path, StateFileKind kind, int64_t expectedVersion);

  /// Number of records the trailer announces.
  uint64_t recordCount() const { return count_; }
  /// Size of the file in bytes.
  uint64_t fileBytes() const { return data_->size(); }
  /// The file's bytes, which the views from next() point into (moving the buffer out keeps
  /// them valid: the state store adopts it as storage instead of copying every entry).
  std::unique_ptr<std::string> takeBuffer() { return std::move(data_); }

  /// The next record: false at the end. `value` is nullopt for a removal. Views stay valid
  /// while the reader or the buffer taken with takeBuffer() lives.
  bool next(std::string_view& key, std::optional<std::string_view>& value);

 private:
  [[noreturn]] void corrupt(const std::string& what) const;

  std::filesystem::path path_;
  StateFileKind kind_;
  std::unique_ptr<std::string> data_;
  size_t pos_ = 0;
  size_t end_ = 0;  ///< where records stop (start of the trailer)
  uint64_t count_ = 0;
  uint64_t seen_ = 0;
};

}  // namespace sluice
