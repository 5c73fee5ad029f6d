#include "planner/sources/jdbc/jdbc_options.h"

#include <algorithm>
#include <memory>

#include "frontend/text.h"
#include "planner/sources/option_reader.h"
#include "planner/streaming/trigger.h"

namespace sluice {
namespace {

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// URL percent-decoding (user names, passwords and parameters may hold any byte).
bool percentDecode(std::string_view s, std::string* out) {
  out->clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out->push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return false;
    const int hi = hexDigit(s[i + 1]), lo = hexDigit(s[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equalsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

}  // namespace

std::string JdbcUrl::redacted() const {
  return std::string(dialect == JdbcDialect::Postgres ? "postgresql://" : "mysql://") + where();
}

std::string JdbcUrl::where() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) +
         (database.empty() ? "" : "/" + database);
}

bool parseJdbcUrl(const std::string& text, JdbcUrl* out, std::string* why) {
  std::string_view s = trimmed(text);
  if (startsWithIgnoreCase(s, "jdbc:")) s.remove_prefix(5);
  struct Scheme {
    const char* prefix;
    JdbcDialect dialect;
  };
  static const Scheme schemes[] = {{"postgresql://", JdbcDialect::Postgres},
                                   {"postgres://", JdbcDialect::Postgres},
                                   {"mysql://", JdbcDialect::MySql},
                                   {"mariadb://", JdbcDialect::MySql}};
  const Scheme* scheme = nullptr;
  for (const auto& sc : schemes)
    if (startsWithIgnoreCase(s, sc.prefix)) scheme = &sc;
  if (!scheme) {
    *why =
        "expected a url starting with [jdbc:]postgresql://, [jdbc:]mysql:// or "
        "[jdbc:]mariadb://";
    return false;
  }
  JdbcUrl u;
  u.dialect = scheme->dialect;
  s.remove_prefix(std::string_view(scheme->prefix).size());
  std::string_view query;
  if (size_t q = s.find('?'); q != std::string_view::npos) {
    query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  std::string_view path;
  if (size_t slash = s.find('/'); slash != std::string_view::npos) {
    path = s.substr(slash + 1);
    s = s.substr(0, slash);
  }
  if (size_t at = s.rfind('@'); at != std::string_view::npos) {
    std::string_view info = s.substr(0, at);
    s = s.substr(at + 1);
    std::string_view user = info, pass;
    bool hasPass = false;
    if (size_t colon = info.find(':'); colon != std::string_view::npos) {
      user = info.substr(0, colon);
      pass = info.substr(colon + 1);
      hasPass = true;
    }
    if (!percentDecode(user, &u.user) || (hasPass && !percentDecode(pass, &u.password))) {
      *why = "bad %-escape in the url's user information";
      return false;
    }
  }
  std::string_view port;
  if (!s.empty() && s.front() == '[') {
    const size_t close = s.find(']');
    if (close == std::string_view::npos) {
      *why = "unclosed '[' in the url's host";
      return false;
    }
    u.host = std::string(s.substr(1, close - 1));
    std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        *why = "expected ':port' after the url's [host]";
        return false;
      }
      port = rest.substr(1);
    }
  } else if (size_t colon = s.find(':'); colon != std::string_view::npos) {
    u.host = std::string(s.substr(0, colon));
    port = s.substr(colon + 1);
  } else {
    u.host = std::string(s);
  }
  if (u.host.find(',') != std::string::npos) {
    *why = "several hosts in one url are not supported";
    return false;
  }
  if (u.host.empty()) u.host = "localhost";
  u.port = u.dialect == JdbcDialect::Postgres ? 5432 : 3306;
  if (!port.empty()) {
    int64_t p = 0;
    if (!parseStrictIntegral(port, 1, 65535, &p)) {
      *why = "the port '" + std::string(port) + "' is not a number in 1..65535";
      return false;
    }
    u.port = static_cast<int>(p);
  }
  if (!percentDecode(path, &u.database)) {
    *why = "bad %-escape in the url's database name";
    return false;
  }
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (kv.empty()) continue;
    size_t eq = kv.find('=');
    std::string key, value;
    if (!percentDecode(kv.substr(0, eq), &key) ||
        (eq != std::string_view::npos && !percentDecode(kv.substr(eq + 1), &value))) {
      *why = "bad %-escape in the url's parameters";
      return false;
    }
    if (equalsIgnoreCase(key, "user"))
      u.user = value;
    else if (equalsIgnoreCase(key, "password"))
      u.password = value;
    else if (u.dialect == JdbcDialect::MySql) {
      *why = "url parameter '" + key +
             "' is not supported for mysql/mariadb urls (only user and password)";
      return false;
    } else {
      u.params.emplace_back(key, value);
    }
  }
  *out = std::move(u);
  return true;
}

