// Literal typing with Spark's rules: integers are int, then bigint, then decimal; `1.5` is an
// exact decimal; exponents make doubles; suffixes L/S/Y/D/F/BD pick the type.
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/functions/evaluate.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/interval.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace {

// Parses a non-negative decimal digit string into __int128; false on overflow (> 38 digits).
bool parseDigits(const std::string& s, __int128& out) {
  out = 0;
  if (s.empty() || s.size() > 38) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

ExprPtr Binder::Impl::bindLiteral(const ast::Expr& e) {
  using K = ast::LiteralKind;
  switch (e.literalKind) {
    case K::Null:
      return makeLiteral(Value(), DataType::null(), e.span);
    case K::Boolean:
      return makeLiteral(Value::boolean(asciiLower(e.text) == "true"), DataType::boolean(), e.span);
    case K::String:
      return makeLiteral(Value::bytes(e.text), DataType::string(), e.span);
    case K::Binary: {
      std::string hex = e.text, bytes;
      if (hex.size() % 2) hex = "0" + hex;
      for (size_t i = 0; i < hex.size(); i += 2) {
        auto nib = [&](char c) -> int {
          if (std::isdigit(static_cast<unsigned char>(c))) return c - '0';
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (c >= 'a' && c <= 'f') return c - 'a' + 10;
          fail("invalid hexadecimal digit '" + std::string(1, c) + "' in binary literal", e.span);
        };
        bytes += static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1]));
      }
      return makeLiteral(Value::bytes(bytes), DataType::binary(), e.span);
    }
    case K::Integer: {
      // The parser folds a leading '-' into the literal (`-1`), so -2147483648 is an int and
      // -9223372036854775808L a bigint, as in Spark.
      const bool neg = !e.text.empty() && e.text[0] == '-';
      __int128 v;
      const std::string& s = e.suffix;
      if (!parseDigits(neg ? e.text.substr(1) : e.text, v))
        fail("integer literal " + e.text + " is out of range", e.span);
      const __int128 magnitude = v;
      auto fits = [&](int64_t max) {
        return magnitude <= static_cast<__int128>(max) + (neg ? 1 : 0);
      };
      const size_t digits = e.text.size() - (neg ? 1 : 0);
      if (neg) v = -v;
      auto integral = [&](TypePtr t) {
        return makeLiteral(Value::integer(static_cast<int64_t>(v)), std::move(t), e.span);
      };
      if (s == "L") {
        if (!fits(std::numeric_limits<int64_t>::max()))
          fail("literal " + e.text + "L does not fit in bigint", e.span);
        return integral(DataType::bigint());
      }
      if (s == "S") {
        if (!fits(32767)) fail("literal " + e.text + "S does not fit in smallint", e.span);
        return integral(DataType::shortType());
      }
      if (s == "Y") {
        if (!fits(127)) fail("literal " + e.text + "Y does not fit in tinyint", e.span);
        return integral(DataType::byte());
      }
      if (s == "D" || s == "F")
        return makeLiteral(Value::real(static_cast<double>(v)),
                           s == "D" ? DataType::doubleType() : DataType::floatType(), e.span);
      if (s == "BD")
        return makeLiteral(Value::decimal(v),
                           DataType::decimal(std::max<int>(1, static_cast<int>(digits)), 0),
                           e.span);
      if (fits(std::numeric_limits<int32_t>::max())) return integral(DataType::integer());
      if (fits(std::numeric_limits<int64_t>::max())) return integral(DataType::bigint());
      return makeLiteral(Value::decimal(v), DataType::decimal(static_cast<int>(digits), 0), e.span);
    }
    case K::Decimal: {
      const std::string& t = e.text;
      const bool exp = t.find_first_of("eE") != std::string::npos;
      if (e.suffix == "D" || e.suffix == "F" || (exp && e.suffix != "BD")) {
        errno = 0;
        const double d = std::strtod(t.c_str(), nullptr);
        if (errno == ERANGE) fail("numeric literal " + t + " is out of range", e.span);
        return makeLiteral(Value::real(d),
                           e.suffix == "F" ? DataType::floatType() : DataType::doubleType(),
                           e.span);
      }
      // Exact decimal: digits around the point give precision and scale.
      const bool neg = !t.empty() && t[0] == '-';
      const std::string u = neg ? t.substr(1) : t;
      const size_t e10 = u.find_first_of("eE");
      const std::string mant = u.substr(0, e10);
      const size_t dot = mant.find('.');
      std::string intPart = dot == std::string::npos ? mant : mant.substr(0, dot);
      std::string frac = dot == std::string::npos ? "" : mant.substr(dot + 1);
      if (exp) {
        // 1.5E3BD is java.math.BigDecimal("1.5E3"): unscaled 15 at scale 1 - 3; Spark sets
        // a negative scale to 0 (1500, decimal(4, 0)), a positive one stays (1.5E-2 is
        // 0.015, decimal(3, 3)).
        errno = 0;
        const long long x = std::strtoll(u.c_str() + e10 + 1, nullptr, 10);
        if (errno == ERANGE || x > 76 || x < -76)
          fail("decimal literal " + t + " exceeds the maximum precision 38", e.span);
        std::string digits = intPart + frac;
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
        long long scale = static_cast<long long>(frac.size()) - x;
        if (scale < 0) {
          if (digits != "0") digits.append(static_cast<size_t>(-scale), '0');
          scale = 0;
        }
        __int128 v;
        if (digits.size() > 38 || scale > 38 || !parseDigits(digits, v))
          fail("decimal literal " + t + " exceeds the maximum precision 38", e.span);
        const int precision =
            std::max<int>(static_cast<int>(digits.size()), static_cast<int>(scale));
        return makeLiteral(Value::decimal(neg ? -v : v),
                           DataType::decimal(std::max(precision, 1), static_cast<int>(scale)),
                           e.span);
      }
      std::string digits = intPart + frac;
      while (digits.size() > 1 && digits[0] == '0' && digits.size() > frac.size())
        digits.erase(0, 1);
      __int128 v;
      if (!parseDigits(digits.empty() ? "0" : digits, v))
        fail("decimal literal " + t + " exceeds the maximum precision 38", e.span);
      const int scale = static_cast<int>(frac.size());
      const int precision = std::max<int>(static_cast<int>(digits.size()), scale);
      return makeLiteral(Value::decimal(neg ? -v : v),
                         DataType::decimal(std::max(precision, 1), scale), e.span);
    }
    case K::Timestamp:
      // TIMESTAMP_NTZ '...' (and TIMESTAMP '...' under spark.sql.timestampType NTZ): a wall
      // clock. The explicit form refuses a zone in the text; the bare form with one is the
      // TIMESTAMP_LTZ literal of that instant, as Spark's parser decides.
      if (e.suffix == "ntz" || (e.suffix.empty() && isNtz(timestampTypeSetting()))) {
        int64_t us;
        if (stdlib::parseTimestampNtz(e.text, &us, /*allowZone=*/false))
          return makeLiteral(Value::integer(us), timestampNtzType(), e.span);
        if (!e.suffix.empty() || !stdlib::parseTimestampNtz(e.text, &us))
          fail(
              "[INVALID_TYPED_LITERAL] The value of the typed literal \"TIMESTAMP_NTZ\" is "
              "invalid: '" +
                  e.text + "'",
              e.span);
      }
      [[fallthrough]];
    case K::Date: {
      const TypePtr to = e.literalKind == K::Date ? DataType::date() : DataType::timestamp();
      Value v = castValue(Value::bytes(e.text), *DataType::string(), *to, timeZone);
      if (v.isNull()) fail("invalid " + to->toString() + " literal '" + e.text + "'", e.span);
      return makeLiteral(v, to, e.span);
    }
    case K::Interval:
      return bindIntervalLiteral(e);
  }
  fail("unsupported literal", e.span);
}

