#include "runtime/files/file_reader.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source_csv.h"
#include "planner/sources/partition_paths.h"
#include "planner/type_conversion.h"
#include "planner/type_storage.h"
#include "runtime/exec/task_pool.h"
#include "runtime/files/csv_reader.h"
#include "runtime/files/json_reader.h"
#include "runtime/files/parquet/parquet_table.h"
#include "runtime/files/sink/sink_log.h"

namespace sluice {
namespace {

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    const size_t nl = s.find('\n', pos);
    out.push_back(s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

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
  plan.pushedFilters = scan.pushedFilters;
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
  // Partition columns are the schema's last fields; files hold the fields before them.
  std::vector<std::string> partitions;
  if (auto p = scan.options.find(kPartitionColumnsOption); p != scan.options.end())
    partitions = splitLines(p->second);
  plan.dataFields = plan.schema->fields().size() - (hasCorrupt ? 1 : 0) - partitions.size();
  auto isPartitionName = [&](const std::string& n) {
    for (const auto& p : partitions)
      if (equalsIgnoreCase(p, n)) return true;
    return false;
  };
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
    plan.isPartition.push_back(isPartitionName(a.name));
    if (plan.isPartition.back()) {
      plan.dataIndexOf.push_back(-1);
    } else if (hasCorrupt && f == corruptField) {
      plan.corruptColumn = static_cast<int>(plan.types.size()) - 1;
      plan.dataIndexOf.push_back(-1);
    } else {
      plan.dataIndexOf.push_back(hasCorrupt && f > corruptField ? f - 1 : f);
    }
  }
  return plan;
}

// The partition columns' values for the rows of `path`, from its `col=value` directories.
void setPartitionValues(FileReadPlan& plan, const TextValueParser& parser, const std::string& path,
                        StringArena& arena) {
  bool any = false;
  for (uint8_t p : plan.isPartition) any = any || p;
  if (!any) return;
  const auto values = partitionValuesOf(plan.options.resolvedPath, path);
  for (size_t c = 0; c < plan.types.size(); ++c) {
    if (!plan.isPartition[c]) continue;
    plan.partitionNulls[c] = 1;
    const StructField& f = plan.schema->fields()[static_cast<size_t>(plan.fieldOf[c])];
    for (const auto& [name, v] : values) {
      if (!equalsIgnoreCase(name, f.name) || !v) continue;
      if (!parser.parse(*v, *f.type, plan.partitionSlots[c], arena))
        throw ExecutionError("table '" + plan.table + "': partition directory value '" + *v +
                             "' of " + path + " is not a " + f.type->toString() + " (column '" +
                             f.name + "')");
      plan.partitionNulls[c] = 0;
    }
  }
}

std::atomic<int> parallelThreads{0};  // 0: the default
std::atomic<int64_t> parallelMinSplit{FileReadParallelism{}.minSplitBytes};
std::atomic<int64_t> parallelChunk{FileReadParallelism{}.chunkBytes};

int defaultReadThreads() {
  static const int n = [] {
    // The CPUs this process may use (taskset), as the kernels' worker threads.
    int cores = defaultExecThreads();
    if (const char* env = std::getenv("SLUICE_READ_THREADS")) {
      const int cap = std::atoi(env);
      if (cap >= 1 && cap < cores) cores = cap;
    }
    return cores;
  }();
  return n;
}

}  // namespace

FileReadParallelism fileReadParallelism() {
  FileReadParallelism p;
  const int t = parallelThreads.load();
  p.threads = t > 0 ? t : defaultReadThreads();
  p.minSplitBytes = parallelMinSplit.load();
  p.chunkBytes = parallelChunk.load();
  return p;
}

void setFileReadParallelism(FileReadParallelism p) {
  parallelThreads.store(p.threads > 0 ? p.threads : 0);
  parallelMinSplit.store(p.minSplitBytes > 0 ? p.minSplitBytes
                                             : FileReadParallelism{}.minSplitBytes);
  parallelChunk.store(p.chunkBytes > 0 ? p.chunkBytes : FileReadParallelism{}.chunkBytes);
}

void appendStagedRow(const StagedRow& row, const FileReadPlan& plan, ColumnBatchBuilder& out) {
  appendStagedRow(row, plan.types, out, &plan);
}

