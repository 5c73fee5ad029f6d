#pragma once
// The SQL sluice sends for a jdbc scan: `SELECT <columns> FROM <relation> [WHERE <pushed>]`,
// in the dialect of the url (identifier quoting, literal syntax). Pushed filters are compiled
// only when the server's comparison is the one Spark makes (byte order for strings, exact
// floats, ...); the Filter above the scan checks every row again, so a server that returns
// more rows (a case-insensitive collation) changes nothing. Literals are quoted and escaped
// here, never pasted: a string value cannot end its literal.
#include <optional>
#include <string>
#include <vector>

#include "planner/logical/scan.h"
#include "planner/sources/jdbc/jdbc_options.h"

namespace sluice {

/// `"name"` (PostgreSQL) or `` `name` `` (MySQL), the quote character doubled inside.
std::string quoteJdbcIdentifier(JdbcDialect dialect, const std::string& name);

/// `value` of `type` as a literal of the dialect, or nullopt when it has no exact one there
/// (a string with a NUL byte in PostgreSQL, a float in MySQL, a date outside 0001..9999).
std::optional<std::string> jdbcLiteral(JdbcDialect dialect, const Value& value,
                                       const DataType& type);

/// `f` as a condition of the dialect (`"a" > 1`), or nullopt when the server would not
/// decide it as Spark does (see the header comment).
std::optional<std::string> compileJdbcFilter(JdbcDialect dialect, const PushedFilter& f);

/// The SELECT for `columns` (names as the server knows them; none: `SELECT 1`) of the
/// table in `options`, with the conditions of `filters` that compile, ANDed, and
/// options.prepareQuery in front.
std::string jdbcSelectSql(const JdbcOptions& options, const std::vector<std::string>& columns,
                          const std::vector<PushedFilter>& filters);

}  // namespace sluice