// Spark 3.2+ interval literals: `INTERVAL '1-2' YEAR TO MONTH` and units that are all years /
// months give a year-month interval, `INTERVAL '1 02:03' DAY TO MINUTE` and units that are all
// days / hours / minutes / seconds a day-time interval (fields from the largest to the smallest
// unit written); anything else (weeks, milliseconds, a mix, a unitless string) the calendar
// interval.
ExprPtr Binder::Impl::bindIntervalLiteral(const ast::Expr& e) {
  const auto& parts = e.intervalParts;
  if (parts.size() == 1 && parts[0].unit.find(" to ") != std::string::npos) {
    const std::string& u = parts[0].unit;
    const std::string from = u.substr(0, u.find(" to ")), to = u.substr(u.find(" to ") + 4);
    const int ys = stdlib::ymFieldOf(from), ye = stdlib::ymFieldOf(to);
    const int ds = stdlib::dtFieldOf(from), de = stdlib::dtFieldOf(to);
    const std::string fields = asciiUpper(from) + " TO " + asciiUpper(to);
    if (ys >= 0 && ye > ys) {
      auto m = stdlib::parseYearMonthInterval(parts[0].value, ys, ye);
      if (!m)
        fail("[INVALID_INTERVAL_FORMAT] Interval string '" + parts[0].value +
                 "' does not match the year-month format `[+|-]y-m` of INTERVAL " + fields,
             e.span);
      return makeLiteral(Value::integer(*m), DataType::yearMonthInterval(ys, ye), e.span);
    }
    if (ds >= 0 && de > ds) {
      auto us = stdlib::parseDayTimeInterval(parts[0].value, ds, de);
      if (!us)
        fail("[INVALID_INTERVAL_FORMAT] Interval string '" + parts[0].value +
                 "' does not match the day-time format of INTERVAL " + fields +
                 " (`[+|-]d h:m:s.n` from its first to its last field)",
             e.span);
      return makeLiteral(Value::integer(*us), DataType::dayTimeInterval(ds, de), e.span);
    }
    fail("[INVALID_INTERVAL_FORMAT] INTERVAL " + fields +
             " is not an interval type (expected YEAR TO MONTH or DAY / HOUR / MINUTE TO HOUR / "
             "MINUTE / SECOND)",
         e.span);
  }
  const Interval calendar = parseInterval(e);
  int ymStart = 9, ymEnd = -1, dtStart = 9, dtEnd = -1;
  bool other = parts.empty();
  for (const auto& p : parts) {
    if (p.unit.empty()) other = true;
    if (const int f = stdlib::ymFieldOf(p.unit); f >= 0) {
      ymStart = std::min(ymStart, f), ymEnd = std::max(ymEnd, f);
    } else if (const int g = stdlib::dtFieldOf(p.unit); g >= 0) {
      dtStart = std::min(dtStart, g), dtEnd = std::max(dtEnd, g);
    } else {
      other = true;
    }
  }
  if (!other && dtEnd < 0)
    return makeLiteral(Value::integer(calendar.months), DataType::yearMonthInterval(ymStart, ymEnd),
                       e.span);
  if (!other && ymEnd < 0) {
    __int128 us = static_cast<__int128>(calendar.days) * stdlib::kMicrosPerDay + calendar.micros;
    if (us > INT64_MAX || us < INT64_MIN) fail("interval literal out of range", e.span);
    return makeLiteral(Value::integer(static_cast<int64_t>(us)),
                       DataType::dayTimeInterval(dtStart, dtEnd), e.span);
  }
  return makeLiteral(Value::interval(calendar), DataType::interval(), e.span);
}

