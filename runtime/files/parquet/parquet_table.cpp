#include "runtime/files/parquet/parquet_table.h"

#include "frontend/error.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "runtime/files/parquet/parquet_reader.h"

namespace sluice {

ColumnBatch readParquetTable(const Scan& scan) {
  const FileSourceOptions options = parseFileSourceOptions(scan.format, scan.options);
  std::vector<ParquetColumnRequest> columns;
  std::vector<TypePtr> types;
  for (const auto& a : scan.attrs) {
    columns.push_back({a.name, a.type});
    types.push_back(a.type);
  }
  ColumnBatchBuilder out(types);
  auto files = listSourceFiles(options);
  if (!files) {
    if (options.ignoreMissingFiles) return out.finish();
    throw ExecutionError("table '" + scan.name + "': path does not exist: " +
                         (options.resolvedPath.empty() ? options.path : options.resolvedPath));
  }
  for (const auto& path : *files) {
    try {
      ParquetFileReader(path).read(columns, out);
    } catch (const ExecutionError& e) {
      throw ExecutionError("table '" + scan.name + "': " + e.message());
    }
  }
  return out.finish();
}

}  // namespace sluice
