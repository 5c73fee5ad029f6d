#pragma once
// The runtime side of sluice::Table (include/sluice/table.h): its column storage, and
// TableBuilder, a RowSink that collects the rows a kernel emits into a Table.
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/types.h"
#include "planner/value.h"
#include "sluice/table.h"

namespace sluice {

/// One column of a Table. Values live in the vector matching the type: `ints` for boolean,
/// integral, date, timestamp and decimal(p <= 18) (unscaled), `doubles` for float / double,
/// `strings` for string / binary, `values` for nested types and wide decimals; NULL / void
/// columns keep only `nulls`.
struct TableColumn {
  std::string name;                  ///< column name
  TypePtr type;                      ///< SQL type
  std::vector<uint8_t> nulls;        ///< 1 = NULL, one per row
  std::vector<int64_t> ints;         ///< see above
  std::vector<double> doubles;       ///< see above
  std::vector<std::string> strings;  ///< see above
  std::vector<Value> values;         ///< struct / array / map / decimal(p > 18) values
};

struct Table::Impl {
  std::vector<TableColumn> columns;  ///< in output order
  int64_t rows = 0;                  ///< rows in every column
  /// The session time zone the text forms (show, getString, CSV, JSON) show timestamps in
  /// (empty: UTC).
  std::string timeZone;
};

/// Collects rows into a Table; the RowSink of a SELECT's `WriteTo result`.
class TableBuilder : public RowSink {
 public:
  /// Columns named and typed as given (same length). Throws ExecutionError for types a
  /// Table cannot hold yet (interval).
  TableBuilder(const std::vector<std::string>& names, const std::vector<TypePtr>& types);

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override;
  /// The table; the builder is left empty (with its columns) and may be reused.
  Table finish();
  /// Timestamps of the finished table print in this zone (spark.sql.session.timeZone).
  void setTimeZone(std::string zone) { impl_.timeZone = std::move(zone); }

 private:
  Table::Impl impl_;
};

}  // namespace sluice
