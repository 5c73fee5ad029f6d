// castValue: Spark's non-ANSI CAST on constants (invalid input and overflow give NULL), and
// the Value helpers in value_ops.h.
#include <cmath>
#include <limits>

#include "planner/functions/evaluate.h"
#include "planner/functions/value_ops.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/interval.h"
#include "stdlib/strings.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace valueops {

namespace {
int cmp3(auto a, auto b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compareDouble(double a, double b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na && nb ? 0 : (na ? 1 : -1);
  return cmp3(a, b);  // -0.0 == 0.0 under <
}

int compareLists(const Value::List& a, const Value::List& b,
                 const std::function<const DataType&(size_t)>& typeAt) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const bool an = a[i].isNull(), bn = b[i].isNull();
    if (an || bn) {
      if (an && bn) continue;
      return an ? -1 : 1;
    }
    if (int c = compare(a[i], b[i], typeAt(i))) return c;
  }
  return cmp3(a.size(), b.size());
}
}  // namespace

int compare(const Value& a, const Value& b, const DataType& t) {
  switch (t.id()) {
    case TypeId::Null:
      return 0;
    case TypeId::Boolean:
      return cmp3(a.asBool(), b.asBool());
    case TypeId::Float:
    case TypeId::Double:
      return compareDouble(a.asDouble(), b.asDouble());
    case TypeId::Decimal:
      return cmp3(a.asDecimal(), b.asDecimal());
    case TypeId::String:
    case TypeId::Binary: {
      const int c = a.asString().compare(b.asString());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::Interval: {
      const auto& x = a.asInterval();
      const auto& y = b.asInterval();
      if (int c = cmp3(x.months, y.months)) return c;
      if (int c = cmp3(x.days, y.days)) return c;
      return cmp3(x.micros, y.micros);
    }
    case TypeId::Struct:
      return compareLists(a.asList(), b.asList(),
                          [&](size_t i) -> const DataType& { return *t.fields()[i].type; });
    case TypeId::Array:
      return compareLists(a.asList(), b.asList(),
                          [&](size_t) -> const DataType& { return *t.elementType(); });
    case TypeId::Map:
      return compareLists(a.asList(), b.asList(), [&](size_t i) -> const DataType& {
        return i % 2 ? *t.valueType() : *t.keyType();
      });
    default:
      return cmp3(a.asInt(), b.asInt());
  }
}

std::string castToString(const Value& v, const DataType& type, std::string_view zone) {
  if (v.isNull()) return "null";
  switch (type.id()) {
    case TypeId::Binary:
      return v.asString();
    case TypeId::Date:
      return stdlib::formatDate(v.asInt());
    case TypeId::Timestamp:  // TIMESTAMP_NTZ shows its wall clock as is
      return stdlib::formatTimestamp(v.asInt(),
                                     isNtz(type) ? stdlib::Zone::utc() : stdlib::Zone::of(zone));
    case TypeId::Struct: {
      std::string s = "{";
      const auto& l = v.asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        s += castToString(l[i], *type.fields()[i].type, zone);
      }
      return s + "}";
    }
    case TypeId::Array: {
      std::string s = "[";
      const auto& l = v.asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) s += ", ";
        s += castToString(l[i], *type.elementType(), zone);
      }
      return s + "]";
    }
    case TypeId::Map: {
      std::string s = "{";
      const auto& l = v.asList();
      for (size_t i = 0; i + 1 < l.size(); i += 2) {
        if (i) s += ", ";
        s += castToString(l[i], *type.keyType(), zone) + " -> " +
             castToString(l[i + 1], *type.valueType(), zone);
      }
      return s + "}";
    }
    default:
      return v.toString(type);
  }
}

int64_t wrapTo(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::Byte:
      return static_cast<int8_t>(v);
    case TypeId::Short:
      return static_cast<int16_t>(v);
    case TypeId::Int:
      return static_cast<int32_t>(v);
    default:
      return v;
  }
}

}  // namespace valueops

