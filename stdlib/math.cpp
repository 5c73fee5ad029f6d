#include "stdlib/math.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "stdlib/decimal.h"

namespace sluice::stdlib {
namespace {

// Rounds the shortest decimal form of x (as Scala's BigDecimal(double) sees it) at `scale`
// fraction digits.
double roundDouble(double x, int32_t scale, bool halfEven) {
  if (!std::isfinite(x) || x == 0) return x;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  const std::string s(buf, res.ptr);  // [-]d[.ddd]e[+-]xx
  const bool neg = s[0] == '-';
  const size_t e = s.find('e');
  std::string digits;
  for (size_t i = neg ? 1 : 0; i < e; ++i)
    if (s[i] != '.') digits += s[i];
  // x = digits * 10^E
  const int64_t E = std::stoi(s.substr(e + 1)) - static_cast<int64_t>(digits.size() - 1);
  const int64_t drop = -static_cast<int64_t>(scale) - E;
  if (drop <= 0) return x;
  if (drop >= static_cast<int64_t>(digits.size()))
    digits.insert(0, static_cast<size_t>(drop + 1) - digits.size(), '0');
  const size_t keepLen = digits.size() - static_cast<size_t>(drop);
  std::string kept = digits.substr(0, keepLen);
  const char next = digits[keepLen];
  bool restNonZero = false;
  for (size_t i = keepLen + 1; i < digits.size(); ++i) restNonZero |= digits[i] != '0';
  bool up = next > '5' || (next == '5' && restNonZero);
  if (next == '5' && !restNonZero)
    up = !halfEven || (!kept.empty() && (kept.back() - '0') % 2 == 1);
  if (kept.empty()) kept = "0";
  if (up) {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[static_cast<size_t>(i)] == '9') kept[static_cast<size_t>(i--)] = '0';
    if (i < 0)
      kept.insert(kept.begin(), '1');
    else
      kept[static_cast<size_t>(i)] = static_cast<char>(kept[static_cast<size_t>(i)] + 1);
  }
  const double v = std::stod(kept + "e" + std::to_string(-static_cast<int64_t>(scale)));
  return neg ? -v : v;
}

}  // namespace

double roundHalfUp(double x, int32_t scale) {
  return roundDouble(x, scale, false);
}
double roundHalfEven(double x, int32_t scale) {
  return roundDouble(x, scale, true);
}

int64_t roundIntegral(int64_t x, int32_t scale, bool halfEven) {
  if (scale >= 0) return x;
  if (scale < -18) return 0;
  const __int128 r = roundDecimal(x, 0, scale, halfEven);
  return static_cast<int64_t>(r);
}

__int128 roundDecimal(__int128 v, int32_t scale, int32_t newScale, bool halfEven) {
  return roundDecimal(v, scale, newScale, halfEven ? RoundMode::HalfEven : RoundMode::HalfUp);
}

__int128 roundDecimal(__int128 v, int32_t scale, int32_t newScale, RoundMode mode) {
  if (newScale >= scale) return v;
  const int drop = scale - newScale;
  if (drop > 38) return 0;
  const __int128 f = pow10i(drop);
  __int128 q = v / f, rem = v % f;
  // Truncation went towards zero; ceiling moves positive remainders up, floor negative down.
  if (mode == RoundMode::Ceiling && rem > 0) ++q;
  if (mode == RoundMode::Floor && rem < 0) --q;
  if (rem < 0) rem = -rem;
  const bool halfEven = mode == RoundMode::HalfEven;
  const bool half = mode == RoundMode::HalfUp || halfEven;
  const bool up = half && (rem * 2 > f || (rem * 2 == f && (!halfEven || (q % 2 != 0))));
  if (up) q += v < 0 ? -1 : 1;
  // Negative new scales keep the value at the original magnitude (round(15, -1) = 20).
  if (newScale < 0) return q * pow10i(-newScale);
  return q;
}

int64_t floorToLong(double x) {
  const double f = std::floor(x);
  if (std::isnan(f)) return 0;
  if (f >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (f <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(f);
}

int64_t ceilToLong(double x) {
  const double c = std::ceil(x);
  if (std::isnan(c)) return 0;
  if (c >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (c <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(c);
}

int64_t pmodLong(int64_t a, int64_t b) {
  if (b == -1) return 0;
  const int64_t r = a % b;
  return r < 0 ? (r + b) % b : r;
}

double pmodDouble(double a, double b) {
  const double r = std::fmod(a, b);
  return r < 0 ? std::fmod(r + b, b) : r;
}

std::optional<double> logOf(double x) {
  if (x <= 0) return std::nullopt;
  return std::log(x);
}
std::optional<double> log10Of(double x) {
  if (x <= 0) return std::nullopt;
  return std::log10(x);
}
std::optional<double> log2Of(double x) {
  if (x <= 0) return std::nullopt;
  return std::log2(x);
}
std::optional<double> logBase(double base, double x) {
  if (x <= 0 || base <= 0) return std::nullopt;
  return std::log(x) / std::log(base);
}

double signum(double x) {
  if (std::isnan(x)) return x;
  return x > 0 ? 1.0 : (x < 0 ? -1.0 : x);
}

}  // namespace sluice::stdlib
