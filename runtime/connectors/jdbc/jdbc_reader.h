#pragma once
// The run-time side of jdbc tables (the jdbc row of runtime/connectors/registry.cpp): a
// scan sends the SELECT of planner/sources/jdbc (its columns, its pushed filters) and turns
// the rows into batches, fetchsize rows at a time; the schema reader the planner calls at
// CREATE TABLE.
#include "planner/physical/phys_scan.h"
#include "planner/sources/jdbc/jdbc_options.h"
#include "runtime/column_batch.h"

namespace sluice {

/// Every row of jdbc scan `scan`, as one batch.
ColumnBatch readJdbcTable(const PhysScan& scan);
/// The same rows handed to `consume` in batches of fetchsize rows (one when fetchsize is 0).
void readJdbcTableChunks(const PhysScan& scan, const BatchConsumer& consume);
/// The columns of the relation of `options`, mapped to Spark types (`SELECT * FROM ... WHERE
/// 1=0`, as Spark resolves a JDBC relation). Throws ExecutionError naming the server, or the
/// column whose type has no mapping.
TypePtr readJdbcSchema(const JdbcOptions& options);

}  // namespace sluice
