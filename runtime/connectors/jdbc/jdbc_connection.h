#pragma once
// A connection to a database server for jdbc tables, through Debian's client libraries:
// libpq for PostgreSQL (postgres_connection.cpp), MariaDB Connector/C for MySQL and MariaDB
// (mysql_connection.cpp). Results come in the text protocol, cell by cell; each column says
// its Spark type (the mapping of Spark's JDBC dialects) and how its text reads (CellKind).
// Messages name the server (host:port/database) and never hold the password.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "planner/sources/jdbc/jdbc_options.h"
#include "planner/types.h"

namespace sluice {

/// How a cell's text encodes its value, beyond its Spark type.
enum class CellKind {
  Text,     ///< the value's usual text (numbers, dates, ISO timestamps, strings, raw bytes)
  PgBool,   ///< PostgreSQL boolean: `t` / `f`
  PgBytea,  ///< PostgreSQL bytea in hex: `\x0a1b`
  NumBool,  ///< MySQL TINYINT(1) read as boolean: any non-zero number is true
  BitBool,  ///< MySQL BIT(1): one raw byte
};

/// A result column: its name, the server's type name, its Spark type.
struct JdbcColumn {
  std::string name;
  std::string serverType;  ///< e.g. `numeric(10,2)`, `varchar`, `tinyint unsigned`
  TypePtr type;            ///< Spark's mapping; null when there is none (unsupported type)
  CellKind kind = CellKind::Text;
};

/// One cell of a row: bytes (not NUL-terminated) or NULL.
struct JdbcCell {
  const char* data = nullptr;
  size_t size = 0;
  bool null = true;
  std::string_view text() const { return {data, size}; }
};

class JdbcConnection {
 public:
  virtual ~JdbcConnection() = default;
  /// The columns `sql` returns, without reading its rows (the server plans it only).
  virtual std::vector<JdbcColumn> describe(const std::string& sql) = 0;
  /// Runs `sql`: `onColumns` once with its columns, then `onRow` per row (cells in column
  /// order, valid during the call), `onChunk` after each round trip of `fetchSize` rows
  /// (0: the whole result in one). Throws ExecutionError naming the server.
  virtual void query(const std::string& sql, int64_t fetchSize,
                     const std::function<void(const std::vector<JdbcColumn>&)>& onColumns,
                     const std::function<void(const JdbcCell*)>& onRow,
                     const std::function<void()>& onChunk) = 0;
};

/// Connects to the server of `options` (10 s connect timeout), sets the session up (UTC
/// time zone, ISO dates, exact floats, queryTimeout) and runs sessionInitStatement. Throws
/// ExecutionError naming host, port and database.
std::unique_ptr<JdbcConnection> openJdbcConnection(const JdbcOptions& options);

/// PostgreSQL / MySQL connections (one file each).
std::unique_ptr<JdbcConnection> openPostgresConnection(const JdbcOptions& options);
std::unique_ptr<JdbcConnection> openMysqlConnection(const JdbcOptions& options);

/// `message` with every occurrence of `secret` (if not empty) replaced by `***`: server and
/// client messages are passed on, and must not carry a password by any route.
std::string scrubSecret(std::string message, const std::string& secret);

/// The "unsupported type" error for `column` of `options`' relation, naming both types.
[[noreturn]] void throwUnsupportedColumn(const JdbcOptions& options, const JdbcColumn& column);

}  // namespace sluice
