#include "runtime/files/parquet/parquet_table.h"

#include "frontend/error.h"
#include "runtime/files/parquet/parquet_reader.h"

namespace sluice {

void readParquetFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out) {
  std::vector<ParquetColumnRequest> columns;
  for (size_t c = 0; c < plan.types.size(); ++c) {
    const StructField& f = plan.schema->fields()[static_cast<size_t>(plan.fieldOf[c])];
    columns.push_back({f.name, plan.types[c]});
  }
  try {
    ParquetFileReader(path).read(columns, out, {}, &plan);
  } catch (const ExecutionError& e) {
    throw ExecutionError("table '" + plan.table + "': " + e.message());
  }
}

}  // namespace sluice
