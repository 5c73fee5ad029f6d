#pragma once
// The options of a `CREATE TABLE t USING jdbc OPTIONS (...)` table, with Spark's JDBC option
// names (url, dbtable | query, user, password, fetchsize, queryTimeout, sessionInitStatement,
// prepareQuery, customSchema, pushDownPredicate, ...) plus sluice's refreshInterval (how a
// streaming query's static side is re-read). Parsed and validated at analysis, so `sluice
// check` reports a bad option naming it; the runtime (runtime/connectors/jdbc) parses the same
// map again, so both agree. Secrets (the password, a password inside the url) never appear in
// messages, plans or SHOW output: redactedUrl() and redactOption() are what may be shown.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "frontend/source.h"

namespace sluice {

/// The database kind a url names, which decides the client library and the SQL dialect.
enum class JdbcDialect {
  Postgres,  ///< postgresql:// (libpq)
  MySql,     ///< mysql:// or mariadb:// (MariaDB Connector/C)
};

/// A parsed connection url: `[jdbc:]postgresql://[user[:password]@]host[:port][/db][?k=v&...]`,
/// `[jdbc:]mysql://...`, `[jdbc:]mariadb://...` (also `postgres://`).
struct JdbcUrl {
  JdbcDialect dialect = JdbcDialect::Postgres;
  std::string host;      ///< host name or address ("localhost" when absent)
  int port = 0;          ///< the dialect's default (5432 / 3306) when absent
  std::string database;  ///< "" when absent
  std::string user;      ///< from the userinfo part or the `user` parameter ("" if none)
  std::string password;  ///< from the userinfo part or the `password` parameter (secret)
  /// Other `?k=v` parameters, in order (passed to libpq as connection keywords; MySQL takes
  /// none besides user and password).
  std::vector<std::pair<std::string, std::string>> params;

  /// `postgresql://host:port/db` — what errors and plans show: no user info, no parameters.
  std::string redacted() const;
  /// `host:port/db` for connection errors.
  std::string where() const;
};

/// Parses `url`; false with `why` set (never quoting a password) when it is not one of the
/// forms above.
bool parseJdbcUrl(const std::string& url, JdbcUrl* out, std::string* why);

/// The options of a jdbc table, Spark's defaults.
struct JdbcOptions {
  JdbcUrl url;
  std::string dbtable;               ///< a table (or `(subquery) alias`) verbatim, or ""
  std::string query;                 ///< a SELECT read as `(query) SPARK_GEN_SUBQ_0`, or ""
  std::string user;                  ///< option `user` (wins over the url's)
  std::string password;              ///< option `password` (wins over the url's); secret
  int64_t fetchSize = 0;             ///< rows per round trip; 0 = the client's default (all)
  int64_t queryTimeoutSeconds = 0;   ///< 0 = no limit
  std::string sessionInitStatement;  ///< run after connecting, before reading ("" = none)
  std::string prepareQuery;          ///< prefix of the generated SELECT (Spark's prepareQuery)
  std::string customSchema;          ///< DDL overriding mapped column types ("" = none)
  bool pushDownPredicate = true;     ///< push WHERE conditions into the SQL sent
  /// Streaming queries: how often a static jdbc table is read again. 0 (the default) = every
  /// micro-batch, as Spark re-runs a JDBC relation each batch; otherwise the rows are cached
  /// and read again by the first batch that starts at least this long after the last read.
  int64_t refreshIntervalMs = 0;

  /// The FROM item of the generated SELECT: dbtable, or `(query) SPARK_GEN_SUBQ_0`.
  std::string relation() const;
  /// The user the connection logs in as (option, else url).
  const std::string& effectiveUser() const { return user.empty() ? url.user : user; }
  /// The password (option, else url); secret.
  const std::string& effectivePassword() const {
    return password.empty() ? url.password : password;
  }
  /// `postgresql://host:port/db table 'x'` (or `query`) for messages; no secrets.
  std::string describe() const;
};

/// Every option name the jdbc format knows (Spark's spelling), for "did you mean".
const std::vector<std::string>& jdbcOptionNames();

/// Parses and validates a jdbc table's options (keys case-insensitive). Throws AnalysisError
/// at `span` naming the option for a missing url, both or neither of dbtable / query, bad
/// numbers, options sluice does not support (partitioned reads, write options, Kerberos).
JdbcOptions parseJdbcOptions(const std::map<std::string, std::string>& options,
                             const SourceFilePtr& file = nullptr, SourceSpan span = {});

/// The secrets among a statement's options (`key`, `value` pairs): the values of keys that
/// redactOption hides, except urls, of which only the password (as written and decoded) is
/// secret. Empty strings are left out.
std::vector<std::string> secretOptionValues(
    const std::vector<std::pair<std::string, std::string>>& options);

/// `file` with every occurrence of each of `secrets` overwritten by `*` (same length, so
/// spans stay valid): errors about a statement quote its line, which must not show a
/// password. `file` itself when there is nothing to hide.
SourceFilePtr redactSecretsInSource(const SourceFilePtr& file,
                                    const std::vector<std::string>& secrets);

/// The value of option `key` as it may be shown (SHOW CREATE TABLE, DESCRIBE): Spark's default
/// redaction (`spark.redaction.regex` + `spark.sql.redaction.options.regex`): keys containing
/// password, secret, token, access key or url show `*********(redacted)`.
std::string redactOption(const std::string& key, const std::string& value);

}  // namespace sluice
