#include "stdlib/decimal.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sluice::stdlib {

int128 pow10i(int n) {
  int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

bool fitsPrecision(int128 v, int precision) {
  const int128 limit = pow10i(precision);
  return v < limit && v > -limit;
}

std::optional<int128> rescaleDecimal(int128 v, int fromScale, int toScale, int toPrecision) {
  if (toScale >= fromScale) {
    const int128 f = pow10i(toScale - fromScale);
    int128 r;
    if (__builtin_mul_overflow(v, f, &r)) return std::nullopt;
    if (!fitsPrecision(r, toPrecision)) return std::nullopt;
    return r;
  }
  const int drop = fromScale - toScale;
  if (drop > 38) return fitsPrecision(0, toPrecision) ? std::optional<int128>(0) : std::nullopt;
  const int128 f = pow10i(drop);
  int128 q = v / f, rem = v % f;
  // HALF_UP: round away from zero when the dropped part is at least one half.
  if (rem < 0) rem = -rem;
  if (rem * 2 >= f) q += v < 0 ? -1 : 1;
  if (!fitsPrecision(q, toPrecision)) return std::nullopt;
  return q;
}

std::optional<int128> parseDecimal(std::string_view s, int precision, int scale) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  s = s.substr(b, e - b);
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
  // Collect significant digits (at most 40 kept exactly; more only shifts the exponent).
  int128 digits = 0;
  int ndigits = 0, fracDigits = 0, extraExp = 0;
  bool any = false, dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.') {
      if (dot) return std::nullopt;
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any = true;
    if (ndigits < 38) {
      if (digits != 0 || c != '0') ++ndigits;
      digits = digits * 10 + (c - '0');
      if (dot) ++fracDigits;
    } else if (!dot) {
      ++extraExp;  // digits beyond what we keep: the value is scaled up
    }
  }
  if (!any) return std::nullopt;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i >= s.size()) return std::nullopt;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exp = exp * 10 + (s[i] - '0');
      if (exp > 1000) return std::nullopt;
    }
    if (eneg) exp = -exp;
  }
  if (i != s.size()) return std::nullopt;
  // value = digits * 10^(extraExp + exp - fracDigits)
  const int64_t valueScale = fracDigits - extraExp - exp;
  if (neg) digits = -digits;
  if (valueScale > 76) return rescaleDecimal(0, 0, scale, precision);
  if (valueScale < -38) return digits == 0 ? rescaleDecimal(0, 0, scale, precision) : std::nullopt;
  if (valueScale > 38) {
    // Drop digits first so the rescale stays within pow10i's range.
    const int drop = static_cast<int>(valueScale - 38);
    auto r = rescaleDecimal(digits, drop, 0, 38);
    if (!r) return std::nullopt;
    return rescaleDecimal(*r, 38, scale, precision);
  }
  if (valueScale < 0) {
    int128 r;
    if (__builtin_mul_overflow(digits, pow10i(static_cast<int>(-valueScale)), &r))
      return std::nullopt;
    return rescaleDecimal(r, 0, scale, precision);
  }
  return rescaleDecimal(digits, static_cast<int>(valueScale), scale, precision);
}

std::string decimalToString(int128 v, int scale) {
  const bool neg = v < 0;
  unsigned __int128 u =
      neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale)
      digits.insert(0, static_cast<size_t>(scale) - digits.size() + 1, '0');
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return (neg ? "-" : "") + digits;
}

double decimalToDouble(int128 v, int scale) {
  const std::string s = decimalToString(v, scale);
  return std::strtod(s.c_str(), nullptr);
}

std::optional<int128> doubleToDecimal(double d, int precision, int scale) {
  if (!std::isfinite(d)) return std::nullopt;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  return parseDecimal(std::string_view(buf, static_cast<size_t>(res.ptr - buf)), precision, scale);
}

int64_t decimalToLong(int128 v, int scale) {
  const int128 q = scale > 0 ? v / pow10i(scale) : v;
  // BigInteger.longValue(): keeps the low 64 bits.
  return static_cast<int64_t>(static_cast<uint64_t>(static_cast<unsigned __int128>(q)));
}

}  // namespace sluice::stdlib
