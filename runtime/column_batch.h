#pragma once
// ColumnBatch: a batch in the kernel ABI's columnar layout (codegen/abi.h) that owns its
// storage, and ColumnBatchBuilder, which appends rows value by value. Every source (VALUES,
// files, Kafka records, the output of a pipeline breaker) hands its rows to a kernel as one.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codegen/abi.h"
#include "planner/type_storage.h"  // storageSize: bytes per element of a column
#include "planner/types.h"
#include "stdlib/nested.h"

namespace sluice {

class Scan;

/// A batch in the kernel ABI's layout, owning its storage. The storage is on the heap, so
/// moving a batch keeps every ColumnData pointer valid.
class ColumnBatch {
 public:
  ColumnBatch() = default;
  ColumnBatch(ColumnBatch&&) noexcept = default;
  ColumnBatch& operator=(ColumnBatch&&) noexcept = default;

  /// Evaluates `scan`'s constant rows (Scan::rows) column by column. Throws ExecutionError
  /// for column types the kernel ABI does not carry.
  static ColumnBatch fromValues(const Scan& scan);

  /// One ColumnData per column (pointers into heap storage this object owns).
  const std::vector<ColumnData>& columns() const { return columns_; }
  /// Rows in the batch.
  int64_t rows() const { return rows_; }
  /// Column types, in order.
  const std::vector<TypePtr>& types() const { return types_; }
  /// The batch with only the columns `indexes` (in that order; an index may repeat), moving
  /// the storage out of this batch, which is left empty. The row origin is kept.
  ColumnBatch select(const std::vector<size_t>& indexes) &&;

  /// Where row `row` came from, for error messages (a Kafka batch: `topic 't' partition 0
  /// offset 17`); "" when the source does not say. Only called when something failed.
  std::string describeRow(int64_t row) const { return origin_ ? (*origin_)(row) : ""; }
  /// Sets what describeRow() answers.
  void setRowOrigin(std::function<std::string(int64_t)> origin) {
    origin_ = std::make_shared<const std::function<std::string(int64_t)>>(std::move(origin));
  }
  /// Keeps `owner` alive as long as the batch: the buffers its string values point into when
  /// they were not copied (a Kafka batch's messages, held by the client library).
  void keepAlive(std::shared_ptr<void> owner) { keepAlive_ = std::move(owner); }
  /// Also keeps `owner` alive as long as the batch, released after what keepAlive() holds
  /// (which may depend on it: Kafka messages on the client that fetched them).
  void keepAliveAlso(std::shared_ptr<void> owner) {
    // A pair's members are destroyed second first.
    keepAlive_ = std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<void>>>(
        std::move(owner), std::move(keepAlive_));
  }

 private:
  friend class ColumnBatchBuilder;
  std::vector<TypePtr> types_;
  std::vector<ColumnData> columns_;
  std::vector<std::vector<uint8_t>> nulls_;
  std::vector<std::vector<unsigned char>> values_;  // raw storage, per column
  std::shared_ptr<StringArena> bytes_;              // string bytes and nested values
  int64_t rows_ = 0;
  std::shared_ptr<const std::function<std::string(int64_t)>> origin_;  // describeRow
  std::shared_ptr<void> keepAlive_;  // what uncopied string values point into
};

/// Takes one batch of a scan's rows (the batches of one scan arrive in row order).
using BatchConsumer = std::function<void(ColumnBatch&&)>;

/// Builds a ColumnBatch row by row: for each row, set every column once (in any order) with
/// the setter matching its storage type, then call endRow().
class ColumnBatchBuilder {
 public:
  /// Columns of the given types.
  explicit ColumnBatchBuilder(std::vector<TypePtr> types);

  /// Column `c` of the current row is NULL.
  void setNull(size_t c);
  /// Column `c` of the current row holds `v`, the column's storage type (uint8_t for
  /// booleans, int32_t for int / date, int64_t for bigint / timestamp / decimal(p<=18), ...).
  template <typename T>
  void set(size_t c, T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(slot(c), &v, sizeof(T));
  }
  /// Column `c` (string / binary) holds a copy of `s`.
  void setString(size_t c, std::string_view s);
  /// Column `c` (string / binary) holds `s`, whose bytes outlive the batch (no copy).
  void setStringRef(size_t c, StringView s) { set(c, s); }
  /// Column `c` (struct / array / map) holds a deep copy of the nested value `v`.
  void setNested(size_t c, const void* v);
  /// Ends the current row.
  void endRow();
  /// Reserves room for `rows` rows in all, so a builder that knows its size up front does
  /// not grow (and copy, and page-fault) its columns row by row.
  void reserve(int64_t rows);
  /// Rows so far.
  int64_t rows() const { return batch_.rows_; }
  /// The arena the batch keeps alive (for values built in place, e.g. nested values).
  StringArena& arena() { return *batch_.bytes_; }

  /// The batch; the builder is left empty with the same column types.
  ColumnBatch finish();

 private:
  unsigned char* slot(size_t c);
  std::vector<size_t> sizes_;
  ColumnBatch batch_;
};

/// A deep copy of nested value `v` of `type` (struct / array / map), strings included, into
/// `arena`.
const void* copyNested(const void* v, const DataType& type, StringArena& arena);

}  // namespace sluice
