// MySQL and MariaDB through MariaDB Connector/C: text results, streamed (mysql_use_result)
// when a fetchsize is set, Spark's MySQLDialect type mapping.
#include <mysql.h>

#include <algorithm>

#include "frontend/error.h"
#include "runtime/connectors/jdbc/jdbc_connection.h"

namespace sluice {
namespace {

constexpr unsigned kBinaryCharset = 63;  // charsetnr of BINARY / VARBINARY / BLOB columns

std::string typeName(enum_field_types t) {
  switch (t) {
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
      return "time";
    case MYSQL_TYPE_GEOMETRY:
      return "geometry";
    case MYSQL_TYPE_NULL:
      return "null";
    default:
      return "type code " + std::to_string(static_cast<int>(t));
  }
}

// Spark's MySQLDialect with Connector/J's defaults (tinyInt1isBit, yearIsDateType):
// TINYINT(1) and BIT(1) -> boolean, unsigned types widened, BIGINT UNSIGNED -> decimal(20,0),
// YEAR -> date, binary-charset strings and blobs -> binary.
TypePtr sparkType(const MYSQL_FIELD& f, CellKind* kind) {
  *kind = CellKind::Text;
  const bool isUnsigned = f.flags & UNSIGNED_FLAG;
  switch (f.type) {
    case MYSQL_TYPE_TINY:
      if (f.length == 1) {
        *kind = CellKind::NumBool;
        return DataType::boolean();
      }
      return isUnsigned ? DataType::shortType() : DataType::byte();
    case MYSQL_TYPE_SHORT:
      return isUnsigned ? DataType::integer() : DataType::shortType();
    case MYSQL_TYPE_INT24:
      return DataType::integer();
    case MYSQL_TYPE_LONG:
      return isUnsigned ? DataType::bigint() : DataType::integer();
    case MYSQL_TYPE_LONGLONG:
      return isUnsigned ? DataType::decimal(20, 0) : DataType::bigint();
    case MYSQL_TYPE_FLOAT:
      return isUnsigned ? DataType::doubleType() : DataType::floatType();
    case MYSQL_TYPE_DOUBLE:
      return DataType::doubleType();
    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: {
      // The display length counts a sign (signed) and a point (scale > 0).
      const int scale = static_cast<int>(f.decimals);
      const int precision = static_cast<int>(f.length) - (scale > 0 ? 1 : 0) - (isUnsigned ? 0 : 1);
      return DataType::decimal(std::clamp(precision, 1, 38), std::min(scale, 38));
    }
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
    case MYSQL_TYPE_YEAR:
      return DataType::date();
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:
      return DataType::timestamp();
    case MYSQL_TYPE_BIT:
      if (f.length == 1) {
        *kind = CellKind::BitBool;
        return DataType::boolean();
      }
      return DataType::binary();
    case MYSQL_TYPE_VARCHAR:
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_STRING:
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_BLOB:
      return f.charsetnr == kBinaryCharset ? DataType::binary() : DataType::string();
    case MYSQL_TYPE_ENUM:
    case MYSQL_TYPE_SET:
    case MYSQL_TYPE_JSON:
      return DataType::string();
    default:
      return nullptr;
  }
}

class MysqlConnection : public JdbcConnection {
 public:
  explicit MysqlConnection(const JdbcOptions& o) : options_(o) {
    conn_ = mysql_init(nullptr);
    if (!conn_) throw ExecutionError("jdbc: out of memory creating a MySQL connection");
    unsigned timeout = 10;
    mysql_optionsv(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    // Always TCP, as JDBC: the client library would take "localhost" as its Unix socket.
    unsigned protocol = MYSQL_PROTOCOL_TCP;
    mysql_optionsv(conn_, MYSQL_OPT_PROTOCOL, &protocol);
    mysql_optionsv(conn_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const std::string& user = o.effectiveUser();
    const std::string& pass = o.effectivePassword();
    if (!mysql_real_connect(conn_, o.url.host.c_str(), user.empty() ? nullptr : user.c_str(),
                            pass.empty() ? nullptr : pass.c_str(),
                            o.url.database.empty() ? nullptr : o.url.database.c_str(),
                            static_cast<unsigned>(o.url.port), nullptr, 0))
      throw ExecutionError("jdbc: cannot connect to MySQL at " + o.url.where() +
                           (user.empty() ? "" : " as user '" + user + "'") + ": " + lastError());
    // TIMESTAMP columns come back in UTC, the zone sluice reads DATETIME values in too.
    run("SET time_zone = '+00:00'", "session setup");
    if (o.queryTimeoutSeconds > 0)
      run("SET SESSION max_statement_time = " + std::to_string(o.queryTimeoutSeconds),
          "queryTimeout");
    if (!o.sessionInitStatement.empty()) {
      run(o.sessionInitStatement, "sessionInitStatement");
      if (MYSQL_RES* r = mysql_store_result(conn_)) mysql_free_result(r);
    }
  }
  ~MysqlConnection() override {
    if (conn_) mysql_close(conn_);
  }

  std::vector<JdbcColumn> describe(const std::string& sql) override {
    run(sql, "query");
    MYSQL_RES* r = mysql_store_result(conn_);
    if (!r) fail("query", sql);
    auto out = columns(r);
    mysql_free_result(r);
    return out;
  }

  void query(const std::string& sql, int64_t fetchSize,
             const std::function<void(const std::vector<JdbcColumn>&)>& onColumns,
             const std::function<void(const JdbcCell*)>& onRow,
             const std::function<void()>& onChunk) override {
    run(sql, "query");
    // use_result streams rows from the server as they are fetched; store_result reads all.
    MYSQL_RES* r = fetchSize > 0 ? mysql_use_result(conn_) : mysql_store_result(conn_);
    if (!r) fail("query", sql);
    std::unique_ptr<MYSQL_RES, void (*)(MYSQL_RES*)> owner(r, mysql_free_result);
    onColumns(columns(r));
    const unsigned width = mysql_num_fields(r);
    std::vector<JdbcCell> cells(width);
    int64_t inChunk = 0;
    while (MYSQL_ROW row = mysql_fetch_row(r)) {
      const unsigned long* lengths = mysql_fetch_lengths(r);
      for (unsigned c = 0; c < width; ++c) {
        cells[c].null = row[c] == nullptr;
        cells[c].data = row[c];
        cells[c].size = lengths[c];
      }
      onRow(cells.data());
      if (fetchSize > 0 && ++inChunk == fetchSize) {
        onChunk();
        inChunk = 0;
      }
    }
    if (mysql_errno(conn_)) fail("query", sql);
    onChunk();
  }

 private:
  std::string lastError() const {
    return scrubSecret(mysql_error(conn_), options_.effectivePassword());
  }

  [[noreturn]] void fail(const std::string& what, const std::string& sql) {
    throw ExecutionError(
        "jdbc: " + what + " on MySQL at " + options_.url.where() + " failed: " + lastError() +
        (what == "query" ? " (SQL: " + scrubSecret(sql, options_.effectivePassword()) + ")" : ""));
  }

  void run(const std::string& sql, const std::string& what) {
    if (mysql_real_query(conn_, sql.data(), sql.size()) != 0) fail(what, sql);
  }

  static std::vector<JdbcColumn> columns(MYSQL_RES* r) {
    std::vector<JdbcColumn> out;
    const unsigned n = mysql_num_fields(r);
    MYSQL_FIELD* fields = mysql_fetch_fields(r);
    for (unsigned c = 0; c < n; ++c) {
      JdbcColumn col;
      col.name = fields[c].name;
      col.type = sparkType(fields[c], &col.kind);
      if (!col.type) col.serverType = typeName(fields[c].type);
      out.push_back(std::move(col));
    }
    return out;
  }

  const JdbcOptions options_;
  MYSQL* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<JdbcConnection> openMysqlConnection(const JdbcOptions& options) {
  return std::make_unique<MysqlConnection>(options);
}

}  // namespace sluice
