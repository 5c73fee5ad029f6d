#pragma once
// What a file reader produces: the mapping from the scan's columns to the table's fields,
// the corrupt-record column, and a staged row that is written to the batch only when the
// record is kept (DROPMALFORMED drops rows after some columns were parsed).
#include <string>
#include <vector>

#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "planner/sources/file_source_values.h"
#include "runtime/column_batch.h"

namespace sluice {

/// The columns one file scan reads.
struct FileReadPlan {
  std::string table;             ///< table name (for messages)
  FileSourceOptions options;     ///< the table's reader options
  TypePtr schema;                ///< the table's full schema (struct)
  std::vector<TypePtr> types;    ///< per output column: its type
  std::vector<int> fieldOf;      ///< per output column: index of its field in `schema`
  std::vector<int> dataIndexOf;  ///< per output column: position among the data fields
                                 ///< (schema without the corrupt column); -1 for that one
  int corruptColumn = -1;        ///< output column holding malformed records, or -1
  size_t dataFields = 0;         ///< fields stored in the files (not corrupt, not partition)
  /// Per output column: whether it is a partition column (its value comes from the file's
  /// `col=value` directory, not from the file).
  std::vector<uint8_t> isPartition;
  /// Per output column, for the file being read: the partition value (isPartition only).
  std::vector<Slot> partitionSlots;
  std::vector<uint8_t> partitionNulls;
  /// Predicates the reader may skip data with (Parquet row groups); rows are filtered above.
  std::vector<PushedFilter> pushedFilters;
};

/// One row being read: storage values and NULL flags per output column.
struct StagedRow {
  std::vector<Slot> slots;
  std::vector<uint8_t> nulls;

  /// All columns NULL.
  void reset(size_t columns) {
    slots.assign(columns, Slot{});
    nulls.assign(columns, 1);
  }
};

/// Appends `row` to `out` (string and nested values already live in out.arena()), with the
/// current file's partition values in the partition columns.
void appendStagedRow(const StagedRow& row, const FileReadPlan& plan, ColumnBatchBuilder& out);
/// Appends `row` of columns `types` to `out`; with `partitions`, its partition columns take
/// the current file's partition values instead.
void appendStagedRow(const StagedRow& row, const std::vector<TypePtr>& types,
                     ColumnBatchBuilder& out, const FileReadPlan* partitions = nullptr);

/// Applies `mode` to a malformed record: returns true when the (partial) row is kept;
/// throws ExecutionError with `where` (file:line) and `why` in FAILFAST.
bool keepMalformed(const FileReadPlan& plan, const std::string& where, const std::string& why);

}  // namespace sluice
