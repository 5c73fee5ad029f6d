#include "stdlib/interval.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "stdlib/strings.h"

namespace sluice::stdlib {
namespace {

constexpr int64_t kUsSecond = 1000000, kUsMinute = 60 * kUsSecond, kUsHour = 60 * kUsMinute,
                  kUsDay = 24 * kUsHour;

std::string upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string fieldsText(const char* (*name)(int), int start, int end) {
  std::string s = upper(name(start));
  if (end != start) s += " TO " + upper(name(end));
  return s;
}

std::string_view trimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// `INTERVAL '<v>' <fields>` (fields as the type's, case-insensitive) -> `<v>`; other text as is.
std::optional<std::string_view> literalValue(std::string_view s, const std::string& fields) {
  s = trimView(s);
  if (s.size() < 8 || !equalsIgnoreCase(s.substr(0, 8), "interval")) return s;
  s = trimView(s.substr(8));
  if (s.empty() || (s[0] != '\'' && s[0] != '"')) return std::nullopt;
  const size_t close = s.find(s[0], 1);
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view value = s.substr(1, close - 1);
  // The fields must be the type's (spaces between words may vary).
  std::string rest;
  for (char c : s.substr(close + 1))
    if (!std::isspace(static_cast<unsigned char>(c))) rest += static_cast<char>(std::toupper(c));
  std::string want;
  for (char c : fields)
    if (c != ' ') want += c;
  if (rest != want) return std::nullopt;
  return value;
}

bool digits(std::string_view s, size_t& i, int64_t* v, int maxDigits = 18) {
  const size_t start = i;
  int64_t acc = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (static_cast<int>(i - start) >= maxDigits) return false;
    acc = acc * 10 + (s[i++] - '0');
  }
  *v = acc;
  return i > start;
}

// The fraction after a '.' as micros (at most 9 digits, truncated to 6).
bool fraction(std::string_view s, size_t& i, int64_t* micros) {
  *micros = 0;
  if (i >= s.size() || s[i] != '.') return true;
  ++i;
  int n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (n >= 9) return false;
    if (n < 6) *micros = *micros * 10 + (s[i] - '0');
    ++n;
    ++i;
  }
  for (int k = std::min(n, 6); k < 6; ++k) *micros *= 10;
  return true;
}

}  // namespace

const char* ymFieldName(int field) {
  return field == kYear ? "year" : "month";
}

const char* dtFieldName(int field) {
  switch (field) {
    case kDay:
      return "day";
    case kHour:
      return "hour";
    case kMinute:
      return "minute";
    default:
      return "second";
  }
}

int ymFieldOf(std::string_view unit) {
  std::string u = asciiLower(unit);
  if (u.size() > 1 && u.back() == 's') u.pop_back();
  if (u == "year") return kYear;
  if (u == "month") return kMonth;
  return -1;
}

int dtFieldOf(std::string_view unit) {
  std::string u = asciiLower(unit);
  if (u.size() > 1 && u.back() == 's') u.pop_back();
  if (u == "day") return kDay;
  if (u == "hour") return kHour;
  if (u == "minute") return kMinute;
  if (u == "second") return kSecond;
  return -1;
}

std::string yearMonthIntervalValue(int32_t months, int start, int end) {
  const int64_t m = months;
  const std::string sign = m < 0 ? "-" : "";
  const int64_t a = m < 0 ? -m : m;
  if (start == kYear && end == kMonth)
    return sign + std::to_string(a / 12) + "-" + std::to_string(a % 12);
  if (start == kYear) return sign + std::to_string(a / 12);
  return sign + std::to_string(a);
}

std::string formatYearMonthInterval(int32_t months, int start, int end) {
  return "INTERVAL '" + yearMonthIntervalValue(months, start, end) + "' " +
         fieldsText(ymFieldName, start, end);
}

std::string dayTimeIntervalValue(int64_t micros, int start, int end) {
  std::string sign;
  unsigned __int128 rest;
  if (micros < 0) {
    sign = "-";
    rest = static_cast<unsigned __int128>(-static_cast<__int128>(micros));
  } else {
    rest = static_cast<unsigned __int128>(micros);
  }
  auto num = [](unsigned __int128 v) { return std::to_string(static_cast<uint64_t>(v)); };
  auto two = [&](unsigned __int128 v) {
    std::string s = num(v);
    return s.size() < 2 ? "0" + s : s;
  };
  // Seconds with their fraction, trailing zeros dropped (BigDecimal.stripTrailingZeros).
  auto seconds = [&](unsigned __int128 us, bool leading) {
    std::string s = num(us / kUsSecond);
    if (!leading && s.size() < 2) s = "0" + s;
    const uint64_t frac = static_cast<uint64_t>(us % kUsSecond);
    if (frac) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%06llu", static_cast<unsigned long long>(frac));
      std::string f = buf;
      while (!f.empty() && f.back() == '0') f.pop_back();
      s += "." + f;
    }
    return s;
  };
  std::string out = sign;
  switch (start) {
    case kDay:
      out += num(rest / kUsDay);
      rest %= kUsDay;
      if (end >= kHour) out += " " + two(rest / kUsHour);
      rest %= kUsHour;
      if (end >= kMinute) out += ":" + two(rest / kUsMinute);
      rest %= kUsMinute;
      if (end == kSecond) out += ":" + seconds(rest, false);
      break;
    case kHour:
      out += two(rest / kUsHour);
      rest %= kUsHour;
      if (end >= kMinute) out += ":" + two(rest / kUsMinute);
      rest %= kUsMinute;
      if (end == kSecond) out += ":" + seconds(rest, false);
      break;
    case kMinute:
      out += two(rest / kUsMinute);
      rest %= kUsMinute;
      if (end == kSecond) out += ":" + seconds(rest, false);
      break;
    default: {
      std::string s = seconds(rest, false);
      out += s;
      break;
    }
  }
  return out;
}

