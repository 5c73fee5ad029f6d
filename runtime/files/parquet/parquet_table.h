#pragma once
// Batch reads of one Parquet file of a file table scan (runtime/files/file_reader.cpp lists
// the files, filters them through a sink log and sets partition values).
#include <string>

#include "runtime/column_batch.h"
#include "runtime/files/read_plan.h"

namespace sluice {

/// Appends the rows of the Parquet file `path` to `out`, whose columns are `plan`'s: each
/// column is matched to the file's columns by name (case-insensitively; a column the file
/// lacks reads as NULL; pruned struct types decode only the fields they keep); partition
/// columns take the plan's current partition values. Throws ExecutionError naming the table
/// and file.
void readParquetFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out);

}  // namespace sluice
