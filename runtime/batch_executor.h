#pragma once
// Runs a compiled batch query whose sources are inline VALUES: evaluates the constant rows
// into kernel-ABI columns (abi.h), calls the pipeline kernels and collects the result rows
// into a Table. Kafka, file and memory sources, and plans with pipeline breakers, arrive
// with the streaming runtime; they are an ExecutionError that says so.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "codegen/query_compiler.h"
#include "planner/physical/physical_planner.h"
#include "sluice/table.h"

namespace sluice {

class Scan;

/// A batch in the kernel ABI's layout, owning its storage.
class ColumnBatch {
 public:
  /// Evaluates `scan`'s constant rows (Scan::rows) column by column. Throws ExecutionError
  /// for column types the kernel ABI does not carry.
  static ColumnBatch fromValues(const Scan& scan);

  /// One ColumnData per column (pointers into this object; valid while it lives unmoved).
  const std::vector<ColumnData>& columns() const { return columns_; }
  /// Rows in the batch.
  int64_t rows() const { return rows_; }

 private:
  std::vector<ColumnData> columns_;
  std::vector<std::vector<uint8_t>> nulls_;
  std::vector<std::vector<unsigned char>> values_;  // raw storage, per column
  std::vector<std::string> strings_;                // bytes string views point into
  int64_t rows_ = 0;
};

/// Runs `query` (compiled from `plan`) once over its VALUES sources and returns the rows
/// of its `WriteTo result` sink. Throws ExecutionError for plans it cannot run yet.
Table runBatch(const PhysicalPlan& plan, const CompiledQuery& query);

}  // namespace sluice