std::string formatDayTimeInterval(int64_t micros, int start, int end) {
  return "INTERVAL '" + dayTimeIntervalValue(micros, start, end) + "' " +
         fieldsText(dtFieldName, start, end);
}

std::optional<int32_t> parseYearMonthInterval(std::string_view text, int start, int end) {
  const auto value = literalValue(text, fieldsText(ymFieldName, start, end));
  if (!value) return std::nullopt;
  std::string_view s = trimView(*value);
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  int64_t a = 0, b = 0;
  if (!digits(s, i, &a, 10)) return std::nullopt;
  __int128 months;
  if (start == kYear && end == kMonth) {
    if (i >= s.size() || s[i] != '-') return std::nullopt;
    ++i;
    if (!digits(s, i, &b, 2) || b > 11) return std::nullopt;
    months = static_cast<__int128>(a) * 12 + b;
  } else {
    months = start == kYear ? static_cast<__int128>(a) * 12 : a;
  }
  if (i != s.size()) return std::nullopt;
  if (neg) months = -months;
  if (months > INT32_MAX || months < INT32_MIN) return std::nullopt;
  return static_cast<int32_t>(months);
}

std::optional<int64_t> parseDayTimeInterval(std::string_view text, int start, int end) {
  const auto value = literalValue(text, fieldsText(dtFieldName, start, end));
  if (!value) return std::nullopt;
  std::string_view s = trimView(*value);
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  __int128 total = 0;
  static const int64_t unit[] = {kUsDay, kUsHour, kUsMinute, kUsSecond};
  static const int64_t limit[] = {0, 23, 59, 59};
  for (int f = start; f <= end; ++f) {
    if (f > start) {
      const char sep = f == kHour && start == kDay ? ' ' : ':';
      if (i >= s.size() || s[i] != sep) return std::nullopt;
      ++i;
    }
    int64_t v = 0;
    if (!digits(s, i, &v, f == start ? 18 : 2)) return std::nullopt;
    if (f > start && v > limit[f]) return std::nullopt;
    total += static_cast<__int128>(v) * unit[f];
    if (f == kSecond) {
      int64_t us = 0;
      if (!fraction(s, i, &us)) return std::nullopt;
      total += us;
    }
  }
  if (i != s.size()) return std::nullopt;
  if (neg) total = -total;
  if (total > INT64_MAX || total < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(total);
}

int64_t scaleInterval(int64_t value, int64_t n, double d, bool fractional, bool divide,
                      bool yearMonth) {
  const __int128 lo = yearMonth ? INT32_MIN : INT64_MIN, hi = yearMonth ? INT32_MAX : INT64_MAX;
  auto overflow = [&]() -> int64_t {
    throw std::invalid_argument(std::string("[ARITHMETIC_OVERFLOW] ") +
                                (yearMonth ? "integer" : "long") + " overflow in an interval " +
                                (divide ? "division" : "product"));
  };
  if (divide && (fractional ? d == 0 : n == 0))
    throw std::invalid_argument(
        "[INTERVAL_DIVIDED_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being "
        "0 and return NULL instead.");
  if (fractional) {
    const double r =
        std::round(divide ? static_cast<double>(value) / d : static_cast<double>(value) * d);
    if (!(r >= static_cast<double>(lo) && r <= static_cast<double>(hi))) return overflow();
    return static_cast<int64_t>(r);
  }
  __int128 r;
  if (!divide) {
    r = static_cast<__int128>(value) * n;
  } else {
    // HALF_UP: round half away from zero.
    const __int128 q = static_cast<__int128>(value) / n, m = static_cast<__int128>(value) % n;
    const __int128 am = m < 0 ? -m : m, an = n < 0 ? -static_cast<__int128>(n) : n;
    r = q;
    if (2 * am >= an) r += ((value < 0) != (n < 0)) ? -1 : 1;
  }
  if (r < lo || r > hi) return overflow();
  return static_cast<int64_t>(r);
}

}  // namespace sluice::stdlib
