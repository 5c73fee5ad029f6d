#include "planner/sources/file_source_values.h"

#include <cmath>
#include <cstring>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_storage.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace {

std::optional<stdlib::DateTimePattern> compilePattern(const std::optional<std::string>& p,
                                                      const char* option) {
  if (!p) return std::nullopt;
  std::string error;
  auto compiled = stdlib::DateTimePattern::compile(*p, &error);
  if (!compiled)
    throw AnalysisError("option " + std::string(option) + " '" + *p + "' is not a valid " +
                        "datetime pattern: " + error);
  return compiled;
}

StringView copyString(std::string_view s, StringArena& arena) {
  if (s.empty()) return StringView{nullptr, 0};
  char* p = arena.allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return StringView{p, static_cast<int64_t>(s.size())};
}

}  // namespace

bool parseStrictIntegral(std::string_view s, int64_t lo, int64_t hi, int64_t* out) {
  size_t i = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return false;
  // Accumulate negatively so INT64_MIN parses without overflow.
  int64_t acc = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    const int d = c - '0';
    if (acc < (INT64_MIN + d) / 10) return false;
    acc = acc * 10 - d;
  }
  if (!neg) {
    if (acc == INT64_MIN) return false;
    acc = -acc;
  }
  if (acc < lo || acc > hi) return false;
  *out = acc;
  return true;
}

TextValueParser::TextValueParser(const FileSourceOptions& options)
    : options_(options),
      timestampPattern_(compilePattern(options.timestampFormat, "timestampFormat")),
      datePattern_(compilePattern(options.dateFormat, "dateFormat")) {}

bool TextValueParser::parseTimestamp(std::string_view s, int64_t* micros) const {
  if (timestampPattern_) return timestampPattern_->parse(s, micros);
  return stdlib::parseTimestamp(s, micros);
}

bool TextValueParser::parseDate(std::string_view s, int32_t* days) const {
  int64_t d = 0;
  if (datePattern_) {
    int64_t micros = 0;
    if (!datePattern_->parse(s, &micros)) return false;
    d = stdlib::floorDiv(micros, stdlib::kMicrosPerDay);
  } else if (!stdlib::parseDate(s, &d)) {
    return false;
  }
  if (d < INT32_MIN || d > INT32_MAX) return false;
  *days = static_cast<int32_t>(d);
  return true;
}

bool TextValueParser::parseDateStrict(std::string_view s, int32_t* days) const {
  if (datePattern_) return parseDate(s, days);
  // yyyy-[M]M-[d]d only: the lenient parse also takes `2020` and `2020-01-01 anything`,
  // which would turn years and timestamps into dates during inference.
  const size_t d1 = s.find('-', 1);
  if (d1 == std::string_view::npos || d1 < 4) return false;
  const size_t d2 = s.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (i != d1 && i != d2 && !(s[i] >= '0' && s[i] <= '9') && !(i == 0 && s[i] == '-'))
      return false;
  return parseDate(s, days);
}

bool TextValueParser::parseDouble(std::string_view s, double* out) const {
  if (s == options_.nanValue) {
    *out = NAN;
    return true;
  }
  if (s == options_.positiveInf) {
    *out = HUGE_VAL;
    return true;
  }
  if (s == options_.negativeInf) {
    *out = -HUGE_VAL;
    return true;
  }
  auto d = stdlib::parseDouble(s);
  if (!d) return false;
  *out = *d;
  return true;
}

bool TextValueParser::parse(std::string_view s, const DataType& type, Slot& out,
                            StringArena& arena) const {
  int64_t i = 0;
  switch (type.id()) {
    case TypeId::Null:
      return false;
    case TypeId::Boolean:
      if (equalsIgnoreCase(s, "true")) return putSlot<uint8_t>(out, 1), true;
      if (equalsIgnoreCase(s, "false")) return putSlot<uint8_t>(out, 0), true;
      return false;
    case TypeId::Byte:
      if (!parseStrictIntegral(s, INT8_MIN, INT8_MAX, &i)) return false;
      return putSlot(out, static_cast<int8_t>(i)), true;
    case TypeId::Short:
      if (!parseStrictIntegral(s, INT16_MIN, INT16_MAX, &i)) return false;
      return putSlot(out, static_cast<int16_t>(i)), true;
    case TypeId::Int:
      if (!parseStrictIntegral(s, INT32_MIN, INT32_MAX, &i)) return false;
      return putSlot(out, static_cast<int32_t>(i)), true;
    case TypeId::Long:
      if (!parseStrictIntegral(s, INT64_MIN, INT64_MAX, &i)) return false;
      return putSlot(out, i), true;
    case TypeId::Float:
    case TypeId::Double: {
      double d = 0;
      if (!parseDouble(s, &d)) return false;
      if (type.id() == TypeId::Float) return putSlot(out, static_cast<float>(d)), true;
      return putSlot(out, d), true;
    }
    case TypeId::Decimal: {
      // Spark's CSV decimal parser drops grouping commas before BigDecimal parses the rest.
      std::string plain;
      for (char c : s)
        if (c != ',') plain += c;
      if (stdlib::trimWhitespace(plain).size() != plain.size()) return false;
      auto v = stdlib::parseDecimal(plain, type.precision(), type.scale());
      if (!v) return false;
      if (storageOf(type) == Storage::I64) return putSlot(out, static_cast<int64_t>(*v)), true;
      return putSlot(out, *v), true;
    }
    case TypeId::String:
    case TypeId::Binary:
      return putSlot(out, copyString(s, arena)), true;
    case TypeId::Date: {
      int32_t d = 0;
      if (!parseDate(s, &d)) return false;
      return putSlot(out, d), true;
    }
    case TypeId::Timestamp: {
      int64_t us = 0;
      // TIMESTAMP_NTZ without a pattern: a wall clock; text with a zone is malformed.
      const bool ok = isNtz(type) && !timestampPattern_
                          ? stdlib::parseTimestampNtz(s, &us, /*allowZone=*/false)
                          : parseTimestamp(s, &us);
      if (!ok) return false;
      return putSlot(out, us), true;
    }
    case TypeId::Interval:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      return false;
  }
  return false;
}

}  // namespace sluice
