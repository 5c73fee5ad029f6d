#include "planner/sources/file_source.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <functional>
#include <set>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/sources/file_source_csv.h"
#include "planner/sources/file_source_json.h"
#include "planner/sources/file_source_values.h"
#include "planner/sources/option_reader.h"
#include "planner/sources/partition_paths.h"

namespace sluice {
namespace fs = std::filesystem;
namespace {

ParseMode parseMode(const OptionReader& r) {
  const std::string* v = r.get("mode");
  if (!v) return ParseMode::Permissive;
  const std::string m = asciiLower(*v);
  if (m == "permissive") return ParseMode::Permissive;
  if (m == "dropmalformed") return ParseMode::DropMalformed;
  if (m == "failfast") return ParseMode::FailFast;
  r.fail("mode", "expected PERMISSIVE, DROPMALFORMED or FAILFAST, got '" + *v + "'");
}

void checkCommonOptions(const OptionReader& r) {
  for (const char* name : {"encoding", "charset"}) {
    const std::string* v = r.get(name);
    if (v && !equalsIgnoreCase(*v, "utf-8") && !equalsIgnoreCase(*v, "utf8"))
      r.fail(name, "only UTF-8 files can be read, got '" + *v + "'");
  }
  for (const char* name : {"compression", "codec"}) {
    // Parquet compresses inside the file (the codec is in its metadata): the option only
    // matters to writers, see runtime/files/parquet/parquet_writer.h.
    if (r.format() == "parquet") break;
    // csv / json: the codec the sink writes with; readers decompress by file extension
    // (`.gz`), as Hadoop's codecs do for Spark.
    const std::string* v = r.get(name);
    if (v && !equalsIgnoreCase(*v, "none") && !equalsIgnoreCase(*v, "uncompressed") &&
        !equalsIgnoreCase(*v, "gzip"))
      r.fail(name,
             "unknown codec '" + *v + "' (" + r.format() + " files take none, uncompressed, gzip)");
  }
  if (const std::string* v = r.get("lineSep"); v && *v != "\n" && *v != "\r\n" && *v != "\r")
    r.fail("lineSep", "only \\n, \\r\\n and \\r line separators are supported");
  if (const std::string* v = r.get("samplingRatio")) {
    char* end = nullptr;
    const double d = std::strtod(v->c_str(), &end);
    if (v->empty() || *end || !(d > 0 && d <= 1))
      r.fail("samplingRatio", "expected a number in (0, 1], got '" + *v + "'");
  }
}

bool hasGlob(const std::string& s) {
  return s.find_first_of("*?[{") != std::string::npos;
}

bool hiddenName(const std::string& name) {
  return !name.empty() && (name[0] == '_' || name[0] == '.');
}

void listDirectory(const fs::path& dir, const FileSourceOptions& o, std::vector<std::string>& out) {
  std::error_code ec;
  auto accept = [&](const fs::directory_entry& e) {
    const std::string name = e.path().filename().string();
    if (!o.pathGlobFilter.empty() && fnmatch(o.pathGlobFilter.c_str(), name.c_str(), 0) != 0)
      return;
    out.push_back(e.path().string());
  };
  if (o.recursiveFileLookup) {
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (hiddenName(it->path().filename().string())) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) accept(*it);
    }
  } else {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (hiddenName(name)) continue;
      if (it->is_regular_file()) accept(*it);
      // Hive-style partition directories (`col=value`) are part of the table, as in Spark.
      if (it->is_directory() && name.find('=') != std::string::npos && name[0] != '=')
        listDirectory(it->path(), o, out);
    }
  }
}

void locate(Error& e, const SourceFilePtr& file, SourceSpan span) {
  e.locate(file, span);
}

}  // namespace

