// PostgreSQL through libpq: text results, cursors for fetchsize, Spark's PostgresDialect
// type mapping.
#include <libpq-fe.h>

#include <algorithm>

#include "frontend/error.h"
#include "runtime/connectors/jdbc/jdbc_connection.h"

namespace sluice {
namespace {

// Type OIDs of pg_type (stable across PostgreSQL versions).
enum : Oid {
  kBool = 16,
  kBytea = 17,
  kChar = 18,
  kName = 19,
  kInt8 = 20,
  kInt2 = 21,
  kInt4 = 23,
  kText = 25,
  kJson = 114,
  kFloat4 = 700,
  kFloat8 = 701,
  kBpchar = 1042,
  kVarchar = 1043,
  kDate = 1082,
  kTimestamp = 1114,
  kTimestampTz = 1184,
  kNumeric = 1700,
  kUuid = 2950,
  kJsonb = 3802,
};

// Spark's PostgresDialect / JdbcUtils: numeric(p, s) -> decimal bounded to 38 digits, an
// unconstrained numeric -> decimal(38, 18).
TypePtr sparkType(Oid oid, int typmod, CellKind* kind) {
  *kind = CellKind::Text;
  switch (oid) {
    case kBool:
      *kind = CellKind::PgBool;
      return DataType::boolean();
    case kBytea:
      *kind = CellKind::PgBytea;
      return DataType::binary();
    case kInt2:
      return DataType::shortType();
    case kInt4:
      return DataType::integer();
    case kInt8:
      return DataType::bigint();
    case kFloat4:
      return DataType::floatType();
    case kFloat8:
      return DataType::doubleType();
    case kNumeric: {
      if (typmod < 4) return DataType::decimal(38, 18);
      const int p = ((typmod - 4) >> 16) & 0xffff, s = (typmod - 4) & 0xffff;
      if (s > p) return nullptr;  // PostgreSQL 15's negative scales: no Spark equivalent
      return DataType::decimal(std::min(p, 38), std::min(s, 38));
    }
    case kChar:
    case kName:
    case kText:
    case kBpchar:
    case kVarchar:
    case kJson:
    case kJsonb:
    case kUuid:
      return DataType::string();
    case kDate:
      return DataType::date();
    case kTimestamp:
    case kTimestampTz:
      return DataType::timestamp();
    default:
      return nullptr;
  }
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection : public JdbcConnection {
 public:
  explicit PostgresConnection(const JdbcOptions& o) : options_(o) {
    const std::string port = std::to_string(o.url.port);
    // Session settings travel in the startup packet: no round trip, and in force before any
    // statement (sluice reads timestamps in UTC and needs exact float text).
    const std::string startup =
        "-c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=3 -c bytea_output=hex "
        "-c standard_conforming_strings=on" +
        (o.queryTimeoutSeconds > 0
             ? " -c statement_timeout=" + std::to_string(o.queryTimeoutSeconds * 1000)
             : std::string());
    std::vector<std::string> keys = {
        "host", "port", "connect_timeout", "client_encoding", "options", "application_name"};
    std::vector<std::string> values = {o.url.host, port, "10", "UTF8", startup, "sluice"};
    if (!o.url.database.empty()) keys.push_back("dbname"), values.push_back(o.url.database);
    if (!o.effectiveUser().empty()) keys.push_back("user"), values.push_back(o.effectiveUser());
    if (!o.effectivePassword().empty())
      keys.push_back("password"), values.push_back(o.effectivePassword());
    for (const auto& [k, v] : o.url.params) keys.push_back(k), values.push_back(v);
    std::vector<const char*> kp, vp;
    for (size_t i = 0; i < keys.size(); ++i)
      kp.push_back(keys[i].c_str()), vp.push_back(values[i].c_str());
    kp.push_back(nullptr);
    vp.push_back(nullptr);
    conn_ = PQconnectdbParams(kp.data(), vp.data(), 0);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK)
      throw ExecutionError(
          "jdbc: cannot connect to PostgreSQL at " + o.url.where() +
          (o.effectiveUser().empty() ? "" : " as user '" + o.effectiveUser() + "'") + ": " +
          lastError());
    if (!o.sessionInitStatement.empty()) exec(o.sessionInitStatement, "sessionInitStatement");
  }
  ~PostgresConnection() override {
    if (conn_) PQfinish(conn_);
  }

  std::vector<JdbcColumn> describe(const std::string& sql) override {
    Result r = exec(sql, "query");
    return columns(r.get());
  }

  void query(const std::string& sql, int64_t fetchSize,
             const std::function<void(const std::vector<JdbcColumn>&)>& onColumns,
             const std::function<void(const JdbcCell*)>& onRow,
             const std::function<void()>& onChunk) override {
    if (fetchSize <= 0) {
      Result r = exec(sql, "query");
      onColumns(columns(r.get()));
      rows(r.get(), onRow);
      onChunk();
      return;
    }
    // A cursor reads fetchsize rows per round trip (what the JDBC driver does with a fetch
    // size), so memory stays bounded by it.
    exec("BEGIN READ ONLY", "query");
    exec("DECLARE sluice_jdbc_cursor NO SCROLL CURSOR FOR " + sql, "query");
    const std::string fetch =
        "FETCH FORWARD " + std::to_string(fetchSize) + " FROM sluice_jdbc_cursor";
    bool first = true;
    for (;;) {
      Result r = exec(fetch, "query");
      if (first) onColumns(columns(r.get()));
      first = false;
      rows(r.get(), onRow);
      onChunk();
      if (PQntuples(r.get()) < fetchSize) break;
    }
    exec("CLOSE sluice_jdbc_cursor", "query");
    exec("COMMIT", "query");
  }

 private:
  std::string lastError() const {
    std::string m = conn_ ? PQerrorMessage(conn_) : "out of memory";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return scrubSecret(m, options_.effectivePassword());
  }

  Result exec(const std::string& sql, const char* what) {
    Result r(PQexec(conn_, sql.c_str()));
    const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      std::string m = r ? PQresultErrorMessage(r.get()) : lastError();
      while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
      if (m.empty()) m = lastError();
      throw ExecutionError("jdbc: " + std::string(what) + " on PostgreSQL at " +
                           options_.url.where() +
                           " failed: " + scrubSecret(m, options_.effectivePassword()) +
                           (std::string(what) == "query"
                                ? " (SQL: " + scrubSecret(sql, options_.effectivePassword()) + ")"
                                : ""));
    }
    return r;
  }