std::string JdbcOptions::relation() const {
  return query.empty() ? dbtable : "(" + query + ") SPARK_GEN_SUBQ_0";
}

std::string JdbcOptions::describe() const {
  return url.redacted() + (query.empty() ? " table '" + dbtable + "'" : std::string(" query"));
}

const std::vector<std::string>& jdbcOptionNames() {
  static const std::vector<std::string> names = {"url",
                                                 "dbtable",
                                                 "query",
                                                 "user",
                                                 "password",
                                                 "driver",
                                                 "fetchsize",
                                                 "queryTimeout",
                                                 "sessionInitStatement",
                                                 "prepareQuery",
                                                 "customSchema",
                                                 "pushDownPredicate",
                                                 "pushDownAggregate",
                                                 "pushDownLimit",
                                                 "pushDownOffset",
                                                 "pushDownTableSample",
                                                 "preferTimestampNTZ",
                                                 "partitionColumn",
                                                 "lowerBound",
                                                 "upperBound",
                                                 "numPartitions",
                                                 "batchsize",
                                                 "isolationLevel",
                                                 "truncate",
                                                 "cascadeTruncate",
                                                 "createTableOptions",
                                                 "createTableColumnTypes",
                                                 "keytab",
                                                 "principal",
                                                 "refreshKrb5Config",
                                                 "connectionProvider",
                                                 "refreshInterval"};
  return names;
}

JdbcOptions parseJdbcOptions(const std::map<std::string, std::string>& options,
                             const SourceFilePtr& file, SourceSpan span) {
  OptionReader r(options, "jdbc", file, span);
  JdbcOptions o;
  const std::string* url = r.get("url");
  if (!url) r.fail("url", "required (e.g. 'jdbc:postgresql://host:5432/db')");
  std::string why;
  if (!parseJdbcUrl(*url, &o.url, &why)) r.fail("url", why);
  const std::string* dbtable = r.get("dbtable");
  const std::string* query = r.get("query");
  if (dbtable && query)
    r.fail("dbtable", "'dbtable' and 'query' cannot be specified at the same time");
  if (!dbtable && !query) r.fail("dbtable", "one of 'dbtable' or 'query' is required");
  if (dbtable && trimmed(*dbtable).empty()) r.fail("dbtable", "must not be empty");
  if (query && trimmed(*query).empty()) r.fail("query", "must not be empty");
  if (dbtable) o.dbtable = std::string(trimmed(*dbtable));
  if (query) o.query = std::string(trimmed(*query));
  if (const std::string* u = r.get("user")) o.user = *u;
  if (const std::string* p = r.get("password")) o.password = *p;
  o.fetchSize = r.integer("fetchsize", 0, 0);
  o.queryTimeoutSeconds = r.integer("queryTimeout", 0, 0);
  o.sessionInitStatement = r.string("sessionInitStatement", "");
  o.prepareQuery = r.string("prepareQuery", "");
  if (!o.prepareQuery.empty() && o.query.empty())
    r.fail("prepareQuery", "only applies together with 'query'");
  o.customSchema = r.string("customSchema", "");
  o.pushDownPredicate = r.boolean("pushDownPredicate", true);
  // Accepted as Spark accepts them; sluice pushes neither aggregates, limits, offsets nor
  // samples, which only changes how much the server sends, not the result.
  for (const char* k :
       {"pushDownAggregate", "pushDownLimit", "pushDownOffset", "pushDownTableSample"})
    (void)r.boolean(k, false);
  if (r.boolean("preferTimestampNTZ", false))
    r.fail("preferTimestampNTZ", "'true' is not supported: sluice has no TIMESTAMP_NTZ type");
  if (const std::string* d = r.get("driver")) {
    static const char* known[] = {"org.postgresql.Driver", "com.mysql.cj.jdbc.Driver",
                                  "com.mysql.jdbc.Driver", "org.mariadb.jdbc.Driver"};
    if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return *d == k; }))
      r.fail("driver", "'" + *d +
                           "' is not one sluice knows; the url decides the client (libpq for "
                           "postgresql, MariaDB Connector/C for mysql / mariadb)");
  }
  for (const char* k : {"partitionColumn", "lowerBound", "upperBound", "numPartitions"})
    if (r.get(k))
      r.fail(k,
             "partitioned reads are not supported yet: sluice reads a jdbc table with one "
             "query; remove partitionColumn, lowerBound, upperBound and numPartitions");
  for (const char* k : {"batchsize", "isolationLevel", "truncate", "cascadeTruncate",
                        "createTableOptions", "createTableColumnTypes"})
    if (r.get(k)) r.fail(k, "is a write option, and jdbc tables are read-only in sluice");
  for (const char* k : {"keytab", "principal", "refreshKrb5Config", "connectionProvider"})
    if (r.get(k)) r.fail(k, "Kerberos and connection providers are not supported");
  if (const std::string* ri = r.get("refreshInterval"); ri && trimmed(*ri) != "0") {
    auto t = parseTrigger(*ri, &why);
    if (!t || t->runsToCompletion())
      r.fail("refreshInterval",
             "expected an interval such as '0', '30 seconds' or '5 minutes', got '" + *ri + "'" +
                 (why.empty() ? "" : " (" + why + ")"));
    o.refreshIntervalMs = t->intervalMs;
  }
  return o;
}

