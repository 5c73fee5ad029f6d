#pragma once
// File tables (CREATE TABLE ... USING csv | json OPTIONS (path '...')) as the planner sees
// them: Spark's reader options parsed and validated, the `path` resolved against the query
// file that declared the table, the data files listed, and the schema inferred when none is
// declared. The readers in runtime/files/ use the same options and helpers, so planning and
// reading agree on every option.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontend/source.h"
#include "planner/types.h"
#include "stdlib/json.h"

namespace sluice {

struct TableEntry;

/// Internal scan option: the absolute path resolved at CREATE TABLE time.
inline constexpr const char* kResolvedPathOption = "sluice.resolved.path";
/// Internal scan option: the table's full schema as DDL (a scan's attrs may be pruned, but
/// CSV columns are positional, so the reader needs the whole schema).
inline constexpr const char* kTableSchemaOption = "sluice.table.schema";
/// Internal scan option: the partition columns (`col=value` directories), one name per line;
/// they are the last columns of the schema and are not stored in the files.
inline constexpr const char* kPartitionColumnsOption = "sluice.partition.columns";

/// Spark's parse modes for malformed records.
enum class ParseMode {
  Permissive,     ///< bad values become NULL (and the raw record goes to the corrupt column)
  DropMalformed,  ///< malformed records are dropped
  FailFast,       ///< the first malformed record fails the read
};

/// The reader options of a csv, json or parquet table, with Spark's defaults.
struct FileSourceOptions {
  std::string format;        ///< csv or json
  std::string path;          ///< as written
  std::string resolvedPath;  ///< absolute (or a glob pattern over absolute paths)
  ParseMode mode = ParseMode::Permissive;
  std::string corruptColumn = "_corrupt_record";  ///< columnNameOfCorruptRecord
  std::optional<std::string> timestampFormat;     ///< nullopt: Spark's lenient default
  std::optional<std::string> dateFormat;          ///< nullopt: Spark's lenient default
  bool multiLine = false;
  bool recursiveFileLookup = false;
  std::string pathGlobFilter;  ///< glob on file names ("" = all)
  bool ignoreMissingFiles = false;
  int64_t maxFilesPerTrigger = 0;  ///< streams: new files per batch, 0 = all
  bool latestFirst = false;        ///< streams: newest files first (with maxFilesPerTrigger)

  // csv
  bool header = false;
  char sep = ',';
  char quote = '"';  ///< '\0' disables quoting (Spark: quote '')
  char escape = '\\';
  char comment = '\0';  ///< '\0' = no comment lines
  std::string nullValue;
  std::string emptyValue;
  std::string nanValue = "NaN";
  std::string positiveInf = "Inf";
  std::string negativeInf = "-Inf";
  bool inferSchema = false;
  bool preferDate = true;
  bool ignoreLeadingWhiteSpace = false;
  bool ignoreTrailingWhiteSpace = false;
  int64_t maxColumns = 20480;
  int64_t maxCharsPerColumn = -1;  ///< -1 = unlimited

  // json
  bool primitivesAsString = false;
  bool prefersDecimal = false;
  bool dropFieldIfAllNull = false;
  stdlib::JsonParseOptions json;  ///< allowComments, allowSingleQuotes, ...
};

/// Parses and validates the options of a `format` (csv / json) table. Keys are matched
/// case-insensitively; unknown keys are ignored as in Spark. Throws AnalysisError naming the
/// option (located at `span` in `file`) for bad values and for unsupported ones (encodings
/// other than UTF-8, compression codecs).
FileSourceOptions parseFileSourceOptions(const std::string& format,
                                         const std::map<std::string, std::string>& options,
                                         const SourceFilePtr& file = nullptr, SourceSpan span = {});

/// The absolute form of a table's `path`: a relative path is relative to the directory of
/// the query file that declared the table (`declaredIn->name` when it names an existing
/// file), otherwise to the current directory. A `file:` URI prefix is accepted.
std::string resolveSourcePath(const std::string& path, const SourceFilePtr& declaredIn);

/// The data files of a table, sorted: the path itself when it is a file; the visible files of
/// a directory (names starting with `_` or `.` are skipped, as Spark does; subdirectories
/// only with recursiveFileLookup); the matches of a glob pattern. nullopt when nothing exists
/// at the path.
std::optional<std::vector<std::string>> listSourceFiles(const FileSourceOptions& options);

/// Reads a whole file (gunzipped when its name ends in `.gz`); false (with `error` set) when
/// it cannot be read.
bool readSourceFile(const std::string& path, std::string* out, std::string* error);

/// CREATE TABLE of a csv / json / parquet table: validates the options, resolves `path`
/// (stored in options[kResolvedPathOption]), checks the declared column types, and infers the
/// schema when none is declared and data files exist (otherwise the table is one a query
/// writes later, and fileTableSchema infers it when it is read). Throws AnalysisError naming
/// the option, path, file or line.
void prepareFileTable(TableEntry& table, const SourceFilePtr& file, SourceSpan span);

/// A file table's columns: its schema, whose last columns are the partition columns.
struct FileTableLayout {
  TypePtr schema;
  std::vector<std::string> partitionColumns;
};

/// The layout of a file table for a read at `span`: the declared or inferred one, else inferred
/// from the data files now. Throws AnalysisError when there are none.
FileTableLayout fileTableLayout(const TableEntry& table, const SourceFilePtr& file,
                                SourceSpan span);

/// The schema of a file table inferred from its files, as Spark infers it (see
/// file_source_csv.h and file_source_json.h). Throws AnalysisError when a file cannot be read
/// or nothing can be inferred.
TypePtr inferFileSchema(const FileSourceOptions& options, const std::vector<std::string>& files);

/// Reads the schema of one Parquet file (throws ExecutionError). The planner cannot depend on
/// the runtime, which holds the Parquet reader, so the runtime installs it
/// (runtime/connectors/registry.cpp) before any statement is planned.
using ParquetSchemaReader = TypePtr (*)(const std::string& path);
/// Installs the Parquet schema reader inferFileSchema uses for parquet tables.
void setParquetSchemaReader(ParquetSchemaReader reader);

/// The scan options of a file table: its options plus its full schema (kTableSchemaOption)
/// and partition columns (kPartitionColumnsOption).
std::map<std::string, std::string> fileScanOptions(const TableEntry& table,
                                                   const FileTableLayout& layout);

}  // namespace sluice