Interval Binder::Impl::parseIntervalText(const std::string& text, SourceSpan span) {
  // "<n> <unit> [<n> <unit> ...]"; units singular or plural, case-insensitive.
  Interval out;
  size_t i = 0;
  bool any = false;
  const std::string s = asciiLower(text);
  auto skipSpace = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  if (s.rfind("interval", 0) == 0) i = 8;
  while (true) {
    skipSpace();
    if (i >= s.size()) break;
    const size_t numStart = i;
    if (s[i] == '-' || s[i] == '+') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    const std::string num = s.substr(numStart, i - numStart);
    skipSpace();
    const size_t unitStart = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = s.substr(unitStart, i - unitStart);
    if (num.empty() || num == "-" || num == "+" || unit.empty())
      fail("invalid interval '" + text +
               "': expected '<number> <unit>' pairs such as "
               "'10 minutes'",
           span);
    if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
    const double v = std::strtod(num.c_str(), nullptr);
    const bool fractional = num.find('.') != std::string::npos;
    auto whole = [&](const char* u) {
      if (fractional) fail("interval unit '" + std::string(u) + "' needs a whole number", span);
      return static_cast<int64_t>(v);
    };
    if (unit == "year")
      out.months += static_cast<int32_t>(whole("year") * 12);
    else if (unit == "month")
      out.months += static_cast<int32_t>(whole("month"));
    else if (unit == "week")
      out.days += static_cast<int32_t>(whole("week") * 7);
    else if (unit == "day")
      out.days += static_cast<int32_t>(whole("day"));
    else if (unit == "hour")
      out.micros += static_cast<int64_t>(v * 3600e6);
    else if (unit == "minute")
      out.micros += static_cast<int64_t>(v * 60e6);
    else if (unit == "second")
      out.micros += static_cast<int64_t>(v * 1e6);
    else if (unit == "millisecond")
      out.micros += static_cast<int64_t>(v * 1e3);
    else if (unit == "microsecond")
      out.micros += static_cast<int64_t>(v);
    else
      fail("unknown interval unit '" + unit +
               "' (expected year, month, week, day, hour, minute, "
               "second, millisecond or microsecond)",
           span);
    any = true;
  }
  if (!any) fail("empty interval '" + text + "'", span);
  return out;
}

Interval Binder::Impl::parseInterval(const ast::Expr& e) {
  std::string text;
  for (const auto& p : e.intervalParts) text += p.value + " " + p.unit + " ";
  return parseIntervalText(text, e.span);
}

int64_t Binder::Impl::constantInt(const ExprPtr& e, SourceSpan span, const char* what) {
  if (!e->foldable() || !e->type->isIntegral())
    fail(std::string(what) + " must be a constant integer, got " + e->toString(), span);
  Value v = evaluateConstant(e);
  if (v.isNull()) fail(std::string(what) + " must not be NULL", span);
  return v.asInt();
}

}  // namespace sluice
