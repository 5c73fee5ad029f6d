#pragma once
// The session catalog: tables (sources and sinks declared with CREATE TABLE ... USING),
// temporary views (kept as syntax and re-bound at each reference, so two references get
// distinct column ids) and session configuration. Names are case-insensitive.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "planner/types.h"

namespace sluice {

/// A table declared with CREATE TABLE name [(schema)] USING format OPTIONS (...).
struct TableEntry {
  std::string name;    ///< as declared
  std::string format;  ///< lower-case: kafka, csv, json, parquet, console, memory, ...
  std::map<std::string, std::string> options;  ///< option keys as written
  TypePtr schema;                              ///< declared schema (struct) or null
  std::vector<std::string> partitionBy;        ///< PARTITIONED BY columns (file tables)
  std::map<std::string, std::string> columnComments;  ///< COMMENT '...' by lower-case column
  SourceFilePtr file;                          ///< where it was declared
  SourceSpan span;
};

/// A temporary view: its query syntax and the file it came from.
struct ViewEntry {
  std::string name;
  ast::QueryPtr query;
  std::vector<std::string> columns;  ///< optional column names
  SourceFilePtr file;
  SourceSpan span;
};

class Catalog {
 public:
  /// Adds or replaces a table. Throws AnalysisError if it exists and !replace.
  void createTable(TableEntry t, bool replace, bool ifNotExists);
  /// Adds or replaces a view. Throws AnalysisError if it exists and !replace.
  void createView(ViewEntry v, bool replace, bool ifNotExists);
  /// Removes a table or view; false if it did not exist.
  bool dropTable(const std::string& name);
  bool dropView(const std::string& name);

  const TableEntry* table(const std::string& name) const;
  const ViewEntry* view(const std::string& name) const;
  /// Names of all tables and views, sorted (for "did you mean" hints).
  std::vector<std::string> names() const;

  /// Session configuration (SET k = v).
  void set(const std::string& key, const std::string& value) { conf_[key] = value; }
  std::optional<std::string> get(const std::string& key) const;
  const std::map<std::string, std::string>& conf() const { return conf_; }
  /// spark.sql.session.timeZone (key case-insensitive; `SET TIME ZONE` sets it): "UTC" when
  /// unset. SET has checked it is a zone id.
  std::string sessionTimeZone() const;

 private:
  std::map<std::string, TableEntry> tables_;  // keyed by lower-case name
  std::map<std::string, ViewEntry> views_;
  std::map<std::string, std::string> conf_;
};

}  // namespace sluice