FileSourceOptions parseFileSourceOptions(const std::string& format,
                                         const std::map<std::string, std::string>& options,
                                         const SourceFilePtr& file, SourceSpan span) {
  OptionReader r(options, format, file, span);
  FileSourceOptions o;
  o.format = format;
  o.path = r.string("path", "");
  o.resolvedPath = r.string(kResolvedPathOption, "");
  o.mode = parseMode(r);
  o.corruptColumn = r.string("columnNameOfCorruptRecord", o.corruptColumn);
  if (const std::string* v = r.get("timestampFormat")) o.timestampFormat = *v;
  if (const std::string* v = r.get("dateFormat")) o.dateFormat = *v;
  o.multiLine = r.boolean("multiLine", false);
  o.recursiveFileLookup = r.boolean("recursiveFileLookup", false);
  o.pathGlobFilter = r.string("pathGlobFilter", "");
  o.ignoreMissingFiles = r.boolean("ignoreMissingFiles", false);
  // The streaming file source's options (Spark's FileStreamOptions).
  o.maxFilesPerTrigger = r.integer("maxFilesPerTrigger", 0, 1);
  o.latestFirst = r.boolean("latestFirst", false);
  r.boolean("ignoreCorruptFiles", false);
  r.boolean("enableDateTimeParsingFallback", true);
  checkCommonOptions(r);
  if (format == "csv") {
    o.header = r.boolean("header", false);
    if (r.get("sep") && r.get("delimiter") && *r.get("sep") != *r.get("delimiter"))
      r.fail("sep", "conflicts with option delimiter");
    o.sep = r.get("sep") ? r.character("sep", ',', false) : r.character("delimiter", ',', false);
    if (o.sep == '\n' || o.sep == '\r') r.fail("sep", "cannot be a line separator");
    o.quote = r.character("quote", '"', true);
    o.escape = r.character("escape", '\\', true);
    o.comment = r.character("comment", '\0', true);
    if (o.quote != '\0' && o.quote == o.sep) r.fail("quote", "cannot be the same as sep");
    o.nullValue = r.string("nullValue", "");
    o.emptyValue = r.string("emptyValue", "");
    o.nanValue = r.string("nanValue", "NaN");
    o.positiveInf = r.string("positiveInf", "Inf");
    o.negativeInf = r.string("negativeInf", "-Inf");
    o.inferSchema = r.boolean("inferSchema", false);
    o.preferDate = r.boolean("preferDate", true);
    r.boolean("enforceSchema", true);
    o.ignoreLeadingWhiteSpace = r.boolean("ignoreLeadingWhiteSpace", false);
    o.ignoreTrailingWhiteSpace = r.boolean("ignoreTrailingWhiteSpace", false);
    o.maxColumns = r.integer("maxColumns", 20480, 1);
    o.maxCharsPerColumn = r.integer("maxCharsPerColumn", -1, -1);
    if (const std::string* v = r.get("unescapedQuoteHandling")) {
      static const std::set<std::string> ok = {"stop_at_closing_quote", "back_to_delimiter",
                                               "stop_at_delimiter", "skip_value", "raise_error"};
      if (!ok.count(asciiLower(*v))) r.fail("unescapedQuoteHandling", "unknown value '" + *v + "'");
    }
  } else if (format == "json") {
    o.primitivesAsString = r.boolean("primitivesAsString", false);
    o.prefersDecimal = r.boolean("prefersDecimal", false);
    o.dropFieldIfAllNull = r.boolean("dropFieldIfAllNull", false);
    r.boolean("inferTimestamp", false);
    o.json.allowComments = r.boolean("allowComments", false);
    o.json.allowUnquotedFieldNames = r.boolean("allowUnquotedFieldNames", false);
    o.json.allowSingleQuotes = r.boolean("allowSingleQuotes", true);
    o.json.allowNumericLeadingZeros = r.boolean("allowNumericLeadingZeros", false);
    o.json.allowNonNumericNumbers = r.boolean("allowNonNumericNumbers", true);
    o.json.allowBackslashEscapingAnyCharacter =
        r.boolean("allowBackslashEscapingAnyCharacter", false);
    o.json.allowUnquotedControlChars = r.boolean("allowUnquotedControlChars", false);
  } else if (format == "parquet") {
    // A Parquet table's directory is read recursively (partitioned layouts put the files in
    // `col=value/` subdirectories), data files only.
    o.recursiveFileLookup = true;
    if (o.pathGlobFilter.empty()) o.pathGlobFilter = "*.parquet";
  } else {
    throw AnalysisError("'" + format + "' is not a readable file format (csv, json, parquet)", file,
                        span);
  }
  // Datetime patterns are compiled here so a bad one fails at CREATE TABLE.
  try {
    TextValueParser check(o);
  } catch (Error& e) {
    locate(e, file, span);
    throw;
  }
  return o;
}