std::vector<std::string> secretOptionValues(
    const std::vector<std::pair<std::string, std::string>>& options) {
  std::vector<std::string> out;
  for (const auto& [key, value] : options) {
    if (redactOption(key, value) == value || value.empty()) continue;
    if (asciiLower(key).find("url") == std::string::npos) {
      out.push_back(value);
      continue;
    }
    JdbcUrl u;
    std::string why;
    if (parseJdbcUrl(value, &u, &why)) out.push_back(u.password);
    // The user information's password, decoded (a password= parameter overrides it above).
    if (parseJdbcUrl(value.substr(0, value.find('?')), &u, &why)) out.push_back(u.password);
    // The password as written: between ':' and '@' of the user information, or the value
    // of a password= parameter.
    const size_t scheme = value.find("//");
    const size_t at = value.find('@');
    const size_t slash =
        scheme == std::string::npos ? std::string::npos : value.find('/', scheme + 2);
    if (scheme != std::string::npos && at != std::string::npos && at < slash) {
      const size_t colon = value.find(':', scheme + 2);
      if (colon != std::string::npos && colon < at)
        out.push_back(value.substr(colon + 1, at - colon - 1));
    }
    const std::string lower = asciiLower(value);
    for (size_t p = lower.find("password="); p != std::string::npos;
         p = lower.find("password=", p + 1)) {
      const size_t start = p + 9, end = value.find('&', start);
      out.push_back(
          value.substr(start, end == std::string::npos ? std::string::npos : end - start));
    }
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

SourceFilePtr redactSecretsInSource(const SourceFilePtr& file,
                                    const std::vector<std::string>& secrets) {
  if (!file || secrets.empty()) return file;
  std::string text = file->text;
  bool changed = false;
  for (const auto& s : secrets)
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + s.size())) {
      text.replace(at, s.size(), std::string(s.size(), '*'));
      changed = true;
    }
  if (!changed) return file;
  auto copy = std::make_shared<SourceFile>(*file);
  copy->text = std::move(text);
  return copy;
}

std::string redactOption(const std::string& key, const std::string& value) {
  const std::string k = asciiLower(key);
  for (const char* secret : {"password", "secret", "token", "accesskey", "access.key", "url"})
    if (k.find(secret) != std::string::npos) return "*********(redacted)";
  return value;
}

}  // namespace sluice