namespace {

using stdlib::int128;

// Java's (long) double: NaN -> 0, saturating.
int64_t doubleToLong(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// Java's (int) double, then narrowing to byte/short goes through int.
int64_t doubleToIntegral(double d, TypeId to) {
  if (to == TypeId::Long) return doubleToLong(d);
  int32_t i;
  if (std::isnan(d))
    i = 0;
  else if (d >= 2147483647.0)
    i = std::numeric_limits<int32_t>::max();
  else if (d <= -2147483648.0)
    i = std::numeric_limits<int32_t>::min();
  else
    i = static_cast<int32_t>(d);
  if (to == TypeId::Short) return static_cast<int16_t>(i);
  if (to == TypeId::Byte) return static_cast<int8_t>(i);
  return i;
}

// Spark's UTF8String.toLong/toInt: optional sign, digits, an optional fraction that is
// dropped; anything else (or overflow of the target type) gives NULL.
Value stringToIntegral(const std::string& s, TypeId to) {
  const std::string_view t = stdlib::trimWhitespace(s);
  if (t.empty()) return {};
  size_t i = 0;
  bool neg = false;
  if (t[0] == '+' || t[0] == '-') {
    neg = t[0] == '-';
    ++i;
  }
  if (i == t.size()) return {};
  int128 acc = 0;
  size_t digits = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
    acc = acc * 10 + (t[i] - '0');
    if (acc > (static_cast<int128>(1) << 64)) return {};
  }
  if (i < t.size() && t[i] == '.') {
    // The fraction is dropped but must be well formed.
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++digits;
  }
  if (i != t.size() || digits == 0) return {};
  if (neg) acc = -acc;
  const int128 lo = to == TypeId::Byte    ? INT8_MIN
                    : to == TypeId::Short ? INT16_MIN
                    : to == TypeId::Int   ? INT32_MIN
                                          : INT64_MIN;
  const int128 hi = to == TypeId::Byte    ? INT8_MAX
                    : to == TypeId::Short ? INT16_MAX
                    : to == TypeId::Int   ? INT32_MAX
                                          : INT64_MAX;
  if (acc < lo || acc > hi) return {};
  return Value::integer(static_cast<int64_t>(acc));
}

Value fromDecimalOpt(std::optional<int128> d) {
  return d ? Value::decimal(*d) : Value();
}

Value toDecimal(const Value& v, const DataType& from, const DataType& to) {
  const int p = to.precision(), s = to.scale();
  switch (from.id()) {
    case TypeId::Boolean:
      return fromDecimalOpt(stdlib::rescaleDecimal(v.asBool(), 0, s, p));
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return fromDecimalOpt(stdlib::rescaleDecimal(v.asInt(), 0, s, p));
    case TypeId::Float:
      return fromDecimalOpt(stdlib::doubleToDecimal(static_cast<float>(v.asDouble()), p, s));
    case TypeId::Double:
      return fromDecimalOpt(stdlib::doubleToDecimal(v.asDouble(), p, s));
    case TypeId::Decimal:
      return fromDecimalOpt(stdlib::rescaleDecimal(v.asDecimal(), from.scale(), s, p));
    case TypeId::String:
      return fromDecimalOpt(stdlib::parseDecimal(v.asString(), p, s));
    case TypeId::Timestamp:
      return fromDecimalOpt(
          stdlib::rescaleDecimal(v.asInt(), 6, s, p));  // seconds with micro fraction
    default:
      return {};
  }
}

// The unit (months or micros) of one field of an ANSI interval type.
int64_t fieldUnit(const DataType& t, int field) {
  if (t.id() == TypeId::YearMonthInterval) return field == 0 ? 12 : 1;
  static const int64_t dt[] = {stdlib::kMicrosPerDay, stdlib::kMicrosPerHour,
                               stdlib::kMicrosPerMinute, stdlib::kMicrosPerSecond};
  return dt[field];
}

Value toIntegral(const Value& v, const DataType& from, TypeId to) {
  switch (from.id()) {
    case TypeId::Boolean:
      return Value::integer(v.asBool() ? 1 : 0);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return Value::integer(valueops::wrapTo(to, v.asInt()));
    case TypeId::Float:
    case TypeId::Double:
      return Value::integer(doubleToIntegral(v.asDouble(), to));
    case TypeId::Decimal:
      return Value::integer(
          valueops::wrapTo(to, stdlib::decimalToLong(v.asDecimal(), from.scale())));
    case TypeId::String:
      return stringToIntegral(v.asString(), to);
    case TypeId::Timestamp:
      return Value::integer(
          valueops::wrapTo(to, stdlib::floorDiv(v.asInt(), stdlib::kMicrosPerSecond)));
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      // A single-field interval as a count of its unit (truncated toward zero).
      return Value::integer(
          valueops::wrapTo(to, v.asInt() / fieldUnit(from, from.intervalStart())));
    default:
      return {};  // date -> numeric is NULL in Spark
  }
}

Value toFractional(const Value& v, const DataType& from, bool isFloat) {
  double d;
  switch (from.id()) {
    case TypeId::Boolean:
      d = v.asBool() ? 1 : 0;
      break;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      d = static_cast<double>(v.asInt());
      break;
    case TypeId::Float:
    case TypeId::Double:
      d = v.asDouble();
      break;
    case TypeId::Decimal:
      d = stdlib::decimalToDouble(v.asDecimal(), from.scale());
      break;
    case TypeId::String: {
      auto r = stdlib::parseDouble(v.asString());
      if (!r) return {};
      d = *r;
      break;
    }
    case TypeId::Timestamp:
      d = static_cast<double>(v.asInt()) / 1e6;
      break;
    default:
      return {};
  }
  return Value::real(isFloat ? static_cast<double>(static_cast<float>(d)) : d);
}

// Casts into or out of TIMESTAMP_NTZ among timestamps, dates and text (Spark allows no
// others): NTZ <-> LTZ through the session zone's wall clock.
Value ntzCast(const Value& v, const DataType& from, const DataType& to, const stdlib::Zone& zone) {
  int64_t us;
  switch (from.id()) {
    case TypeId::String:
      return stdlib::parseTimestampNtz(v.asString(), &us) ? Value::integer(us) : Value();
    case TypeId::Date:
      return Value::integer(v.asInt() * stdlib::kMicrosPerDay);
    case TypeId::Timestamp:
      return Value::integer(isNtz(to) ? zone.toLocal(v.asInt()) : zone.toUtc(v.asInt()));
    default:
      return {};
  }
}

Value toTimestamp(const Value& v, const DataType& from, const stdlib::Zone& zone) {
  switch (from.id()) {
    case TypeId::String: {
      int64_t us;
      return stdlib::parseTimestamp(v.asString(), &us, zone) ? Value::integer(us) : Value();
    }
    case TypeId::Date:
      return Value::integer(stdlib::startOfDay(v.asInt(), zone));
    case TypeId::Boolean:
      return Value::integer(v.asBool() ? 1 : 0);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long: {
      // Spark saturates seconds -> micros.
      int64_t out;
      if (__builtin_mul_overflow(v.asInt(), stdlib::kMicrosPerSecond, &out))
        out = v.asInt() < 0 ? INT64_MIN : INT64_MAX;
      return Value::integer(out);
    }
    case TypeId::Float:
    case TypeId::Double: {
      const double d = v.asDouble();
      if (!std::isfinite(d)) return {};
      return Value::integer(doubleToLong(d * 1e6));
    }
    case TypeId::Decimal: {
      auto us = stdlib::rescaleDecimal(v.asDecimal(), from.scale(), 6, 38);
      if (!us || *us > INT64_MAX || *us < INT64_MIN) return {};
      // Spark truncates the fraction below microseconds; rescale rounded, good enough.
      return Value::integer(static_cast<int64_t>(*us));
    }
    default:
      return {};
  }
}

// Into an ANSI interval: text in the type's form, another interval of the kind (cut to the
// target's end field), or an integer count of a single-field interval's unit.
Value toAnsiInterval(const Value& v, const DataType& from, const DataType& to) {
  const bool ym = to.id() == TypeId::YearMonthInterval;
  if (from.id() == TypeId::String) {
    if (ym) {
      auto m = stdlib::parseYearMonthInterval(v.asString(), to.intervalStart(), to.intervalEnd());
      return m ? Value::integer(*m) : Value();
    }
    auto us = stdlib::parseDayTimeInterval(v.asString(), to.intervalStart(), to.intervalEnd());
    return us ? Value::integer(*us) : Value();
  }
  if (from.id() == to.id()) {
    const int64_t unit = fieldUnit(to, to.intervalEnd());
    return Value::integer(v.asInt() - v.asInt() % unit);
  }
  if (from.isIntegral()) {
    int64_t out;
    if (__builtin_mul_overflow(v.asInt(), fieldUnit(to, to.intervalStart()), &out)) return {};
    if (ym && (out > INT32_MAX || out < INT32_MIN)) return {};
    return Value::integer(out);
  }
  return {};
}

Value castList(const Value& v, const std::function<Value(size_t, const Value&)>& each) {
  Value::List out;
  const auto& l = v.asList();
  out.reserve(l.size());
  for (size_t i = 0; i < l.size(); ++i) out.push_back(l[i].isNull() ? Value() : each(i, l[i]));
  return Value::list(std::move(out));
}

}  // namespace