std::string resolveSourcePath(const std::string& path, const SourceFilePtr& declaredIn) {
  std::string p = path;
  if (p.rfind("file://", 0) == 0)
    p = p.substr(7);
  else if (p.rfind("file:", 0) == 0)
    p = p.substr(5);
  fs::path fp(p);
  if (fp.is_absolute()) return fp.lexically_normal().string();
  std::error_code ec;
  fs::path base = fs::current_path(ec);
  if (declaredIn && !declaredIn->name.empty() && fs::is_regular_file(declaredIn->name, ec))
    base = fs::absolute(fs::path(declaredIn->name), ec).parent_path();
  return (base / fp).lexically_normal().string();
}

std::optional<std::vector<std::string>> listSourceFiles(const FileSourceOptions& o) {
  const std::string root =
      o.resolvedPath.empty() ? resolveSourcePath(o.path, nullptr) : o.resolvedPath;
  std::vector<fs::path> roots;
  if (hasGlob(root)) {
    glob_t g{};
    if (glob(root.c_str(), GLOB_BRACE, nullptr, &g) == 0)
      for (size_t i = 0; i < g.gl_pathc; ++i) roots.emplace_back(g.gl_pathv[i]);
    globfree(&g);
    if (roots.empty()) return std::nullopt;
  } else {
    roots.emplace_back(root);
  }
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& r : roots) {
    if (fs::is_directory(r, ec)) {
      listDirectory(r, o, out);
    } else if (fs::exists(r, ec)) {
      out.push_back(r.string());
    } else {
      return std::nullopt;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// The uncompressed content of a gzip file (several concatenated members allowed).
bool gunzip(const std::string& path, std::string* out, std::string* error) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    *error = "cannot read file " + path;
    return false;
  }
  out->clear();
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof(buf))) > 0) out->append(buf, static_cast<size_t>(n));
  int errnum = 0;
  const char* msg = gzerror(f, &errnum);
  gzclose(f);
  if (n < 0 || (errnum != Z_OK && errnum != Z_STREAM_END)) {
    *error = "corrupt gzip file " + path + ": " + msg;
    return false;
  }
  return true;
}

}  // namespace

bool readSourceFile(const std::string& path, std::string* out, std::string* error) {
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0)
    return gunzip(path, out, error);
  // Straight into the string, sized once (with room for a reader's padding after it).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    *error = "cannot read file " + path;
    return false;
  }
  out->clear();
  out->reserve(static_cast<size_t>(st.st_size) + 64);
  out->resize(static_cast<size_t>(st.st_size));
  size_t have = 0;
  char more[1 << 16];  // past the size fstat gave: the file grew meanwhile
  for (;;) {
    const bool full = have == out->size();
    const ssize_t n =
        full ? ::read(fd, more, sizeof more) : ::read(fd, out->data() + have, out->size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      *error = "error while reading file " + path;
      return false;
    }
    if (n == 0) break;
    if (full) out->append(more, static_cast<size_t>(n));
    have += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(have);
  return true;
}

namespace {
ParquetSchemaReader parquetSchemaReader = nullptr;
}  // namespace

void setParquetSchemaReader(ParquetSchemaReader reader) {
  parquetSchemaReader = reader;
}

TypePtr inferFileSchema(const FileSourceOptions& options, const std::vector<std::string>& files) {
  if (options.format == "csv") return inferCsvSchema(options, files);
  if (options.format == "parquet") {
    // Spark reads the schema of one file (spark.sql.parquet.mergeSchema is false by default).
    if (!parquetSchemaReader)
      throw AnalysisError("reading Parquet schemas needs the sluice runtime (not linked)");
    try {
      return parquetSchemaReader(files.front());
    } catch (const ExecutionError& e) {
      throw AnalysisError(e.message());
    }
  }
  return inferJsonSchema(options, files);
}

