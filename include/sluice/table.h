#pragma once
// sluice::Table: the result of a query — named, typed columns stored column by column.
// Returned by Engine::query; `show()` prints it as Spark's Dataset.show() does.
//
//   sluice::Table t = engine.query("SELECT 1 AS a, 'x' AS b");
//   t.getInt(0, 0);   // 1
//   std::cout << t.show();
#include <cstdint>
#include <memory>
#include <string>

#include "sluice/export.h"

namespace sluice {

/// Query results: named, typed columns (cheap to copy: the storage is shared, immutable).
class SLUICE_API Table {
 public:
  struct Impl;  ///< the column storage (defined by the runtime)

  /// An empty table without columns.
  Table();
  /// Wraps built storage (see runtime/table.h's TableBuilder).
  explicit Table(std::shared_ptr<const Impl> impl);
  ~Table();                            ///< releases this reference to the storage
  Table(const Table&);                 ///< shares the storage
  Table& operator=(const Table&);      ///< shares the storage
  Table(Table&&) noexcept;             ///< takes the storage; the source becomes empty
  Table& operator=(Table&&) noexcept;  ///< takes the storage

  /// Number of rows.
  int64_t rows() const;
  /// Number of columns.
  int columns() const;
  /// Name of column `c`.
  const std::string& columnName(int c) const;
  /// Spark type name of column `c` (`int`, `bigint`, `string`, `decimal(3,1)`, ...).
  std::string columnType(int c) const;
  /// Index of the column called `name` (case-insensitive), or -1.
  int column(const std::string& name) const;

  /// True if the value at (`row`, `col`) is NULL.
  bool isNull(int64_t row, int col) const;
  /// Integral, boolean (0/1), date (days), timestamp (micros) or decimal (unscaled) value.
  /// Throws std::logic_error for other column types; the value of a NULL is 0.
  int64_t getInt(int64_t row, int col) const;
  /// Float or double value (integral columns are converted). Throws std::logic_error for
  /// other column types; the value of a NULL is 0.
  double getDouble(int64_t row, int col) const;
  /// String or binary bytes; for other types the value as show() prints it ("NULL" for NULL).
  std::string getString(int64_t row, int col) const;

  /// Spark's `show(numRows, truncate)`: a `+---+` bordered grid, cells right-aligned, values
  /// longer than `truncate` characters cut to `truncate - 3` plus "..." (0: never cut), NULL
  /// as `NULL`, and "only showing top N rows" when rows are left out.
  std::string show(int64_t numRows = 20, int truncate = 20) const;

  /// CSV with a header line (RFC 4180 quoting; NULL as an empty field), as Spark's CSV
  /// writer with `header true` produces by default.
  std::string toCsv() const;
  /// JSON lines, one object per row, NULL fields left out and numbers and booleans unquoted
  /// (Spark's JSON writer); other values as show() prints them.
  std::string toJsonLines() const;

  /// The column storage (runtime/table.h), for the engine's own use (e.g. memory tables).
  const Impl& storage() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace sluice
