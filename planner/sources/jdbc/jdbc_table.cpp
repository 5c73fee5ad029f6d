#include "planner/sources/jdbc/jdbc_table.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/sources/jdbc/jdbc_sql.h"
#include "planner/type_conversion.h"

namespace sluice {
namespace {

JdbcSchemaReader& schemaReader() {
  static JdbcSchemaReader reader = nullptr;
  return reader;
}

}  // namespace

void setJdbcSchemaReader(JdbcSchemaReader reader) {
  schemaReader() = reader;
}

TypePtr applyCustomSchema(const TypePtr& schema, const std::string& customSchema) {
  const TypePtr custom = parseDdlSchema(customSchema, "jdbc option customSchema");
  std::vector<StructField> fields = schema->fields();
  for (const auto& c : custom->fields()) {
    bool found = false;
    for (auto& f : fields)
      if (equalsIgnoreCase(f.name, c.name)) {
        if (c.type->isComplex())
          throw AnalysisError("jdbc option customSchema: column '" + c.name + "' cannot be " +
                              c.type->toString() + " (struct, array and map are not read)");
        f.type = c.type;
        found = true;
      }
    if (!found) {
      std::string names;
      for (const auto& f : fields) names += (names.empty() ? "" : ", ") + f.name;
      throw AnalysisError("jdbc option customSchema: the table has no column '" + c.name +
                          "' (columns: " + names + ")");
    }
  }
  return DataType::structOf(std::move(fields));
}

void prepareJdbcTable(TableEntry& t, const SourceFilePtr& file, SourceSpan span) {
  if (t.format != "jdbc") return;
  try {
    if (t.schema)
      throw AnalysisError(
          "jdbc tables take their columns from the database (as Spark's jdbc source does); "
          "remove the column list, and use the option customSchema to change column types");
    if (!t.partitionBy.empty()) throw AnalysisError("jdbc tables cannot be PARTITIONED BY");
    const JdbcOptions o = parseJdbcOptions(t.options, file, span);
    if (!schemaReader()) throw AnalysisError("internal: no jdbc schema reader is installed");
    TypePtr server;
    try {
      server = schemaReader()(o);
    } catch (const Error& e) {
      throw AnalysisError("table '" + t.name + "': " + e.message());
    }
    t.options[kJdbcServerSchemaOption] = server->toDdl();
    t.schema = o.customSchema.empty() ? server : applyCustomSchema(server, o.customSchema);
  } catch (Error& e) {
    e.locate(file, span);
    throw;
  }
}

bool jdbcCanPush(const std::map<std::string, std::string>& options, const PushedFilter& f) {
  const JdbcOptions o = parseJdbcOptions(options);
  if (!o.pushDownPredicate) return false;
  if (f.op != "isnull" && f.op != "isnotnull") {
    // A column whose type customSchema changed is compared by the server in its own type,
    // which is not the comparison Spark makes.
    auto it = options.find(kJdbcServerSchemaOption);
    if (it == options.end()) return false;
    const TypePtr server = parseDdlSchema(it->second, "jdbc server schema");
    bool same = false;
    for (const auto& field : server->fields())
      if (field.name == f.column) same = field.type->equals(*f.type);
    if (!same) return false;
  }
  return compileJdbcFilter(o.url.dialect, f).has_value();
}

std::string jdbcScanSql(const Scan& scan) {
  const JdbcOptions o = parseJdbcOptions(scan.options);
  std::vector<std::string> columns;
  for (const auto& a : scan.attrs) columns.push_back(a.name);
  return jdbcSelectSql(o, columns, scan.pushedFilters);
}

}  // namespace sluice
