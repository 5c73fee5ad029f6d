#include "planner/value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "frontend/ast_printer.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/interval.h"

namespace sluice {
namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

}  // namespace

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
    out += stdlib::decimalToString(us, 6);
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

std::string Value::toString(const DataType& type, std::string_view zone) const {
  if (isNull()) return "NULL";
  switch (type.id()) {
    case TypeId::Null:
      return "NULL";
    case TypeId::Boolean:
      return asBool() ? "true" : "false";
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return std::to_string(asInt());
    case TypeId::Float:
      return formatDouble(asDouble(), true);
    case TypeId::Double:
      return formatDouble(asDouble(), false);
    case TypeId::Decimal:
      return stdlib::decimalToString(asDecimal(), type.scale());
    case TypeId::String:
      return asString();
    case TypeId::Binary:
      return "[" + hex(asString()) + "]";
    case TypeId::Date:
      return stdlib::formatDate(asInt());
    case TypeId::Timestamp:  // TIMESTAMP_NTZ shows its wall clock whatever the zone
      return stdlib::formatTimestamp(asInt(),
                                     isNtz(type) ? stdlib::Zone::utc() : stdlib::Zone::of(zone));
    case TypeId::Interval:
      return formatInterval(asInterval());
    case TypeId::YearMonthInterval:
      return stdlib::formatYearMonthInterval(static_cast<int32_t>(asInt()), type.intervalStart(),
                                             type.intervalEnd());
    case TypeId::DayTimeInterval:
      return stdlib::formatDayTimeInterval(asInt(), type.intervalStart(), type.intervalEnd());
    case TypeId::Struct: {
      std::string s = "{";
      const auto& l = asList();
      for (size_t i = 0; i < l.size() && i < type.fields().size(); ++i) {
        if (i) s += ", ";
        s += l[i].toString(*type.fields()[i].type, zone);
      }
      return s + "}";
    }
    case TypeId::Array: {
      std::string s = "[";
      const auto& l = asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        s += l[i].toString(*type.elementType(), zone);
      }
      return s + "]";
    }
    case TypeId::Map: {
      std::string s = "{";
      const auto& l = asList();
      for (size_t i = 0; i + 1 < l.size(); i += 2) {
        if (i) s += ", ";
        s += l[i].toString(*type.keyType(), zone) + " -> " +
             l[i + 1].toString(*type.valueType(), zone);
      }
      return s + "}";
    }
  }
  return "?";
}

std::string Value::toSqlLiteral(const DataType& type) const {
  if (isNull()) return "null";
  switch (type.id()) {
    case TypeId::Byte:
      return std::to_string(asInt()) + "Y";
    case TypeId::Short:
      return std::to_string(asInt()) + "S";
    case TypeId::Long:
      return std::to_string(asInt()) + "L";
    case TypeId::Double:
      return formatDouble(asDouble(), false) + "D";
    case TypeId::Float:
      return formatDouble(asDouble(), true) + "F";
    case TypeId::Decimal:
      return stdlib::decimalToString(asDecimal(), type.scale()) + "BD";
    case TypeId::String:
      return quoteString(asString());
    case TypeId::Binary:
      return "X'" + hex(asString()) + "'";
    case TypeId::Date:
      return "DATE '" + stdlib::formatDate(asInt()) + "'";
    case TypeId::Timestamp:
      return (isNtz(type) ? "TIMESTAMP_NTZ '" : "TIMESTAMP '") + stdlib::formatTimestamp(asInt()) +
             "'";
    case TypeId::Interval:
      return "INTERVAL '" + formatInterval(asInterval()) + "'";
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return toString(type);
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map: {
      std::string s = type.id() == TypeId::Array ? "array("
                      : type.id() == TypeId::Map ? "map("
                                                 : "struct(";
      const auto& l = asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        const DataType& et = type.id() == TypeId::Array ? *type.elementType()
                             : type.id() == TypeId::Map
                                 ? (i % 2 ? *type.valueType() : *type.keyType())
                                 : *type.fields()[i].type;
        s += l[i].toSqlLiteral(et);
      }
      return s + ")";
    }
    default:
      return toString(type);
  }
}

bool Value::operator==(const Value& o) const {
  if (rep_.index() != o.rep_.index()) return false;
  if (auto* l = std::get_if<std::shared_ptr<const List>>(&rep_))
    return **l == *std::get<std::shared_ptr<const List>>(o.rep_);
  return rep_ == o.rep_;
}

}  // namespace sluice