namespace {

// The schema of `files`: the data columns inferred from their contents, then the partition
// columns of their `col=value` directories (Spark's order).
FileTableLayout inferLayout(const FileSourceOptions& o, const std::vector<std::string>& files) {
  FileTableLayout layout;
  std::vector<StructField> fields = inferFileSchema(o, files)->fields();
  std::error_code ec;
  if (!hasGlob(o.resolvedPath) && fs::is_directory(o.resolvedPath, ec)) {
    for (auto& p : discoverPartitionColumns(o.resolvedPath, files)) {
      std::erase_if(fields, [&](const StructField& f) { return equalsIgnoreCase(f.name, p.name); });
      layout.partitionColumns.push_back(p.name);
      fields.push_back(std::move(p));
    }
  }
  layout.schema = DataType::structOf(std::move(fields));
  return layout;
}

}  // namespace

void prepareFileTable(TableEntry& t, const SourceFilePtr& file, SourceSpan span) {
  if (t.format != "csv" && t.format != "json" && t.format != "parquet") return;
  try {
    auto path = t.options.find("path");
    if (path == t.options.end())
      throw AnalysisError("table '" + t.name + "' (" + t.format +
                          ") needs OPTIONS (path '<file or directory>')");
    t.options[kResolvedPathOption] = resolveSourcePath(path->second, file);
    FileSourceOptions o = parseFileSourceOptions(t.format, t.options, file, span);
    // Declared column types are checked when read: Spark refuses struct / array / map CSV
    // columns, but such tables are still useful to plan against (and as INSERT targets).
    // Intervals are refused here: no file format holds them (Spark's rule too).
    if (t.schema) {
      std::function<bool(const DataType&)> hasInterval = [&](const DataType& d) {
        if (d.id() == TypeId::Interval || d.isAnsiInterval()) return true;
        if (d.id() == TypeId::Array) return hasInterval(*d.elementType());
        if (d.id() == TypeId::Map) return hasInterval(*d.keyType()) || hasInterval(*d.valueType());
        for (const auto& f : d.fields())
          if (hasInterval(*f.type)) return true;
        return false;
      };
      for (const auto& f : t.schema->fields())
        if (hasInterval(*f.type))
          throw AnalysisError("the " + t.format + " data source does not support the " +
                              f.type->toString() + " data type (column '" + f.name + "')");
      return;
    }
    // No declared schema: infer it now, as Spark does when the table is created. A path that
    // does not exist yet (or holds no data files) is a table that a query writes later: its
    // schema is read from the data when it is read (fileTableLayout).
    auto files = listSourceFiles(o);
    if (!files || files->empty()) return;
    FileTableLayout layout = inferLayout(o, *files);
    t.schema = layout.schema;
    if (t.partitionBy.empty()) t.partitionBy = layout.partitionColumns;
  } catch (Error& e) {
    locate(e, file, span);
    throw;
  }
}

FileTableLayout fileTableLayout(const TableEntry& t, const SourceFilePtr& file, SourceSpan span) {
  if (t.schema) return {t.schema, t.partitionBy};
  try {
    FileSourceOptions o = parseFileSourceOptions(t.format, t.options, file, span);
    auto files = listSourceFiles(o);
    if (!files)
      throw AnalysisError("table '" + t.name + "': path does not exist: " + o.resolvedPath +
                          " (a table without declared columns takes its schema from its data "
                          "files; write them first, or declare the columns)");
    if (files->empty())
      throw AnalysisError("table '" + t.name + "': cannot infer a schema, no data files in " +
                          o.resolvedPath + "; write them first, or declare the columns");
    return inferLayout(o, *files);
  } catch (Error& e) {
    locate(e, file, span);
    throw;
  }
}

std::map<std::string, std::string> fileScanOptions(const TableEntry& t,
                                                   const FileTableLayout& layout) {
  auto out = t.options;
  if (layout.schema) out[kTableSchemaOption] = layout.schema->toDdl();
  std::string parts;
  for (const auto& p : layout.partitionColumns) parts += (parts.empty() ? "" : "\n") + p;
  if (!parts.empty()) out[kPartitionColumnsOption] = parts;
  return out;
}

}  // namespace sluice
