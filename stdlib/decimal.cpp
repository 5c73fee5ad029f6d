#include "stdlib/decimal.h"

#include <algorithm>
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

std::optional<int128> decimalArith(char op, int128 a, int s1, int128 b, int s2, int P, int S) {
  auto align = [](int128 v, int from, int to) -> std::optional<int128> {
    int128 out;
    if (__builtin_mul_overflow(v, pow10i(to - from), &out)) return std::nullopt;
    return out;
  };
  const int s = std::max(s1, s2);
  switch (op) {
    case '+':
    case '-':
    case '%': {
      auto x = align(a, s1, s), y = align(b, s2, s);
      if (!x || !y) return std::nullopt;
      int128 v;
      if (op == '%') {
        if (*y == 0) return std::nullopt;
        v = *x % *y;
      } else if (op == '+' ? __builtin_add_overflow(*x, *y, &v)
                           : __builtin_sub_overflow(*x, *y, &v)) {
        return std::nullopt;
      }
      return rescaleDecimal(v, s, S, P);
    }
    case '*': {
      int128 v;
      if (__builtin_mul_overflow(a, b, &v)) return std::nullopt;
      return rescaleDecimal(v, s1 + s2, S, P);
    }
    case '/': {
      if (b == 0) return std::nullopt;
      // a/10^s1 / (b/10^s2) = (a * 10^(S - s1 + s2) / b) / 10^S
      const int k = S - s1 + s2;
      int128 num = a, den = b;
      if (k >= 0) {
        if (k > 38 || __builtin_mul_overflow(a, pow10i(k), &num)) return std::nullopt;
      } else if (-k > 38 || __builtin_mul_overflow(b, pow10i(-k), &den)) {
        return std::nullopt;
      }
      int128 q = num / den, rem = num % den;
      if (rem < 0) rem = -rem;
      const int128 aden = den < 0 ? -den : den;
      if (rem >= aden - rem) q += (num < 0) != (den < 0) ? -1 : 1;  // HALF_UP
      if (!fitsPrecision(q, P)) return std::nullopt;
      return q;
    }
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> decimalIntegralDivide(int128 a, int s1, int128 b, int s2) {
  if (b == 0) return std::nullopt;
  const int s = std::max(s1, s2);
  int128 x, y;
  if (__builtin_mul_overflow(a, pow10i(s - s1), &x) ||
      __builtin_mul_overflow(b, pow10i(s - s2), &y))
    return std::nullopt;
  return static_cast<int64_t>(static_cast<uint64_t>(static_cast<unsigned __int128>(x / y)));
}

std::optional<int128> decimalPmod(int128 a, int s1, int128 b, int s2, int P, int S) {
  auto m = decimalArith('%', a, s1, b, s2, P, S);
  if (!m || *m >= 0) return m;
  auto bs = rescaleDecimal(b, s2, S, 38);
  if (!bs || *bs == 0) return std::nullopt;
  return (*m + *bs) % *bs;
}

int128 decimalFloor(int128 v, int scale) {
  const int128 f = pow10i(scale);
  const int128 q = v / f;
  return v % f < 0 ? q - 1 : q;
}

int128 decimalCeil(int128 v, int scale) {
  const int128 f = pow10i(scale);
  const int128 q = v / f;
  return v % f > 0 ? q + 1 : q;
}

}  // namespace sluice::stdlib
