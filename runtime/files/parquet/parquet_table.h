#pragma once
// Batch reads of parquet file tables (CREATE TABLE t USING parquet OPTIONS (path '...')).
#include "runtime/column_batch.h"

namespace sluice {

class Scan;

/// Reads a parquet table scan: every `*.parquet` file under the table's path (a file, or a
/// directory read recursively in sorted order, skipping names starting with `_` or `.`),
/// decoding only the scan's `attrs` (matched to the files' columns by name, case-
/// insensitively; columns a file lacks read as NULL; pruned struct types decode only the
/// fields they keep). Throws ExecutionError naming the table and file.
ColumnBatch readParquetTable(const Scan& scan);

}  // namespace sluice
