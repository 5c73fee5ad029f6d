#include "planner/sinks/file_sink_spec.h"

#include <set>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"
#include "planner/sources/file_source.h"
#include "planner/sources/option_reader.h"

namespace sluice {
namespace {

// Codecs each format's writer knows (Spark's short names); the first is the default.
std::vector<std::string> codecsOf(const std::string& format) {
  if (format == "parquet") return {"snappy", "none", "uncompressed", "zstd", "gzip"};
  return {"none", "uncompressed", "gzip"};
}

std::string codec(const OptionReader& r, const std::string& format) {
  const auto known = codecsOf(format);
  const std::string* v = r.get("compression");
  if (!v) v = r.get("codec");
  if (format == "parquet" && !v) v = r.get("parquet.compression");
  if (!v) return known[0] == "none" ? "" : known[0];
  const std::string c = asciiLower(*v);
  for (const auto& k : known)
    if (c == k) return c == "none" || c == "uncompressed" ? "" : c;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  r.fail("compression", "unknown codec '" + *v + "' (" + format + " files take " + list + ")");
}

void readCsvOptions(const OptionReader& r, CsvWriteOptions& o) {
  o.header = r.boolean("header", false);
  o.sep = r.get("sep") ? r.character("sep", ',', false) : r.character("delimiter", ',', false);
  if (o.sep == '\n' || o.sep == '\r') r.fail("sep", "cannot be a line separator");
  o.quote = r.character("quote", '"', true);
  o.escape = r.character("escape", '\\', true);
  if (o.quote != '\0' && o.quote == o.sep) r.fail("quote", "cannot be the same as sep");
  o.quoteAll = r.boolean("quoteAll", false);
  o.escapeQuotes = r.boolean("escapeQuotes", true);
  o.nullValue = r.string("nullValue", "");
  o.emptyValue = r.string("emptyValue", "\"\"");
  o.ignoreLeadingWhiteSpace = r.boolean("ignoreLeadingWhiteSpace", true);
  o.ignoreTrailingWhiteSpace = r.boolean("ignoreTrailingWhiteSpace", true);
}

// Spark's CSV data source cannot hold nested or binary values.
bool csvCanHold(const DataType& t) {
  return !t.isComplex() && t.id() != TypeId::Binary && t.id() != TypeId::Interval &&
         !t.isAnsiInterval();
}

// What can name a partition directory: Spark refuses complex types (and intervals).
bool partitionable(const DataType& t) {
  return !t.isComplex() && t.id() != TypeId::Interval && !t.isAnsiInterval() &&
         t.id() != TypeId::Binary;
}

}  // namespace

std::string FileSinkSpec::extension() const {
  // Spark's names: part-...c000.snappy.parquet, part-...c000.json.gz.
  const std::string codecExt = compression == "gzip" ? "gz" : compression;
  if (format == "parquet") return (codecExt.empty() ? "" : "." + codecExt) + ".parquet";
  return "." + format + (codecExt.empty() ? "" : "." + codecExt);
}

std::shared_ptr<const FileSinkSpec> planFileSink(const TableEntry& t,
                                                 const std::vector<Attribute>& columns,
                                                 bool streaming, const SourceFilePtr& file,
                                                 SourceSpan span) {
  OptionReader r(t.options, t.format, file, span);
  auto spec = std::make_shared<FileSinkSpec>();
  spec->table = t.name;
  spec->format = t.format;
  spec->streaming = streaming;
  spec->path = r.string(kResolvedPathOption, "");
  if (spec->path.empty())
    throw AnalysisError("table '" + t.name + "' (" + t.format +
                            ") needs OPTIONS (path '<directory>') to be written",
                        file, span);
  spec->compression = codec(r, t.format);
  spec->maxRecordsPerFile = r.integer("maxRecordsPerFile", 0, 0);
  if (const std::string* v = r.get("lineSep")) {
    if (v->empty()) r.fail("lineSep", "cannot be empty");
    spec->lineSep = *v;
  }
  if (const std::string* v = r.get("timestampFormat")) spec->timestampFormat = *v;
  if (const std::string* v = r.get("dateFormat")) spec->dateFormat = *v;
  spec->ignoreNullFields = r.boolean("ignoreNullFields", true);
  if (t.format == "csv") readCsvOptions(r, spec->csv);
  if (t.format == "parquet")
    for (const auto& [k, v] : t.options)
      if (asciiLower(k).rfind("parquet.", 0) == 0) spec->parquetOptions[k] = v;

  std::set<size_t> partitioned;
  for (const auto& name : t.partitionBy) {
    size_t i = 0;
    while (i < columns.size() && !equalsIgnoreCase(columns[i].name, name)) ++i;
    if (i == columns.size())
      throw AnalysisError("partition column '" + name + "' of table '" + t.name +
                              "' is not among the written columns " + attrList(columns),
                          file, span);
    if (!partitionable(*columns[i].type))
      throw AnalysisError("cannot partition table '" + t.name + "' by column '" + name +
                              "' of type " + columns[i].type->toString() +
                              " (partition values must be atomic and not binary)",
                          file, span);
    if (!partitioned.insert(i).second)
      throw AnalysisError("partition column '" + name + "' is listed twice", file, span);
    spec->partitionColumns.push_back(i);
  }
  for (size_t i = 0; i < columns.size(); ++i)
    if (!partitioned.count(i)) spec->dataColumns.push_back(i);
  if (spec->dataColumns.empty())
    throw AnalysisError("table '" + t.name +
                            "': every written column is a partition column; the files "
                            "would hold no data",
                        file, span);
  if (t.format == "csv")
    for (size_t i : spec->dataColumns)
      if (!csvCanHold(*columns[i].type))
        throw AnalysisError("CSV data source does not support " + columns[i].type->toString() +
                                " data type (column '" + columns[i].name + "' of table '" + t.name +
                                "'); write json or parquet, or use to_json",
                            file, span);
  for (size_t i : spec->dataColumns)
    if (columns[i].type->id() == TypeId::Interval || columns[i].type->isAnsiInterval())
      throw AnalysisError("cannot write interval column '" + columns[i].name + "' into " +
                              t.format + " table '" + t.name + "' (as in Spark)",
                          file, span);
  return spec;
}

}  // namespace sluice
