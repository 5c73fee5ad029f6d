#include "stdlib/strings_spark.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include "stdlib/strings.h"

namespace sluice::stdlib {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes UTF-8; each byte that does not start a valid sequence becomes U+FFFD (what Java's
// decoder substitutes), so kernels over code points never see a partial character.
std::vector<uint32_t> codePointsOf(std::string_view s) {
  std::vector<uint32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + static_cast<size_t>(n) >= s.size() + (n == 0)) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    uint32_t cp = n == 0 ? c : c & (0x3Fu >> n);
    bool ok = true;
    for (int k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((d & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (!ok) {
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += static_cast<size_t>(n) + 1;
  }
  return out;
}

std::string utf8Of(const std::vector<uint32_t>& cps) {
  std::string out;
  for (uint32_t c : cps) appendUtf8(c, out);
  return out;
}

enum class Charset { Ascii, Latin1, Utf8, Utf16Be, Utf16Le, Utf16 };

// Java's charset names and the aliases Spark's docs use, case-insensitive.
std::optional<Charset> charsetOf(std::string_view name) {
  const std::string n = asciiLower(name);
  if (n == "us-ascii" || n == "ascii") return Charset::Ascii;
  if (n == "iso-8859-1" || n == "latin1" || n == "iso8859_1") return Charset::Latin1;
  if (n == "utf-8" || n == "utf8") return Charset::Utf8;
  if (n == "utf-16be") return Charset::Utf16Be;
  if (n == "utf-16le") return Charset::Utf16Le;
  if (n == "utf-16" || n == "utf16") return Charset::Utf16;
  return std::nullopt;
}

Charset requireCharset(std::string_view name) {
  if (auto c = charsetOf(name)) return *c;
  throw std::invalid_argument("unsupported charset '" + std::string(name) +
                              "' (expected one of US-ASCII, ISO-8859-1, UTF-8, UTF-16BE, "
                              "UTF-16LE, UTF-16)");
}

void putUnit(std::string& out, uint32_t u, bool bigEndian) {
  const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
  out += bigEndian ? hi : lo;
  out += bigEndian ? lo : hi;
}

std::string encodeUtf16(const std::vector<uint32_t>& cps, bool bigEndian) {
  std::string out;
  for (uint32_t c : cps) {
    if (c >= 0x10000) {
      c -= 0x10000;
      putUnit(out, 0xD800 + (c >> 10), bigEndian);
      putUnit(out, 0xDC00 + (c & 0x3FF), bigEndian);
    } else {
      putUnit(out, c, bigEndian);
    }
  }
  return out;
}

std::vector<uint32_t> decodeUtf16(std::string_view b, bool bigEndian) {
  std::vector<uint32_t> out;
  auto unit = [&](size_t i) {
    const auto x = static_cast<unsigned char>(b[i]), y = static_cast<unsigned char>(b[i + 1]);
    return bigEndian ? (uint32_t{x} << 8 | y) : (uint32_t{y} << 8 | x);
  };
  size_t i = 0;
  for (; i + 1 < b.size(); i += 2) {
    const uint32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
      const uint32_t v = unit(i + 2);
      if (v >= 0xDC00 && v < 0xE000) {
        out.push_back(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    out.push_back(u >= 0xD800 && u < 0xE000 ? kReplacement : u);
  }
  if (i < b.size()) out.push_back(kReplacement);  // a dangling odd byte
  return out;
}

int64_t editDistance(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<int64_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int64_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int64_t>(i);
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string hexOfLong(int64_t v) {
  static const char* const digits = "0123456789ABCDEF";
  auto u = static_cast<uint64_t>(v);
  if (u == 0) return "0";
  std::string out;
  for (; u; u >>= 4) out += digits[u & 0xF];
  std::reverse(out.begin(), out.end());
  return out;
}

std::string hexOfBytes(std::string_view bytes) {
  static const char* const digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

std::optional<std::string> unhex(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  size_t i = 0;
  if (s.size() % 2) {  // Spark reads an odd-length input as if it had a leading 0
    const int v = val(s[0]);
    if (v < 0) return std::nullopt;
    out += static_cast<char>(v);
    i = 1;
  }
  for (; i < s.size(); i += 2) {
    const int hi = val(s[i]), lo = val(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi << 4 | lo);
  }
  return out;
}

std::string base64Encode(std::string_view bytes) {
  static const char* const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += abc[(v >> k) & 0x3F];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const uint32_t v = static_cast<unsigned char>(bytes[i]) << 16 |
                       (two ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0);
    out += abc[(v >> 18) & 0x3F];
    out += abc[(v >> 12) & 0x3F];
    out += two ? abc[(v >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> toBinary(std::string_view s, std::string_view fmt) {
  std::string f(fmt);
  for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (f == "hex") return unhex(s);
  if (f == "utf-8" || f == "utf8") return std::string(s);
  if (f == "base64") return base64Decode(s);
  throw std::invalid_argument(
      "[INVALID_PARAMETER_VALUE.BINARY_FORMAT] The value of parameter(s) `format` in "
      "`to_binary` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '" +
      std::string(fmt) + "'");
}

std::string malformedBinaryMessage(std::string_view s, std::string_view fmt) {
  return "[CONVERSION_INVALID_INPUT] The value '" + std::string(s) +
         "' (STRING) cannot be converted to BINARY because it is malformed (format '" +
         std::string(fmt) +
         "'). Correct the value as per the syntax, or change its format. Use `try_to_binary` to "
         "tolerate malformed input and return NULL instead.";
}

std::string base64Decode(std::string_view s) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;  // commons-codec also reads the URL-safe alphabet
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    if (c == '=') break;
    const int v = val(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

void checkCharset(std::string_view charset) {
  requireCharset(charset);
}

std::string encodeCharset(std::string_view s, std::string_view charset) {
  const Charset cs = requireCharset(charset);
  if (cs == Charset::Utf8) return utf8Of(codePointsOf(s));
  const std::vector<uint32_t> cps = codePointsOf(s);
  if (cs == Charset::Ascii || cs == Charset::Latin1) {
    const uint32_t limit = cs == Charset::Ascii ? 0x80 : 0x100;
    std::string out;
    for (uint32_t c : cps) out += c < limit ? static_cast<char>(c) : '?';
    return out;
  }
  if (cs == Charset::Utf16) return "\xFE\xFF" + encodeUtf16(cps, true);
  return encodeUtf16(cps, cs == Charset::Utf16Be);
}

std::string decodeCharset(std::string_view bin, std::string_view charset) {
  const Charset cs = requireCharset(charset);
  switch (cs) {
    case Charset::Utf8:
      return utf8Of(codePointsOf(bin));
    case Charset::Ascii:
    case Charset::Latin1: {
      std::string out;
      for (unsigned char c : bin)
        appendUtf8(cs == Charset::Ascii && c >= 0x80 ? kReplacement : c, out);
      return out;
    }
    case Charset::Utf16: {
      // A byte-order mark picks the order (and is dropped); big-endian without one.
      if (bin.size() >= 2 && bin[0] == '\xFF' && bin[1] == '\xFE')
        return utf8Of(decodeUtf16(bin.substr(2), false));
      if (bin.size() >= 2 && bin[0] == '\xFE' && bin[1] == '\xFF') bin = bin.substr(2);
      return utf8Of(decodeUtf16(bin, true));
    }
    default:
      return utf8Of(decodeUtf16(bin, cs == Charset::Utf16Be));
  }
}

std::string splitPart(std::string_view s, std::string_view delim, int64_t n) {
  if (n == 0)
    throw std::invalid_argument(
        "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 "
        "(the first element has index 1).");
  std::vector<std::string_view> parts;
  if (delim.empty()) {
    parts.push_back(s);
  } else {
    size_t at = 0;
    for (size_t hit; (hit = s.find(delim, at)) != std::string_view::npos; at = hit + delim.size())
      parts.push_back(s.substr(at, hit - at));
    parts.push_back(s.substr(at));
  }
  const auto count = static_cast<int64_t>(parts.size());
  if (n > count || -n > count) return "";
  return std::string(parts[static_cast<size_t>(n > 0 ? n - 1 : count + n)]);
}

std::string substringIndex(std::string_view s, std::string_view delim, int64_t count) {
  if (count == 0 || delim.empty()) return "";
  if (count > 0) {
    size_t at = 0;
    for (int64_t k = 0; k < count; ++k) {
      const size_t hit = s.find(delim, at);
      if (hit == std::string_view::npos) return std::string(s);
      if (k == count - 1) return std::string(s.substr(0, hit));
      at = hit + delim.size();
    }
    return std::string(s);
  }
  size_t end = s.size();
  for (int64_t k = 0; k < -count; ++k) {
    if (end < delim.size()) return std::string(s);
    const size_t hit = s.rfind(delim, end - delim.size());
    if (hit == std::string_view::npos) return std::string(s);
    if (k == -count - 1) return std::string(s.substr(hit + delim.size()));
    if (hit == 0) return std::string(s);
    end = hit;
  }
  return std::string(s);
}

int64_t levenshtein(std::string_view a, std::string_view b) {
  return editDistance(codePointsOf(a), codePointsOf(b));
}

int64_t levenshteinBounded(std::string_view a, std::string_view b, int64_t threshold) {
  const int64_t d = levenshtein(a, b);
  return d > threshold ? -1 : d;
}

std::string soundex(std::string_view s) {
  if (s.empty()) return "";
  const auto first = static_cast<unsigned char>(s[0]);
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return std::string(s);
  // Codes of A..Z; '0' for vowels (they separate equal codes), '7' for H and W (they do not).
  static const char* const codes = "01230127022455012623017202";
  std::string out(1, static_cast<char>(std::toupper(first)));
  char last = codes[std::toupper(first) - 'A'];
  for (size_t i = 1; i < s.size() && out.size() < 4; ++i) {
    const int c = std::toupper(static_cast<unsigned char>(s[i]));
    if (c < 'A' || c > 'Z') {
      last = '0';
      continue;
    }
    const char code = codes[c - 'A'];
    if (code == '7') continue;
    if (code != '0' && code != last) out += code;
    last = code;
  }
  out.resize(4, '0');
  return out;
}

std::string translate(std::string_view s, std::string_view from, std::string_view to) {
  const std::vector<uint32_t> f = codePointsOf(from), t = codePointsOf(to);
  std::vector<uint32_t> out;
  for (uint32_t c : codePointsOf(s)) {
    const auto it = std::find(f.begin(), f.end(), c);
    if (it == f.end()) {
      out.push_back(c);
      continue;
    }
    const auto k = static_cast<size_t>(it - f.begin());
    if (k < t.size()) out.push_back(t[k]);
  }
  return utf8Of(out);
}

std::string overlay(std::string_view s, std::string_view rep, int64_t pos, int64_t len) {
  const int64_t n = len >= 0 ? len : charLength(rep);
  return substring(s, 1, pos - 1) + std::string(rep) + substring(s, pos + n);
}

bool luhnCheck(std::string_view s) {
  if (s.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = s.size(); i-- > 0;) {
    if (s[i] < '0' || s[i] > '9') return false;
    int d = s[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace sluice::stdlib