void appendStagedRow(const StagedRow& row, const std::vector<TypePtr>& types,
                     ColumnBatchBuilder& out, const FileReadPlan* partitions) {
  for (size_t c = 0; c < types.size(); ++c) {
    const bool partition = partitions && partitions->isPartition[c];
    if (partition ? partitions->partitionNulls[c] : row.nulls[c]) {
      out.setNull(c);
      continue;
    }
    const Slot& s = partition ? partitions->partitionSlots[c] : row.slots[c];
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

void keepCommittedFiles(const std::string& root, std::vector<std::string>& files) {
  std::error_code ec;
  if (root.empty() || !std::filesystem::is_directory(root, ec) || !hasFileSinkLog(root)) return;
  std::set<std::string> committed;
  for (const auto& e : FileSinkLog(root).allFiles())
    committed.insert(std::filesystem::path(e.path).lexically_normal().string());
  std::erase_if(files, [&](const std::string& f) {
    return !committed.count(std::filesystem::path(f).lexically_normal().string());
  });
}

namespace {

// The data files of a batch read of `scan`.
std::vector<std::string> filesToRead(const Scan& scan) {
  const FileSourceOptions options = parseFileSourceOptions(scan.format, scan.options);
  auto files = listSourceFiles(options);
  if (!files) {
    if (!options.ignoreMissingFiles)
      throw ExecutionError("table '" + scan.name + "': path does not exist: " +
                           (options.resolvedPath.empty() ? options.path : options.resolvedPath));
    files.emplace();
  }
  keepCommittedFiles(options.resolvedPath, *files);
  return std::move(*files);
}

}  // namespace

ColumnBatch readFileTable(const Scan& scan) {
  return readFileTableFiles(scan, filesToRead(scan));
}

void readFileTableChunks(const Scan& scan, const BatchConsumer& consume) {
  readFileTableFilesChunks(scan, filesToRead(scan), consume);
}

void readFileTableFilesChunks(const Scan& scan, const std::vector<std::string>& files,
                              const BatchConsumer& consume) {
  if (scan.format != "json") return consume(readFileTableFiles(scan, files));
  FileReadPlan plan = makePlan(scan);
  const TextValueParser parser(plan.options);
  plan.partitionSlots.assign(plan.types.size(), Slot{});
  plan.partitionNulls.assign(plan.types.size(), 1);
  // Partition values live as long as every batch pointing into them: a batch may be
  // processed on a worker thread after it was handed over (partition-parallel execution).
  auto partitionValues = std::make_shared<StringArena>();
  const BatchConsumer keep = [&](ColumnBatch&& b) {
    b.keepAlive(partitionValues);
    consume(std::move(b));
  };
  std::string error;
  bool any = false;
  for (const auto& path : files) {
    setPartitionValues(plan, parser, path, *partitionValues);
    if (readJsonFileChunks(path, plan, keep, &error))
      any = true;
    else if (!plan.options.ignoreMissingFiles)
      throw ExecutionError("table '" + scan.name + "': " + error);
  }
  // At least one batch, as the whole-batch readers hand over (an empty one for no files).
  if (!any) consume(ColumnBatchBuilder(plan.types).finish());
}

ColumnBatch readFileTableFiles(const Scan& scan, const std::vector<std::string>& files) {
  const bool parquet = scan.format == "parquet";
  if (!parquet && scan.format != "csv" && scan.format != "json")
    throw ExecutionError("reading " + scan.format + " tables is not supported (table '" +
                         scan.name + "'); csv, json and parquet are");
  FileReadPlan plan = makePlan(scan);
  ColumnBatchBuilder out(plan.types);
  const TextValueParser parser(plan.options);
  plan.partitionSlots.assign(plan.types.size(), Slot{});
  plan.partitionNulls.assign(plan.types.size(), 1);
  std::string text, error;
  for (const auto& path : files) {
    setPartitionValues(plan, parser, path, out.arena());
    if (parquet) {  // reads only the columns it needs, straight from the file
      readParquetFile(path, plan, out);
      continue;
    }
    if (plan.options.format == "json") {  // in chunks (and splits), only the fields it needs
      if (!readJsonFile(path, plan, out, &error) && !plan.options.ignoreMissingFiles)
        throw ExecutionError("table '" + scan.name + "': " + error);
      continue;
    }
    if (!readSourceFile(path, &text, &error)) {
      if (plan.options.ignoreMissingFiles) continue;
      throw ExecutionError("table '" + scan.name + "': " + error);
    }
    // Strings in the batch point into its own arena, so `text` can be reused for the next file.
    readCsvText(text, path, plan, out);
  }
  return out.finish();
}

}  // namespace sluice
