#pragma once
// A jdbc result cell's text -> the storage value of its Spark type in a batch. The text
// protocol of both servers is read here once, so PostgreSQL and MySQL values convert alike.
#include <string_view>

#include "planner/types.h"
#include "runtime/column_batch.h"
#include "runtime/connectors/jdbc/jdbc_connection.h"

namespace sluice {

/// Sets column `c` of `out`'s current row from `cell` (NULL stays NULL), read as `type`
/// (the column's Spark type, possibly customSchema's) from text of kind `kind`. False when
/// the text is not a value of the type (the caller names table, column and value).
bool setJdbcCell(const JdbcCell& cell, CellKind kind, const DataType& type, size_t c,
                 ColumnBatchBuilder& out);

}  // namespace sluice
