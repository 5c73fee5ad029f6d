#include "planner/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace sluice {

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

std::string int128ToString(__int128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string s;
  while (u) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string quoteSql(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string formatDate(int64_t days) {
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string formatTimestamp(int64_t micros) {
  int64_t days = micros / 86400000000LL;
  int64_t rem = micros % 86400000000LL;
  if (rem < 0) {
    rem += 86400000000LL;
    --days;
  }
  const int64_t secs = rem / 1000000, frac = rem % 1000000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %02lld:%02lld:%02lld", formatDate(days).c_str(),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  std::string out = buf;
  if (frac) {
    char f[8];
    std::snprintf(f, sizeof f, "%06lld", static_cast<long long>(frac));
    std::string fs = f;
    while (!fs.empty() && fs.back() == '0') fs.pop_back();
    out += "." + fs;
  }
  return out;
}

std::string formatDecimal(__int128 unscaled, int scale) {
  std::string digits = int128ToString(unscaled < 0 ? -unscaled : unscaled);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale)
      digits.insert(0, static_cast<size_t>(scale) - digits.size() + 1, '0');
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return (unscaled < 0 ? "-" : "") + digits;
}

std::string formatInterval(const Interval& i) {
  std::string out;
  auto add = [&](int64_t v, const char* unit) {
    if (!v) return;
    if (!out.empty()) out += " ";
    out += std::to_string(v) + " " + unit;
  };
  add(i.months / 12, "years");
  add(i.months % 12, "months");
  add(i.days, "days");
  const int64_t h = i.micros / 3600000000LL, mi = i.micros / 60000000LL % 60;
  add(h, "hours");
  add(mi, "minutes");
  const int64_t us = i.micros % 60000000LL;
  if (us) {
    if (!out.empty()) out += " ";
    out += formatDecimal(us, 6);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    out += " seconds";
  }
  return out.empty() ? "0 seconds" : out;
}

std::string formatDouble(double v, bool isFloat) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = isFloat ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v))
                     : std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  const double a = std::fabs(v);
  // Java prints plain notation in [1e-3, 1e7) and computerized scientific outside it.
  if (a >= 1e-3 && a < 1e7) {
    if (s.find('e') != std::string::npos) {
      res = isFloat ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v),
                                    std::chars_format::fixed)
                    : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
      s.assign(buf, res.ptr);
    }
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
  }
  res = isFloat ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v),
                                std::chars_format::scientific)
                : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  s.assign(buf, res.ptr);
  const size_t e = s.find('e');
  std::string mant = s.substr(0, e), ex = s.substr(e + 1);
  if (mant.find('.') == std::string::npos) mant += ".0";
  if (ex[0] == '+') ex.erase(0, 1);
  const bool negExp = ex[0] == '-';
  if (negExp) ex.erase(0, 1);
  while (ex.size() > 1 && ex[0] == '0') ex.erase(0, 1);
  return mant + "E" + (negExp ? "-" : "") + ex;
}

std::string Value::toString(const DataType& type) const {
  if (isNull()) return "NULL";
  switch (type.id()) {
    case TypeId::Null: return "NULL";
    case TypeId::Boolean: return asBool() ? "true" : "false";
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long: return std::to_string(asInt());
    case TypeId::Float: return formatDouble(asDouble(), true);
    case TypeId::Double: return formatDouble(asDouble(), false);
    case TypeId::Decimal: return formatDecimal(asDecimal(), type.scale());
    case TypeId::String: return asString();
    case TypeId::Binary: return "[" + hex(asString()) + "]";
    case TypeId::Date: return formatDate(asInt());
    case TypeId::Timestamp: return formatTimestamp(asInt());
    case TypeId::Interval: return formatInterval(asInterval());
    case TypeId::Struct: {
      std::string s = "{";
      const auto& l = asList();
      for (size_t i = 0; i < l.size() && i < type.fields().size(); ++i) {
        if (i) s += ", ";
        s += l[i].toString(*type.fields()[i].type);
      }
      return s + "}";
    }
    case TypeId::Array: {
      std::string s = "[";
      const auto& l = asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        s += l[i].toString(*type.elementType());
      }
      return s + "]";
    }
    case TypeId::Map: {
      std::string s = "{";
      const auto& l = asList();
      for (size_t i = 0; i + 1 < l.size(); i += 2) {
        if (i) s += ", ";
        s += l[i].toString(*type.keyType()) + " -> " + l[i + 1].toString(*type.valueType());
      }
      return s + "}";
    }
  }
  return "?";
}

std::string Value::toSqlLiteral(const DataType& type) const {
  if (isNull()) return "null";
  switch (type.id()) {
    case TypeId::Byte: return std::to_string(asInt()) + "Y";
    case TypeId::Short: return std::to_string(asInt()) + "S";
    case TypeId::Long: return std::to_string(asInt()) + "L";
    case TypeId::Double: return formatDouble(asDouble(), false) + "D";
    case TypeId::Float: return formatDouble(asDouble(), true) + "F";
    case TypeId::Decimal: return formatDecimal(asDecimal(), type.scale()) + "BD";
    case TypeId::String: return quoteSql(asString());
    case TypeId::Binary: return "X'" + hex(asString()) + "'";
    case TypeId::Date: return "DATE '" + formatDate(asInt()) + "'";
    case TypeId::Timestamp: return "TIMESTAMP '" + formatTimestamp(asInt()) + "'";
    case TypeId::Interval: return "INTERVAL '" + formatInterval(asInterval()) + "'";
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map: {
      std::string s = type.id() == TypeId::Array ? "array(" : type.id() == TypeId::Map ? "map(" : "struct(";
      const auto& l = asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        const DataType& et = type.id() == TypeId::Array ? *type.elementType()
                             : type.id() == TypeId::Map ? (i % 2 ? *type.valueType() : *type.keyType())
                                                        : *type.fields()[i].type;
        s += l[i].toSqlLiteral(et);
      }
      return s + ")";
    }
    default: return toString(type);
  }
}

bool Value::operator==(const Value& o) const {
  if (rep_.index() != o.rep_.index()) return false;
  if (auto* l = std::get_if<std::shared_ptr<const List>>(&rep_))
    return **l == *std::get<std::shared_ptr<const List>>(o.rep_);
  return rep_ == o.rep_;
}

}  // namespace sluice
