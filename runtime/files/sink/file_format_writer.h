#pragma once
// One data file of a file sink in its format (json lines, csv, parquet). The file sink routes
// each row to the writer of its partition directory; a writer only sees the data columns.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/types.h"

namespace sluice {

struct FileSinkSpec;

class FileFormatWriter {
 public:
  virtual ~FileFormatWriter() = default;
  /// One row: `slots[i]` / `nulls[i]` for the i-th of the writer's columns. Values are only
  /// valid during the call.
  virtual void appendRow(const RowSlot* slots, const uint8_t* nulls) = 0;
  /// Completes the file (footer, compression trailer) and makes it durable.
  virtual void finish() = 0;
  /// Rows appended so far.
  int64_t rows() const { return rows_; }

 protected:
  int64_t rows_ = 0;
};

/// A writer of `spec.format` creating `path`, for columns `names` / `types`.
std::unique_ptr<FileFormatWriter> openFormatWriter(const FileSinkSpec& spec,
                                                   const std::string& path,
                                                   const std::vector<std::string>& names,
                                                   const std::vector<TypePtr>& types);

/// The format writers (one file each), used by openFormatWriter.
std::unique_ptr<FileFormatWriter> openJsonWriter(const FileSinkSpec& spec, const std::string& path,
                                                 const std::vector<std::string>& names,
                                                 const std::vector<TypePtr>& types);
std::unique_ptr<FileFormatWriter> openCsvWriter(const FileSinkSpec& spec, const std::string& path,
                                                const std::vector<std::string>& names,
                                                const std::vector<TypePtr>& types);
std::unique_ptr<FileFormatWriter> openParquetWriter(const FileSinkSpec& spec,
                                                    const std::string& path,
                                                    const std::vector<std::string>& names,
                                                    const std::vector<TypePtr>& types);

}  // namespace sluice
