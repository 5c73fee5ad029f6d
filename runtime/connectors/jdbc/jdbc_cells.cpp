#include "runtime/connectors/jdbc/jdbc_cells.h"

#include <charconv>
#include <cstring>

#include "planner/sources/file_source_values.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"

namespace sluice {
namespace {

int hexValue(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

bool setBoolean(std::string_view t, CellKind kind, size_t c, ColumnBatchBuilder& out) {
  bool v = false;
  switch (kind) {
    case CellKind::PgBool:
      if (t != "t" && t != "f") return false;
      v = t == "t";
      break;
    case CellKind::BitBool:
      if (t.size() != 1) return false;
      v = t[0] != 0;
      break;
    default: {
      // TINYINT(1) (and text under customSchema BOOLEAN): a number, non-zero is true.
      if (t == "true" || t == "false") {
        v = t == "true";
        break;
      }
      int64_t n = 0;
      if (!parseStrictIntegral(t, INT64_MIN, INT64_MAX, &n)) return false;
      v = n != 0;
    }
  }
  out.set<uint8_t>(c, v ? 1 : 0);
  return true;
}

bool setIntegral(std::string_view t, TypeId id, size_t c, ColumnBatchBuilder& out) {
  int64_t n = 0;
  switch (id) {
    case TypeId::Byte:
      if (!parseStrictIntegral(t, INT8_MIN, INT8_MAX, &n)) return false;
      out.set<int8_t>(c, static_cast<int8_t>(n));
      return true;
    case TypeId::Short:
      if (!parseStrictIntegral(t, INT16_MIN, INT16_MAX, &n)) return false;
      out.set<int16_t>(c, static_cast<int16_t>(n));
      return true;
    case TypeId::Int:
      if (!parseStrictIntegral(t, INT32_MIN, INT32_MAX, &n)) return false;
      out.set<int32_t>(c, static_cast<int32_t>(n));
      return true;
    default:
      if (!parseStrictIntegral(t, INT64_MIN, INT64_MAX, &n)) return false;
      out.set<int64_t>(c, n);
      return true;
  }
}

template <typename F>
bool setFloating(std::string_view t, size_t c, ColumnBatchBuilder& out) {
  // from_chars takes nan / inf / infinity in any case (PostgreSQL prints NaN, Infinity) but
  // no leading '+'.
  F v{};
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) return false;
  out.set<F>(c, v);
  return true;
}

bool setBinary(std::string_view t, CellKind kind, size_t c, ColumnBatchBuilder& out) {
  if (kind != CellKind::PgBytea) {
    out.setString(c, t);
    return true;
  }
  if (t.size() < 2 || t[0] != '\\' || t[1] != 'x' || t.size() % 2) return false;
  std::string bytes;
  bytes.reserve(t.size() / 2 - 1);
  for (size_t i = 2; i < t.size(); i += 2) {
    const int hi = hexValue(t[i]), lo = hexValue(t[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  out.setString(c, bytes);
  return true;
}

}  // namespace

bool setJdbcCell(const JdbcCell& cell, CellKind kind, const DataType& type, size_t c,
                 ColumnBatchBuilder& out) {
  if (cell.null) {
    out.setNull(c);
    return true;
  }
  const std::string_view t = cell.text();
  switch (type.id()) {
    case TypeId::Boolean:
      return setBoolean(t, kind, c, out);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return setIntegral(t, type.id(), c, out);
    case TypeId::Float:
      return setFloating<float>(t, c, out);
    case TypeId::Double:
      return setFloating<double>(t, c, out);
    case TypeId::Decimal: {
      // Spark's JDBC read: the server's value rounded HALF_UP to the column's scale, an
      // error when it needs more digits than its precision.
      auto v = stdlib::parseDecimal(t, type.precision(), type.scale());
      if (!v) return false;
      if (type.precision() <= kMaxLongDecimalDigits)
        out.set<int64_t>(c, static_cast<int64_t>(*v));
      else
        out.set<__int128>(c, *v);
      return true;
    }
    case TypeId::String:
      out.setString(c, t);
      return true;
    case TypeId::Binary:
      return setBinary(t, kind, c, out);
    case TypeId::Date: {
      // ISO dates only: `infinity`, BC dates and MySQL's zero date are errors, not guesses.
      int64_t days = 0;
      if (t.size() < 4 || t.find(' ') != std::string_view::npos || t.rfind("0000", 0) == 0 ||
          !stdlib::parseDate(t, &days))
        return false;
      out.set<int32_t>(c, static_cast<int32_t>(days));
      return true;
    }
    case TypeId::Timestamp: {
      int64_t micros = 0;
      if (t.rfind("0000", 0) == 0 || t.find(" BC") != std::string_view::npos ||
          !stdlib::parseTimestamp(t, &micros))
        return false;
      out.set<int64_t>(c, micros);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace sluice
