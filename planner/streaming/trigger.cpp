#include "planner/streaming/trigger.h"

#include <cctype>
#include <cmath>
#include <map>

#include "frontend/text.h"

namespace sluice {
namespace {

// Microseconds per unit, Spark's interval unit names plus the usual abbreviations.
const std::map<std::string, double, std::less<>>& units() {
  static const std::map<std::string, double, std::less<>> u = {
      {"microsecond", 1},   {"us", 1},       {"millisecond", 1e3}, {"ms", 1e3},
      {"msec", 1e3},        {"second", 1e6}, {"sec", 1e6},         {"s", 1e6},
      {"minute", 60e6},     {"min", 60e6},   {"m", 60e6},          {"hour", 3600e6},
      {"h", 3600e6},        {"hr", 3600e6},  {"day", 86400e6},     {"d", 86400e6},
      {"week", 7 * 86400e6}};
  return u;
}

std::optional<double> unitMicros(std::string unit) {
  auto it = units().find(unit);
  if (it == units().end() && unit.size() > 1 && unit.back() == 's') {
    unit.pop_back();  // plurals: seconds, minutes, ...
    it = units().find(unit);
  }
  if (it == units().end()) return std::nullopt;
  return it->second;
}

// `[interval] n unit [n unit ...]` -> microseconds.
std::optional<double> parseIntervalMicros(const std::string& s, std::string* why) {
  size_t i = 0;
  auto skipSpace = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  skipSpace();
  if (s.compare(i, 8, "interval") == 0) i += 8;
  double total = 0;
  bool any = false;
  for (skipSpace(); i < s.size(); skipSpace()) {
    const size_t numStart = i;
    if (s[i] == '+' || s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    const std::string num = s.substr(numStart, i - numStart);
    skipSpace();
    const size_t unitStart = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    const std::string unit = s.substr(unitStart, i - unitStart);
    char* end = nullptr;
    const double n = num.empty() ? NAN : std::strtod(num.c_str(), &end);
    if (num.empty() || std::isnan(n) || end != num.c_str() + num.size()) {
      *why = "'" + (num.empty() ? unit : num) + "' is not a number";
      return std::nullopt;
    }
    if (unit == "month" || unit == "months" || unit == "year" || unit == "years") {
      *why = "months and years are not allowed in a trigger interval (their length varies)";
      return std::nullopt;
    }
    const auto us = unitMicros(unit);
    if (!us) {
      *why = unit.empty() ? "'" + num + "' has no unit" : "unknown unit '" + unit + "'";
      return std::nullopt;
    }
    total += n * *us;
    any = true;
  }
  if (!any) {
    *why = "no interval given";
    return std::nullopt;
  }
  if (total < 0) {
    *why = "the interval is negative";
    return std::nullopt;
  }
  return total;
}

}  // namespace

std::string Trigger::toString() const {
  switch (kind) {
    case Kind::Default:
      return "default";
    case Kind::Once:
      return "once";
    case Kind::AvailableNow:
      return "availableNow";
    case Kind::ProcessingTime:
      return "ProcessingTime(" + std::to_string(intervalMs) + " ms)";
  }
  return "?";
}

std::optional<Trigger> parseTrigger(std::string_view text, std::string* why) {
  const std::string s = asciiLower(std::string(text));
  Trigger t;
  if (s == "once") {
    t.kind = Trigger::Kind::Once;
    return t;
  }
  if (s == "availablenow" || s == "available_now" || s == "available now") {
    t.kind = Trigger::Kind::AvailableNow;
    return t;
  }
  const auto micros = parseIntervalMicros(s, why);
  if (!micros) return std::nullopt;
  // Spark rounds a processing-time interval to milliseconds; 0 means "as fast as possible".
  t.intervalMs = static_cast<int64_t>(std::llround(*micros / 1000));
  t.kind = t.intervalMs == 0 ? Trigger::Kind::Default : Trigger::Kind::ProcessingTime;
  return t;
}

}  // namespace sluice
