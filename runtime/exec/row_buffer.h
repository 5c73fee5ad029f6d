#pragma once
// RowBuffer: the RowSink that materializes a pipeline's rows for a breaker that needs all of
// them before its output pipeline runs (sort, union). Emitted rows are copied (strings and
// nested values included) because emitted slots only live during the call.
#include <cstdint>
#include <optional>
#include <vector>

#include "codegen/abi.h"
#include "planner/logical/sort.h"
#include "runtime/column_batch.h"

namespace sluice {

class RowBuffer : public RowSink {
 public:
  /// Rows of `types.size()` columns.
  explicit RowBuffer(std::vector<TypePtr> types);

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override;
  /// Rows buffered so far.
  int64_t rows() const { return builder_.rows(); }

  /// The rows as a batch of their first `columns` columns (all when -1), ordered by columns
  /// `firstKey`, `firstKey + 1`, ... with `order` when given (a stable sort with Spark's
  /// ordering: NULLs first or last as given, NaN above every number). Ends the buffer.
  ColumnBatch finish(int64_t columns = -1, size_t firstKey = 0,
                     const std::vector<SortKey>& order = {});

 private:
  std::vector<TypePtr> types_;
  ColumnBatchBuilder builder_;
};

}  // namespace sluice
