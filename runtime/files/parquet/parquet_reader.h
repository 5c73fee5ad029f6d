#pragma once
// Reading Parquet files: the footer and schema, row-group pruning from column statistics,
// and the decoding of the requested columns only, reassembled (Dremel) into rows of a
// ColumnBatchBuilder with nested values in the stdlib/nested.h layout.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "planner/types.h"
#include "planner/value.h"
#include "runtime/column_batch.h"
#include "runtime/files/parquet/parquet_metadata.h"
#include "runtime/files/parquet/parquet_schema.h"
#include "runtime/files/read_plan.h"

namespace sluice {

/// A simple predicate on a top-level column, for skipping row groups whose statistics prove
/// that no row matches. `literal` is a constant of the column's (sluice) type.
struct ParquetPredicate {
  enum class Op { Eq, Lt, Le, Gt, Ge, IsNull, IsNotNull };
  std::string column;  ///< top-level column name (case-insensitive)
  Op op = Op::Eq;
  Value literal;  ///< unused for IsNull / IsNotNull
};

/// One output column of a read: a top-level column of the file by name (exact, else case-
/// insensitive), read as `type`. `type` is the file's type or, for structs (at any depth), a
/// struct with a subset of the file's fields by name (only those leaves are decoded; fields
/// missing from the file read as NULL). A column missing from the file reads as NULL.
struct ParquetColumnRequest {
  std::string name;
  TypePtr type;
};

/// An open Parquet file.
class ParquetFileReader {
 public:
  /// Opens `path` and reads its footer and schema. Throws ExecutionError naming the file for
  /// anything that is not a readable Parquet file (too short, bad magic, corrupt footer,
  /// unsupported types).
  explicit ParquetFileReader(std::string path);
  ~ParquetFileReader();
  ParquetFileReader(const ParquetFileReader&) = delete;
  ParquetFileReader& operator=(const ParquetFileReader&) = delete;

  const std::string& path() const { return path_; }
  const parquet::FileMetaData& metadata() const { return meta_; }
  const parquet::ParquetSchema& schema() const { return schema_; }
  /// The file's columns as a sluice struct type.
  TypePtr rowType() const { return schema_.root.type; }
  int64_t numRows() const { return meta_.numRows; }
  int numRowGroups() const { return static_cast<int>(meta_.rowGroups.size()); }

  /// False when the statistics of row group `g` prove that no row satisfies all `predicates`
  /// (predicates on unknown, nested or statistics-less columns are ignored).
  bool rowGroupMayMatch(int g, const std::vector<ParquetPredicate>& predicates) const;

  /// Appends the rows of every row group that may match `predicates` to `out`, whose
  /// columns are `columns` in order. Rows are not filtered: predicates only skip row groups.
  /// With `partitions` (a file table's read plan, same columns), its partition columns take
  /// the plan's partition values and are not read from the file. Returns the number of row
  /// groups read.
  int read(const std::vector<ParquetColumnRequest>& columns, ColumnBatchBuilder& out,
           const std::vector<ParquetPredicate>& predicates = {},
           const FileReadPlan* partitions = nullptr);

 private:
  void readBytes(int64_t offset, size_t size, std::string& out, const std::string& what) const;

  std::string path_;
  int fd_ = -1;
  int64_t size_ = 0;
  parquet::FileMetaData meta_;
  parquet::ParquetSchema schema_;
};

/// The sluice schema (struct) of the Parquet file at `path`. Throws ExecutionError.
TypePtr readParquetSchema(const std::string& path);

}  // namespace sluice