  std::vector<JdbcColumn> columns(PGresult* r) {
    std::vector<JdbcColumn> out;
    for (int c = 0; c < PQnfields(r); ++c) {
      JdbcColumn col;
      col.name = PQfname(r, c);
      col.type = sparkType(PQftype(r, c), PQfmod(r, c), &col.kind);
      if (!col.type) {
        // Only for the message: the server's own name of the type.
        Result n(PQexec(conn_, ("SELECT format_type(" + std::to_string(PQftype(r, c)) + ", " +
                                std::to_string(PQfmod(r, c)) + ")")
                                   .c_str()));
        col.serverType = n && PQresultStatus(n.get()) == PGRES_TUPLES_OK && PQntuples(n.get())
                             ? PQgetvalue(n.get(), 0, 0)
                             : "type oid " + std::to_string(PQftype(r, c));
      }
      out.push_back(std::move(col));
    }
    return out;
  }

  static void rows(PGresult* r, const std::function<void(const JdbcCell*)>& onRow) {
    const int n = PQntuples(r), width = PQnfields(r);
    std::vector<JdbcCell> cells(static_cast<size_t>(width));
    for (int i = 0; i < n; ++i) {
      for (int c = 0; c < width; ++c) {
        JdbcCell& cell = cells[static_cast<size_t>(c)];
        cell.null = PQgetisnull(r, i, c);
        cell.data = PQgetvalue(r, i, c);
        cell.size = static_cast<size_t>(PQgetlength(r, i, c));
      }
      onRow(cells.data());
    }
  }

  const JdbcOptions options_;
  PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<JdbcConnection> openPostgresConnection(const JdbcOptions& options) {
  return std::make_unique<PostgresConnection>(options);
}

}  // namespace sluice