Value castValue(const Value& v, const DataType& from, const DataType& to, std::string_view zone) {
  if (v.isNull()) return {};
  if (from.equals(to) && !to.isComplex()) return v;
  switch (to.id()) {
    case TypeId::Null:
      return {};
    case TypeId::String:
      if (from.id() == TypeId::String) return v;
      return Value::bytes(valueops::castToString(v, from, zone));
    case TypeId::Binary:
      if (from.id() == TypeId::String || from.id() == TypeId::Binary)
        return Value::bytes(v.asString());
      if (from.isIntegral()) {
        // Big-endian bytes of the integral type's width.
        const int width = from.id() == TypeId::Byte    ? 1
                          : from.id() == TypeId::Short ? 2
                          : from.id() == TypeId::Int   ? 4
                                                       : 8;
        std::string out(static_cast<size_t>(width), '\0');
        uint64_t x = static_cast<uint64_t>(v.asInt());
        for (int i = width - 1; i >= 0; --i, x >>= 8)
          out[static_cast<size_t>(i)] = static_cast<char>(x & 0xff);
        return Value::bytes(out);
      }
      return {};
    case TypeId::Boolean:
      switch (from.id()) {
        case TypeId::String: {
          auto b = stdlib::parseBoolean(v.asString());
          return b ? Value::boolean(*b) : Value();
        }
        case TypeId::Float:
        case TypeId::Double:
          return Value::boolean(v.asDouble() != 0);
        case TypeId::Decimal:
          return Value::boolean(v.asDecimal() != 0);
        case TypeId::Timestamp:
          return Value::boolean(v.asInt() != 0);
        case TypeId::Date:
          return {};
        default:
          return from.isIntegral() ? Value::boolean(v.asInt() != 0) : Value();
      }
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      return toIntegral(v, from, to.id());
    case TypeId::Float:
      return toFractional(v, from, true);
    case TypeId::Double:
      return toFractional(v, from, false);
    case TypeId::Decimal:
      return toDecimal(v, from, to);
    case TypeId::Date:
      if (from.id() == TypeId::String) {
        int64_t d;
        return stdlib::parseDate(v.asString(), &d) ? Value::integer(d) : Value();
      }
      if (from.id() == TypeId::Timestamp)
        return Value::integer(stdlib::localDateOf(
            v.asInt(), isNtz(from) ? stdlib::Zone::utc() : stdlib::Zone::of(zone)));
      return {};
    case TypeId::Timestamp:
      if (isNtz(to) || isNtz(from)) return ntzCast(v, from, to, stdlib::Zone::of(zone));
      return toTimestamp(v, from, stdlib::Zone::of(zone));
    case TypeId::Interval: {
      if (from.id() != TypeId::String) return {};
      auto iv = stdlib::parseInterval(v.asString());
      return iv ? Value::interval({iv->months, iv->days, iv->micros}) : Value();
    }
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return toAnsiInterval(v, from, to);
    case TypeId::Array:
      if (from.id() != TypeId::Array) return {};
      return castList(v, [&](size_t, const Value& e) {
        return castValue(e, *from.elementType(), *to.elementType(), zone);
      });
    case TypeId::Map:
      if (from.id() != TypeId::Map) return {};
      return castList(v, [&](size_t i, const Value& e) {
        return i % 2 ? castValue(e, *from.valueType(), *to.valueType(), zone)
                     : castValue(e, *from.keyType(), *to.keyType(), zone);
      });
    case TypeId::Struct:
      if (from.id() != TypeId::Struct || from.fields().size() != to.fields().size()) return {};
      return castList(v, [&](size_t i, const Value& e) {
        return castValue(e, *from.fields()[i].type, *to.fields()[i].type, zone);
      });
  }
  return {};
}

}  // namespace sluice
