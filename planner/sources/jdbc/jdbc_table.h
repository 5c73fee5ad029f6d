#pragma once
// jdbc tables as the planner sees them: CREATE TABLE ... USING jdbc checks the options and
// reads the table's schema from the server (as Spark resolves a JDBC relation when it is
// created), maps it to Spark types and applies customSchema; a scan carries which columns
// are read and the filters the server can decide.
#include <map>
#include <string>

#include "frontend/source.h"
#include "planner/logical/scan.h"
#include "planner/sources/jdbc/jdbc_options.h"
#include "planner/types.h"

namespace sluice {

struct TableEntry;

/// Internal scan / table option: the schema as the server's types map (DDL), before
/// customSchema; a filter is pushed only on a column whose type is still this one.
inline constexpr const char* kJdbcServerSchemaOption = "sluice.jdbc.server.schema";

/// Reads the schema of the relation in `options` from the server, mapped to Spark types
/// (throws ExecutionError naming the host, or the column whose type has no mapping). The
/// planner cannot depend on the client libraries, so the runtime installs the reader
/// (runtime/connectors/jdbc) before any statement is planned.
using JdbcSchemaReader = TypePtr (*)(const JdbcOptions& options);
/// Installs the schema reader prepareJdbcTable uses.
void setJdbcSchemaReader(JdbcSchemaReader reader);

/// CREATE TABLE of a jdbc table: validates the options, refuses a declared column list
/// (as Spark: use customSchema), reads and maps the schema, applies customSchema. Throws
/// AnalysisError at `span` naming the option, the column or the server (never a password).
void prepareJdbcTable(TableEntry& table, const SourceFilePtr& file, SourceSpan span);

/// `schema` with the types of the DDL `customSchema` (`id DECIMAL(38, 0), name STRING`;
/// fields matched by name, case-insensitively; a name the table lacks is an error).
TypePtr applyCustomSchema(const TypePtr& schema, const std::string& customSchema);

/// Whether `filter` on a scan of a jdbc table (its options) goes into the SQL: predicate
/// pushdown on, the column keeps its server type, and the dialect can state it exactly.
bool jdbcCanPush(const std::map<std::string, std::string>& scanOptions, const PushedFilter& filter);

/// The SQL a jdbc scan sends: its columns and pushed filters.
std::string jdbcScanSql(const Scan& scan);

}  // namespace sluice
