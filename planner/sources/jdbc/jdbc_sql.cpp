#include "planner/sources/jdbc/jdbc_sql.h"

#include <cmath>
#include <cstdio>

#include "stdlib/datetime.h"
#include "stdlib/decimal.h"

namespace sluice {
namespace {

std::string hexOf(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// Dates and times outside 0001..9999 have no portable literal (BC dates, 5-digit years).
bool inLiteralRange(int64_t days) {
  const int64_t year = stdlib::civilFromDays(days).year;
  return year >= 1 && year <= 9999;
}

std::string doubleText(double v, bool isFloat) {
  char buf[40];
  std::snprintf(buf, sizeof buf, isFloat ? "%.9g" : "%.17g", v);
  return buf;
}

std::optional<std::string> postgresLiteral(const Value& v, const DataType& type) {
  switch (type.id()) {
    case TypeId::Boolean:
      return v.asBool() ? "TRUE" : "FALSE";
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return std::to_string(v.asInt());
    case TypeId::Float:
    case TypeId::Double: {
      // Through text so the server rounds exactly as it stores (a REAL literal is cast to
      // REAL, not compared as the double closest to its text).
      const double d = v.asDouble();
      const std::string t = std::isnan(d)   ? "NaN"
                            : std::isinf(d) ? (d > 0 ? "Infinity" : "-Infinity")
                                            : doubleText(d, type.id() == TypeId::Float);
      return "CAST('" + t + "' AS " + (type.id() == TypeId::Float ? "REAL" : "DOUBLE PRECISION") +
             ")";
    }
    case TypeId::Decimal:
      return stdlib::decimalToString(v.asDecimal(), type.scale());
    case TypeId::String: {
      // standard_conforming_strings is on for every connection (set when connecting), so a
      // quote is the only special character; PostgreSQL text cannot hold NUL.
      std::string out = "'";
      for (char c : v.asString()) {
        if (c == '\0') return std::nullopt;
        out += c == '\'' ? std::string("''") : std::string(1, c);
      }
      return out + "'";
    }
    case TypeId::Binary:
      return "'\\x" + hexOf(v.asString()) + "'::bytea";
    case TypeId::Date:
      if (!inLiteralRange(v.asInt())) return std::nullopt;
      return "DATE '" + stdlib::formatDate(v.asInt()) + "'";
    case TypeId::Timestamp:
      // The session's TimeZone is UTC (set when connecting), the zone sluice reads
      // `timestamp without time zone` values in.
      if (!inLiteralRange(stdlib::floorDiv(v.asInt(), stdlib::kMicrosPerDay))) return std::nullopt;
      return "TIMESTAMPTZ '" + stdlib::formatTimestamp(v.asInt()) + "+00'";
    default:
      return std::nullopt;
  }
}

std::optional<std::string> mysqlLiteral(const Value& v, const DataType& type) {
  switch (type.id()) {
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return std::to_string(v.asInt());
    case TypeId::Double: {
      // MySQL cannot store NaN or infinities; FLOAT columns compare as doubles of their
      // rounded value, so only DOUBLE is pushed. The E0 makes the literal a double, not a
      // DECIMAL.
      const double d = v.asDouble();
      if (!std::isfinite(d)) return std::nullopt;
      std::string t = doubleText(d, false);
      if (t.find_first_of("eE") == std::string::npos) t += "E0";
      return t;
    }
    case TypeId::Decimal:
      return stdlib::decimalToString(v.asDecimal(), type.scale());
    case TypeId::String:
      // Hex with a charset introducer: nothing to escape (sql_mode cannot change how it
      // reads), and the column's collation decides the comparison as for a quoted literal.
      return "_utf8mb4 X'" + hexOf(v.asString()) + "'";
    case TypeId::Binary:
      return "X'" + hexOf(v.asString()) + "'";
    case TypeId::Date:
      if (!inLiteralRange(v.asInt())) return std::nullopt;
      return "DATE '" + stdlib::formatDate(v.asInt()) + "'";
    case TypeId::Timestamp:
      if (!inLiteralRange(stdlib::floorDiv(v.asInt(), stdlib::kMicrosPerDay))) return std::nullopt;
      return "TIMESTAMP '" + stdlib::formatTimestamp(v.asInt()) + "'";
    default:
      // Booleans: TINYINT(1) holds 2..127 too, which Spark reads as true; `= 1` would miss
      // them. Floats: see above.
      return std::nullopt;
  }
}

}  // namespace

std::string quoteJdbcIdentifier(JdbcDialect dialect, const std::string& name) {
  const char q = dialect == JdbcDialect::Postgres ? '"' : '`';
  std::string out(1, q);
  for (char c : name) {
    out.push_back(c);
    if (c == q) out.push_back(q);
  }
  out.push_back(q);
  return out;
}

std::optional<std::string> jdbcLiteral(JdbcDialect dialect, const Value& value,
                                       const DataType& type) {
  if (value.isNull()) return std::nullopt;
  return dialect == JdbcDialect::Postgres ? postgresLiteral(value, type)
                                          : mysqlLiteral(value, type);
}

std::optional<std::string> compileJdbcFilter(JdbcDialect dialect, const PushedFilter& f) {
  std::string column = quoteJdbcIdentifier(dialect, f.column);
  if (f.op == "isnull") return column + " IS NULL";
  if (f.op == "isnotnull") return column + " IS NOT NULL";
  if (f.op != "=" && f.op != "<" && f.op != "<=" && f.op != ">" && f.op != ">=")
    return std::nullopt;
  if (f.type->id() == TypeId::String) {
    // Spark orders strings by their bytes. PostgreSQL does too under the "C" collation;
    // MySQL's collations pad and fold case, so only `=` (which they can only widen) goes.
    if (dialect == JdbcDialect::Postgres)
      column = "(" + column + " COLLATE \"C\")";
    else if (f.op != "=")
      return std::nullopt;
  }
  auto literal = jdbcLiteral(dialect, f.literal, *f.type);
  if (!literal) return std::nullopt;
  return column + " " + f.op + " " + *literal;
}

std::string jdbcSelectSql(const JdbcOptions& options, const std::vector<std::string>& columns,
                          const std::vector<PushedFilter>& filters) {
  const JdbcDialect d = options.url.dialect;
  std::string sql = options.prepareQuery.empty() ? "" : options.prepareQuery + " ";
  sql += "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i)
    sql += (i ? ", " : "") + quoteJdbcIdentifier(d, columns[i]);
  if (columns.empty()) sql += "1";
  sql += " FROM " + options.relation();
  std::string where;
  for (const auto& f : filters)
    if (auto c = compileJdbcFilter(d, f)) where += (where.empty() ? "" : " AND ") + *c;
  if (!where.empty()) sql += " WHERE " + where;
  return sql;
}

}  // namespace sluice
