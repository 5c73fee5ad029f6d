#include "runtime/files/parquet/parquet_table.h"

#include <map>

#include "frontend/error.h"
#include "runtime/files/parquet/parquet_reader.h"

namespace sluice {

void readParquetFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out) {
  std::vector<ParquetColumnRequest> columns;
  for (size_t c = 0; c < plan.types.size(); ++c) {
    const StructField& f = plan.schema->fields()[static_cast<size_t>(plan.fieldOf[c])];
    columns.push_back({f.name, plan.types[c]});
  }
  std::vector<ParquetPredicate> predicates;
  for (const auto& f : plan.pushedFilters) {
    static const std::map<std::string, ParquetPredicate::Op> ops = {
        {"=", ParquetPredicate::Op::Eq},
        {"<", ParquetPredicate::Op::Lt},
        {"<=", ParquetPredicate::Op::Le},
        {">", ParquetPredicate::Op::Gt},
        {">=", ParquetPredicate::Op::Ge},
        {"isnull", ParquetPredicate::Op::IsNull},
        {"isnotnull", ParquetPredicate::Op::IsNotNull}};
    if (auto op = ops.find(f.op); op != ops.end())
      predicates.push_back({f.column, op->second, f.literal});
  }
  try {
    ParquetFileReader(path).read(columns, out, predicates, &plan);
  } catch (const ExecutionError& e) {
    throw ExecutionError("table '" + plan.table + "': " + e.message());
  }
}

}  // namespace sluice
