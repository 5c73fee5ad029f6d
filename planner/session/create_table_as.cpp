// CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [USING fmt] [PARTITIONED BY (...)]
// [OPTIONS (...)] AS query: the table takes the query's columns (partition columns last, as
// Spark stores them) and the statement writes the query's rows into it as an INSERT would.
#include <filesystem>

#include "frontend/did_you_mean.h"
#include "frontend/text.h"
#include "planner/analysis/streaming_checks.h"
#include "planner/binder/binder.h"
#include "planner/connectors/connector.h"
#include "planner/logical/project.h"
#include "planner/session/statement_planner.h"
#include "planner/sources/file_source.h"

namespace sluice {
namespace {

// The query's columns with the partition columns moved to the end (Spark's CTAS layout).
PlanPtr partitionColumnsLast(const PlanPtr& q, const ast::Statement& s,
                             const SourceFilePtr& shown) {
  if (s.partitionBy.empty()) return q;
  const auto out = q->output();
  std::vector<ExprPtr> data, parts;
  for (const auto& id : s.partitionBy) {
    const Attribute* found = nullptr;
    for (const auto& a : out)
      if (equalsIgnoreCase(a.name, id.name)) found = &a;
    if (!found) {
      std::vector<std::string> names;
      for (const auto& a : out) names.push_back(a.name);
      throw AnalysisError("partition column '" + id.name + "' is not a column of the query" +
                              didYouMean(id.name, names),
                          shown, id.span);
    }
    for (const auto& p : parts)
      if (p->attr.id == found->id)
        throw AnalysisError("partition column '" + id.name + "' is listed twice", shown, id.span);
    parts.push_back(makeColumnRef(*found));
  }
  for (const auto& a : out) {
    bool isPart = false;
    for (const auto& p : parts) isPart = isPart || p->attr.id == a.id;
    if (!isPart) data.push_back(makeColumnRef(a));
  }
  data.insert(data.end(), parts.begin(), parts.end());
  return std::make_shared<Project>(std::move(data), q);
}

bool holdsData(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) return false;
  if (!fs::is_directory(path, ec)) return true;
  return fs::directory_iterator(path, ec) != fs::directory_iterator();
}

}  // namespace

PlannedStatement StatementPlanner::planCreateTableAs(const ast::Statement& s, TableEntry t,
                                                     const SourceFilePtr& file,
                                                     const SourceFilePtr& shown) {
  PlannedStatement out;
  out.statement = &s;
  if (!s.columns.empty())
    throw AnalysisError(
        "[_LEGACY_ERROR_TEMP_0035] Operation not allowed: Schema may not be specified in a "
        "Create Table As Select (CTAS) statement",
        shown, s.columns.front().name.span);
  const ConnectorInfo* connector = findConnector(t.format);
  if (!connector || (!connector->fileBased && t.format != "memory"))
    throw AnalysisError(
        "CREATE TABLE ... AS SELECT creates memory and file tables (memory, csv, "
        "json, parquet), not " +
            t.format + " tables",
        shown, s.usingFormat ? s.usingFormat->span : s.name.span);
  if (catalog_.table(t.name)) {
    if (s.ifNotExists) {
      out.message = "table " + s.name.toString() + " already exists";
      return out;
    }
    if (!s.orReplace)
      throw AnalysisError("[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view `" +
                              s.name.toString() + "` because it already exists",
                          shown, s.name.span);
  }
  if (catalog_.view(t.name))
    throw AnalysisError("cannot create table '" + t.name + "': a view with that name exists", shown,
                        s.name.span);
  Binder binder(catalog_, file);
  PlanPtr q = partitionColumnsLast(binder.bindQuery(*s.query), s, shown);
  checkBatchPlan(q, file, s.span);
  std::vector<StructField> fields;
  for (const auto& a : q->output()) {
    for (const auto& f : fields)
      if (equalsIgnoreCase(f.name, a.name))
        throw AnalysisError("[COLUMN_ALREADY_EXISTS] The column `" + asciiLower(a.name) +
                                "` already exists; give the query's columns distinct names "
                                "(AS)",
                            shown, s.query->span);
    fields.push_back({a.name, a.type, true});
  }
  t.schema = DataType::structOf(std::move(fields));
  for (const auto& p : s.partitionBy) t.partitionBy.push_back(p.name);
  if (connector->fileBased) {
    if (!t.options.count("path"))
      throw AnalysisError(
          "table '" + t.name + "' (" + t.format + ") needs OPTIONS (path '<file or directory>')",
          shown, s.name.span);
    prepareFileTable(t, shown, s.span);
    // Spark's CTAS writes with SaveMode.ErrorIfExists; sluice never deletes files, so OR
    // REPLACE does not overwrite a path that holds data either.
    const std::string& path = t.options[kResolvedPathOption];
    if (holdsData(path))
      throw AnalysisError("[PATH_ALREADY_EXISTS] Path " + path +
                              " already exists; CREATE TABLE ... AS SELECT writes into a new or "
                              "empty directory",
                          shown, s.span);
  } else if (!s.partitionBy.empty()) {
    throw AnalysisError("PARTITIONED BY applies to file tables (csv, json, parquet), not to " +
                            t.format + " table '" + t.name + "'",
                        shown, s.partitionBy.front().span);
  }
  t.file = shown;
  t.span = s.span;
  catalog_.createTable(std::move(t), true, false);
  out.query = planQuery(bindSink(catalog_, file, s, q));
  out.message = "created table " + s.name.toString();
  return out;
}

}  // namespace sluice
