#include "runtime/files/file_reader.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source_csv.h"
#include "planner/type_conversion.h"
#include "planner/type_storage.h"
#include "runtime/files/csv_reader.h"
#include "runtime/files/json_reader.h"
#include "runtime/files/parquet/parquet_table.h"

namespace sluice {
namespace {

// Index of `name` among the schema's fields: the exact name first, then ignoring case (the
// binder resolves names case-insensitively).
int fieldIndex(const DataType& schema, const std::string& name) {
  const auto& fields = schema.fields();
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  for (size_t i = 0; i < fields.size(); ++i)
    if (equalsIgnoreCase(fields[i].name, name)) return static_cast<int>(i);
  return -1;
}

FileReadPlan makePlan(const Scan& scan) {
  FileReadPlan plan;
  plan.table = scan.name;
  plan.options = parseFileSourceOptions(scan.format, scan.options);
  auto ddl = scan.options.find(kTableSchemaOption);
  if (ddl != scan.options.end()) {
    plan.schema = parseDdlSchema(ddl->second, "the schema of table '" + scan.name + "'");
  } else {
    std::vector<StructField> fields;
    for (const auto& a : scan.attrs) fields.push_back({a.name, a.type, a.nullable});
    plan.schema = DataType::structOf(std::move(fields));
  }
  // The corrupt-record column is Spark's: a string field named columnNameOfCorruptRecord.
  const int corruptField = fieldIndex(*plan.schema, plan.options.corruptColumn);
  const bool hasCorrupt =
      corruptField >= 0 && plan.schema->fields()[corruptField].type->id() == TypeId::String;
  plan.dataFields = plan.schema->fields().size() - (hasCorrupt ? 1 : 0);
  if (scan.format == "csv") {
    std::vector<StructField> read;
    for (const auto& a : scan.attrs) read.push_back({a.name, a.type, a.nullable});
    std::string problem = csvSchemaProblem(read);
    if (!problem.empty()) throw ExecutionError("table '" + scan.name + "': " + problem);
  }
  for (const auto& a : scan.attrs) {
    const int f = fieldIndex(*plan.schema, a.name);
    if (f < 0) throw ExecutionError("table '" + scan.name + "' has no column '" + a.name + "'");
    plan.types.push_back(a.type);
    plan.fieldOf.push_back(f);
    if (hasCorrupt && f == corruptField) {
      plan.corruptColumn = static_cast<int>(plan.types.size()) - 1;
      plan.dataIndexOf.push_back(-1);
    } else {
      plan.dataIndexOf.push_back(hasCorrupt && f > corruptField ? f - 1 : f);
    }
  }
  return plan;
}

}  // namespace

void appendStagedRow(const StagedRow& row, const std::vector<TypePtr>& types,
                     ColumnBatchBuilder& out) {
  for (size_t c = 0; c < types.size(); ++c) {
    if (row.nulls[c]) {
      out.setNull(c);
      continue;
    }
    const Slot& s = row.slots[c];
    switch (types[c]->id()) {
      case TypeId::Null:
        out.setNull(c);
        break;
      case TypeId::Boolean:
        out.set(c, s.as<uint8_t>());
        break;
      case TypeId::Byte:
        out.set(c, s.as<int8_t>());
        break;
      case TypeId::Short:
        out.set(c, s.as<int16_t>());
        break;
      case TypeId::Int:
      case TypeId::Date:
        out.set(c, s.as<int32_t>());
        break;
      case TypeId::Float:
        out.set(c, s.as<float>());
        break;
      case TypeId::Double:
        out.set(c, s.as<double>());
        break;
      case TypeId::Long:
      case TypeId::Timestamp:
        out.set(c, s.as<int64_t>());
        break;
      case TypeId::Decimal:
        if (storageOf(*types[c]) == Storage::I64)
          out.set(c, s.as<int64_t>());
        else
          out.set(c, s.as<__int128>());
        break;
      case TypeId::String:
      case TypeId::Binary:
        out.setStringRef(c, s.as<StringView>());
        break;
      case TypeId::Struct:
      case TypeId::Array:
      case TypeId::Map:
      case TypeId::Interval:
        out.set(c, s.as<const void*>());
        break;
    }
  }
  out.endRow();
}

bool keepMalformed(const FileReadPlan& plan, const std::string& where, const std::string& why) {
  switch (plan.options.mode) {
    case ParseMode::Permissive:
      return true;
    case ParseMode::DropMalformed:
      return false;
    case ParseMode::FailFast:
      break;
  }
  throw ExecutionError("malformed record at " + where + " in table '" + plan.table + "': " + why +
                       " (mode FAILFAST; use mode 'PERMISSIVE' to read it as NULLs or "
                       "'DROPMALFORMED' to skip it)");
}

ColumnBatch readFileTable(const Scan& scan) {
  if (scan.format == "parquet") return readParquetTable(scan);
  if (scan.format != "csv" && scan.format != "json")
    throw ExecutionError("reading " + scan.format + " tables is not supported (table '" +
                         scan.name + "'); csv, json and parquet are");
  FileReadPlan plan = makePlan(scan);
  ColumnBatchBuilder out(plan.types);
  auto files = listSourceFiles(plan.options);
  if (!files) {
    if (plan.options.ignoreMissingFiles) return out.finish();
    const std::string& p =
        plan.options.resolvedPath.empty() ? plan.options.path : plan.options.resolvedPath;
    throw ExecutionError("table '" + scan.name + "': path does not exist: " + p);
  }
  std::string text, error;
  for (const auto& path : *files) {
    if (!readSourceFile(path, &text, &error)) {
      if (plan.options.ignoreMissingFiles) continue;
      throw ExecutionError("table '" + scan.name + "': " + error);
    }
    // Strings in the batch point into its own arena, so `text` can be reused for the next file.
    if (plan.options.format == "csv")
      readCsvText(text, path, plan, out);
    else
      readJsonText(text, path, plan, out);
  }
  return out.finish();
}

}  // namespace sluice
