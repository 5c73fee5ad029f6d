#pragma once
// What a file sink (INSERT INTO / a streaming query into a csv, json or parquet table) writes,
// decided once at analysis: the directory, the partition columns, the file format's writer
// options in Spark's names and defaults, and whether the write is a streaming one (which
// commits batches through Spark's `_spark_metadata` log). The runtime (runtime/files/sink/)
// executes exactly this.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/source.h"
#include "planner/expr.h"

namespace sluice {

struct TableEntry;

/// CSV writer options (Spark's CSVOptions, write side).
struct CsvWriteOptions {
  bool header = false;
  char sep = ',';
  char quote = '"';    ///< '\0': never quote
  char escape = '\\';  ///< escapes the quote character inside quoted values
  bool quoteAll = false;
  bool escapeQuotes = true;              ///< quote values that contain the quote character
  std::string nullValue;                 ///< how NULL is written ("" by default)
  std::string emptyValue = "\"\"";       ///< how an empty string is written (Spark 2.4+: `""`)
  bool ignoreLeadingWhiteSpace = true;   ///< Spark's writer default: trim before writing
  bool ignoreTrailingWhiteSpace = true;  ///< Spark's writer default: trim before writing
};

/// The file sink of one INSERT or streaming query.
struct FileSinkSpec {
  std::string table;       ///< table name, for messages
  std::string format;      ///< csv, json or parquet
  std::string path;        ///< the output directory, absolute
  bool streaming = false;  ///< batches commit through `<path>/_spark_metadata` (Spark's log)
  /// Hive-style partition columns (`PARTITIONED BY`): indexes into the sink's columns, in
  /// directory order. They are not stored inside the files, as in Spark.
  std::vector<size_t> partitionColumns;
  std::vector<size_t> dataColumns;  ///< the other columns, in order: what the files hold
  std::string compression;          ///< codec name; "" = none (parquet: snappy by default)
  int64_t maxRecordsPerFile = 0;    ///< 0 = unlimited (spark.sql.files.maxRecordsPerFile)
  std::string lineSep = "\n";       ///< csv / json record separator
  std::optional<std::string> timestampFormat;  ///< csv / json; unset: Spark's default
  std::optional<std::string> dateFormat;       ///< csv / json; unset: yyyy-MM-dd
  bool ignoreNullFields = true;  ///< json: omit NULL fields (spark.sql.jsonGenerator...)
  CsvWriteOptions csv;
  /// Parquet writer options as written (compression, parquet.block.size, parquet.page.size,
  /// parquet.enable.dictionary); runtime/files/parquet parses them.
  std::map<std::string, std::string> parquetOptions;

  /// The file name extension Spark gives this format and codec, e.g. ".snappy.parquet",
  /// ".json", ".csv.gz".
  std::string extension() const;
};

/// The file sink spec of writing `columns` into file table `t`; `streaming` for a streaming
/// query. Throws AnalysisError at `span` for bad options, unknown partition columns, a
/// partitioning that leaves no data column, or column types the format cannot hold (csv:
/// struct, array, map, binary, as in Spark).
std::shared_ptr<const FileSinkSpec> planFileSink(const TableEntry& t,
                                                 const std::vector<Attribute>& columns,
                                                 bool streaming, const SourceFilePtr& file,
                                                 SourceSpan span);

}  // namespace sluice
