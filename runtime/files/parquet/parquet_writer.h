#pragma once
// ParquetWriter: writes rows (in the kernel ABI's row layout) to one Parquet file, the way
// Spark's Parquet writer lays it out: row groups flushed when the buffered data passes
// `parquet.block.size`, data pages (v1) of about `parquet.page.size`, dictionary encoding with
// fallback to PLAIN, per-chunk statistics, the Spark schema in the footer's key-value metadata.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/types.h"
#include "runtime/files/parquet/parquet_metadata.h"

namespace sluice {

namespace parquet {
class ColumnWriter;
struct ParquetSchema;
struct SchemaNode;
}  // namespace parquet

/// How a file is written (Spark's option names in parquetWriteOptions()).
struct ParquetWriteOptions {
  parquet::Codec compression = parquet::Codec::Snappy;  ///< `compression` (snappy by default)
  int64_t rowGroupSize = int64_t{128} << 20;      ///< `parquet.block.size`: bytes per row group
  int64_t pageSize = int64_t{1} << 20;            ///< `parquet.page.size`: bytes per data page
  bool enableDictionary = true;                   ///< `parquet.enable.dictionary`
  int64_t dictionaryPageSize = int64_t{1} << 20;  ///< `parquet.dictionary.page.size`
};

/// Parses Spark's Parquet writer options (keys case-insensitive): `compression` (or
/// `parquet.compression`): none / uncompressed / snappy / gzip / zstd; `parquet.block.size`,
/// `parquet.page.size`, `parquet.dictionary.page.size` (positive byte counts);
/// `parquet.enable.dictionary` (true / false). Other keys are ignored, as Spark ignores them.
/// Throws ExecutionError naming the option and the bad value.
ParquetWriteOptions parquetWriteOptions(const std::map<std::string, std::string>& sparkOptions);

/// Writes one Parquet file at exactly `path` (created or truncated; callers that need atomic
/// publication write to a temporary name and rename). Not thread-safe.
class ParquetWriter {
 public:
  /// Opens `path` for columns `names` of `types`. Throws ExecutionError naming the column
  /// when a type cannot be written (interval, void) and naming the path when it cannot be
  /// created.
  ParquetWriter(std::string path, std::vector<std::string> names, std::vector<TypePtr> types,
                ParquetWriteOptions options);
  /// Closes the file descriptor; a writer not close()d leaves an incomplete file behind.
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  /// One row: `slots[i]` holds column i's storage value (codegen/abi.h; nested values point
  /// to stdlib/nested.h data), `nulls[i]` nonzero when it is NULL. The values are copied
  /// (shredded into per-leaf buffers) before the call returns.
  void appendRow(const RowSlot* slots, const uint8_t* nulls);
  /// Flushes the last row group and writes the footer. Throws ExecutionError on I/O errors.
  void close();

  /// Rows appended so far.
  int64_t rowsWritten() const { return rows_; }
  /// Bytes written to the file so far (the whole file after close()).
  int64_t bytesWritten() const { return offset_; }

 private:
  void shred(const parquet::SchemaNode& n, const unsigned char* value, uint8_t rep);
  void nullUnder(const parquet::SchemaNode& n, uint8_t rep, uint8_t def);
  void flushRowGroup();
  void write(const std::string& bytes);

  std::string path_;
  std::vector<std::string> names_;
  std::vector<TypePtr> types_;
  ParquetWriteOptions options_;
  std::unique_ptr<parquet::ParquetSchema> schema_;
  std::vector<parquet::SchemaElement> elements_;
  std::vector<std::unique_ptr<parquet::ColumnWriter>> columns_;
  std::vector<parquet::RowGroup> rowGroups_;
  std::FILE* file_ = nullptr;
  int64_t offset_ = 0;
  int64_t rows_ = 0;
  int64_t groupRows_ = 0;
  bool closed_ = false;
};

}  // namespace sluice
