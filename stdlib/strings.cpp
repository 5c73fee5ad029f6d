#include "stdlib/strings.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace sluice::stdlib {
namespace {

bool isContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Byte offset of code point `n` (clamped to s.size()).
size_t offsetOfChar(std::string_view s, int64_t n) {
  size_t i = 0;
  while (n > 0 && i < s.size()) {
    ++i;
    while (i < s.size() && isContinuation(static_cast<unsigned char>(s[i]))) ++i;
    --n;
  }
  return i;
}

std::vector<std::string_view> codePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t j = i + 1;
    while (j < s.size() && isContinuation(static_cast<unsigned char>(s[j]))) ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

uint32_t decode(std::string_view cp) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(cp[i]); };
  if (cp.size() == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (cp.size() == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  if (cp.size() == 4)
    return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  return b(0);
}

}  // namespace

void appendUtf8(uint32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    const char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

namespace {

// Case mapping for ASCII, Latin-1, Greek and Cyrillic (the common alphabets); other code
// points are left unchanged.
uint32_t toUpperCp(uint32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}
uint32_t toLowerCp(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

template <class F>
std::string mapCase(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out += static_cast<char>(f(b));
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && isContinuation(static_cast<unsigned char>(s[j]))) ++j;
    appendUtf8(f(decode(s.substr(i, j - i))), out);
    i = j;
  }
  return out;
}

std::string pad(std::string_view s, int64_t len, std::string_view p, bool left) {
  if (len <= 0) return "";
  const int64_t n = charLength(s);
  const int64_t spaces = len - n;
  if (spaces <= 0 || p.empty()) return std::string(s.substr(0, offsetOfChar(s, len)));
  const auto pcs = codePoints(p);
  std::string fill;
  for (int64_t k = 0; k < spaces; ++k) fill += pcs[static_cast<size_t>(k) % pcs.size()];
  return left ? fill + std::string(s) : std::string(s) + fill;
}

std::shared_ptr<RE2> compileRegexUncached(std::string_view regex) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_shared<RE2>(re2::StringPiece(regex.data(), regex.size()), opts);
  if (!re->ok())
    throw std::invalid_argument("invalid regular expression '" + std::string(regex) +
                                "': " + re->error());
  return re;
}

// Kernels call the regex functions once per row, nearly always with one literal pattern:
// a small per-thread cache keyed by the pattern text avoids recompiling it per row. Bounded
// (cleared when full) so patterns taken from data cannot grow it without limit.
std::shared_ptr<RE2> compileRegex(std::string_view regex) {
  thread_local std::unordered_map<std::string, std::shared_ptr<RE2>> cache;
  thread_local std::string lastKey;
  thread_local std::shared_ptr<RE2> last;
  if (last && lastKey == regex) return last;
  auto it = cache.find(std::string(regex));
  if (it == cache.end()) {
    if (cache.size() >= 256) cache.clear();
    it = cache.emplace(std::string(regex), compileRegexUncached(regex)).first;
  }
  lastKey = it->first;
  last = it->second;
  return last;
}

// LIKE matcher over code points: `%` any run, `_` one code point; escapes pre-resolved.
struct LikeTok {
  enum Kind { Lit, One, Any } kind;
  std::string_view cp;
};

std::vector<LikeTok> compileLike(std::string_view pattern, char escape) {
  std::vector<LikeTok> toks;
  const auto cps = codePoints(pattern);
  for (size_t i = 0; i < cps.size(); ++i) {
    const std::string_view c = cps[i];
    if (c.size() == 1 && c[0] == escape) {
      if (i + 1 >= cps.size())
        throw std::invalid_argument("the escape character is not allowed to end the pattern '" +
                                    std::string(pattern) + "'");
      const std::string_view n = cps[++i];
      if (!(n == "_" || n == "%" || (n.size() == 1 && n[0] == escape)))
        throw std::invalid_argument("the escape character is not allowed to precede '" +
                                    std::string(n) + "' in the pattern '" + std::string(pattern) +
                                    "'");
      toks.push_back({LikeTok::Lit, n});
    } else if (c == "%") {
      toks.push_back({LikeTok::Any, c});
    } else if (c == "_") {
      toks.push_back({LikeTok::One, c});
    } else {
      toks.push_back({LikeTok::Lit, c});
    }
  }
  return toks;
}

bool likeMatch(const std::vector<std::string_view>& s, const std::vector<LikeTok>& p) {
  // Greedy matching with backtracking to the last '%' (linear for typical patterns).
  size_t si = 0, pi = 0, starP = std::string::npos, starS = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi].kind == LikeTok::Any) {
      starP = pi++;
      starS = si;
    } else if (pi < p.size() && (p[pi].kind == LikeTok::One || p[pi].cp == s[si])) {
      ++pi;
      ++si;
    } else if (starP != std::string::npos) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi].kind == LikeTok::Any) ++pi;
  return pi == p.size();
}

// The LIKE matcher kernels run per row: the pattern compiled once into '%'-separated
// segments, each a sequence of literal byte runs and '_'s, and matched over the bytes of the
// input without splitting it into code points. The result is the code point matcher's
// (likeMatch) exactly: a code point starts at byte 0 and at every byte that is not a UTF-8
// continuation byte; a literal run starts with such a byte, so it matches at byte i iff its
// bytes are there and the byte after it starts a code point; '_' skips one code point. The
// first segment is anchored at the start, the last at the end (matched backwards), and each
// one between at its leftmost match: a segment spans a fixed number of code points, so the
// leftmost start is also the leftmost end, which leaves the most room for the rest.
struct LikePiece {
  std::string lit;  // empty: one '_'
};

struct LikeSegment {
  std::vector<LikePiece> pieces;
  // The longest literal run (-1: none): candidates for the segment are its occurrences
  // (memmem), the pieces before it matched backwards from there, the rest forwards.
  int anchor = -1;
};

struct LikeProgram {
  bool byteWise = true;           // false: a literal starts with a continuation byte
  std::vector<LikeSegment> segs;  // segs.size() == number of '%' + 1
  std::vector<LikeTok> toks;      // for the code point matcher when !byteWise
  std::string pattern;            // toks point into it
};

using PieceIt = std::vector<LikePiece>::const_iterator;

bool startsCodePoint(std::string_view s, size_t i) {
  return i == 0 || i >= s.size() || !isContinuation(static_cast<unsigned char>(s[i]));
}

std::shared_ptr<const LikeProgram> compileLikeProgram(std::string_view pattern, char escape) {
  auto prog = std::make_shared<LikeProgram>();
  prog->pattern = std::string(pattern);
  prog->toks = compileLike(prog->pattern, escape);
  prog->segs.emplace_back();
  for (const LikeTok& t : prog->toks) {
    std::vector<LikePiece>& seg = prog->segs.back().pieces;
    if (t.kind == LikeTok::Any) {
      prog->segs.emplace_back();
    } else if (t.kind == LikeTok::One) {
      seg.push_back({});
    } else {
      if (isContinuation(static_cast<unsigned char>(t.cp[0]))) prog->byteWise = false;
      if (seg.empty() || seg.back().lit.empty())
        seg.push_back({std::string(t.cp)});
      else
        seg.back().lit += t.cp;
    }
  }
  for (LikeSegment& seg : prog->segs)
    for (size_t i = 0; i < seg.pieces.size(); ++i)
      if (seg.anchor < 0 ? !seg.pieces[i].lit.empty()
                         : seg.pieces[i].lit.size() > seg.pieces[seg.anchor].lit.size())
        seg.anchor = static_cast<int>(i);
  return prog;
}

// Whether pieces [b, e) match s[i, ...) with i a code point start; `end` gets where they
// stop. Matches never pass `limit` (a code point start).
bool matchForward(std::string_view s, size_t i, size_t limit, PieceIt b, PieceIt e, size_t* end) {
  for (; b != e; ++b) {
    if (b->lit.empty()) {
      if (i >= limit) return false;
      ++i;
      while (i < limit && isContinuation(static_cast<unsigned char>(s[i]))) ++i;
    } else {
      if (limit - i < b->lit.size() || s.compare(i, b->lit.size(), b->lit) != 0) return false;
      i += b->lit.size();
      if (!startsCodePoint(s, i)) return false;
    }
  }
  *end = i;
  return true;
}

// Whether pieces [b, e) match s[..., j) with j a code point start (or s.size()); `begin`
// gets where they start. Matches never start before `floor` (a code point start).
bool matchBackward(std::string_view s, size_t j, size_t floor, PieceIt b, PieceIt e,
                   size_t* begin) {
  while (e != b) {
    --e;
    if (e->lit.empty()) {
      if (j <= floor) return false;
      --j;
      while (j > floor && isContinuation(static_cast<unsigned char>(s[j]))) --j;
    } else {
      if (j - floor < e->lit.size() || s.compare(j - e->lit.size(), e->lit.size(), e->lit))
        return false;
      j -= e->lit.size();
    }
  }
  *begin = j;
  return true;
}

// The leftmost match of `seg` in s[from, limit): its end in `end`. Where the segment starts
// is a monotone function of where its anchor is, so the first anchor occurrence around which
// the whole segment matches gives the leftmost match.
bool findSegment(std::string_view s, size_t from, size_t limit, const LikeSegment& seg,
                 size_t* end) {
  const auto& ps = seg.pieces;
  if (seg.anchor < 0) {  // only '_'s (or nothing): try every code point start
    for (size_t at = from;;) {
      if (matchForward(s, at, limit, ps.begin(), ps.end(), end)) return true;
      if (at >= limit) return false;
      ++at;
      while (at < limit && isContinuation(static_cast<unsigned char>(s[at]))) ++at;
    }
  }
  const std::string& anchor = ps[seg.anchor].lit;
  const PieceIt a = ps.begin() + seg.anchor;
  size_t start = 0;
  for (size_t at = from; limit - at >= anchor.size();) {
    const void* hit = memmem(s.data() + at, limit - at, anchor.data(), anchor.size());
    if (!hit) return false;
    at = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    if (matchBackward(s, at, from, ps.begin(), a, &start) &&
        matchForward(s, at, limit, a, ps.end(), end))
      return true;
    ++at;
  }
  return false;
}

bool likeBytes(std::string_view s, const LikeProgram& prog) {
  const auto& segs = prog.segs;
  const auto& first = segs.front().pieces;
  size_t pos = 0;
  if (segs.size() == 1)
    return matchForward(s, 0, s.size(), first.begin(), first.end(), &pos) && pos == s.size();
  if (!matchForward(s, 0, s.size(), first.begin(), first.end(), &pos)) return false;
  size_t limit = s.size();
  const auto& last = segs.back().pieces;
  if (!matchBackward(s, s.size(), pos, last.begin(), last.end(), &limit)) return false;
  for (size_t k = 1; k + 1 < segs.size(); ++k)
    if (!findSegment(s, pos, limit, segs[k], &pos)) return false;
  return true;
}

// Kernels nearly always match one literal pattern per call site: the last compiled program
// is kept per thread, and a few more in a small bounded cache. The program stays alive until
// the next call on this thread.
const LikeProgram* likeProgram(std::string_view pattern, char escape) {
  thread_local std::unordered_map<std::string, std::shared_ptr<const LikeProgram>> cache;
  thread_local std::shared_ptr<const LikeProgram> last;
  thread_local char lastEscape = 0;
  if (last && lastEscape == escape && last->pattern == pattern) return last.get();
  std::string key(pattern);
  key += escape;
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() >= 256) cache.clear();
    it = cache.emplace(std::move(key), compileLikeProgram(pattern, escape)).first;
  }
  last = it->second;
  lastEscape = escape;
  return last.get();
}

}  // namespace

std::string_view trimWhitespace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

std::optional<double> parseDouble(std::string_view in) {
  std::string_view s = trimWhitespace(in);
  if (s.empty()) return std::nullopt;
  std::string low = asciiLower(s);
  if (low == "inf" || low == "+inf" || low == "infinity" || low == "+infinity") return HUGE_VAL;
  if (low == "-inf" || low == "-infinity") return -HUGE_VAL;
  if (low == "nan" || low == "+nan" || low == "-nan") return NAN;
  // Java accepts a trailing type suffix (1.5d, 2f) and a leading '+'.
  if (low.back() == 'd' || low.back() == 'f') low.pop_back();
  std::string_view t = low;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  if (t.empty() || t[0] == '+') return std::nullopt;
  // from_chars rejects "1." and ".5" forms only when no digits; Java accepts both.
  double d;
  auto res = std::from_chars(t.data(), t.data() + t.size(), d);
  if (res.ec == std::errc::result_out_of_range) {
    // Overflow -> +-Infinity, underflow -> 0 as in Java.
    const bool neg = t[0] == '-';
    const size_t e = t.find('e');
    const bool tiny = e != std::string_view::npos && t.substr(e + 1, 1) == "-";
    return tiny ? (neg ? -0.0 : 0.0) : (neg ? -HUGE_VAL : HUGE_VAL);
  }
  if (res.ec != std::errc() || res.ptr != t.data() + t.size()) return std::nullopt;
  // from_chars accepts "inf"/"nan" forms Java does not; they were handled above.
  if (t.find_first_of("in") != std::string_view::npos) return std::nullopt;
  return d;
}

std::optional<bool> parseBoolean(std::string_view in) {
  const std::string s = asciiLower(trimWhitespace(in));
  if (s == "t" || s == "true" || s == "y" || s == "yes" || s == "1") return true;
  if (s == "f" || s == "false" || s == "n" || s == "no" || s == "0") return false;
  return std::nullopt;
}

std::optional<int64_t> parseIntegral(std::string_view in, int64_t lo, int64_t hi) {
  const std::string_view t = trimWhitespace(in);
  if (t.empty()) return std::nullopt;
  size_t i = 0;
  bool neg = false;
  if (t[0] == '+' || t[0] == '-') {
    neg = t[0] == '-';
    ++i;
  }
  __int128 acc = 0;
  size_t digits = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
    acc = acc * 10 + (t[i] - '0');
    if (acc > (static_cast<__int128>(1) << 64)) return std::nullopt;
  }
  if (i < t.size() && t[i] == '.') {
    // The fraction is dropped but must be well formed.
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) ++digits;
  }
  if (i != t.size() || digits == 0) return std::nullopt;
  if (neg) acc = -acc;
  if (acc < lo || acc > hi) return std::nullopt;
  return static_cast<int64_t>(acc);
}

std::string formatDouble(double v, bool isFloat) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  const float f = static_cast<float>(v);
  auto print = [&](std::chars_format fmt) {
    auto res = isFloat ? std::to_chars(buf, buf + sizeof buf, f, fmt)
                       : std::to_chars(buf, buf + sizeof buf, v, fmt);
    return std::string(buf, res.ptr);
  };
  std::string s = isFloat ? std::string(buf, std::to_chars(buf, buf + sizeof buf, f).ptr)
                          : std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  const double a = std::fabs(v);
  // Java prints plain notation in [1e-3, 1e7) and computerized scientific outside it.
  if (a >= 1e-3 && a < 1e7) {
    if (s.find('e') != std::string::npos) s = print(std::chars_format::fixed);
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
  }
  s = print(std::chars_format::scientific);
  const size_t e = s.find('e');
  std::string mant = s.substr(0, e), ex = s.substr(e + 1);
  if (mant.find('.') == std::string::npos) mant += ".0";
  if (ex[0] == '+') ex.erase(0, 1);
  const bool negExp = ex[0] == '-';
  if (negExp) ex.erase(0, 1);
  while (ex.size() > 1 && ex[0] == '0') ex.erase(0, 1);
  return mant + "E" + (negExp ? "-" : "") + ex;
}

int64_t charLength(std::string_view s) {
  int64_t n = 0;
  for (char c : s) n += !isContinuation(static_cast<unsigned char>(c));
  return n;
}

std::string upper(std::string_view s) {
  return mapCase(s, toUpperCp);
}
std::string lower(std::string_view s) {
  return mapCase(s, toLowerCp);
}

std::string initcap(std::string_view s) {
  std::string low = lower(s);
  std::string out;
  bool start = true;
  for (auto cp : codePoints(low)) {
    if (start)
      appendUtf8(toUpperCp(decode(cp)), out);
    else
      out += cp;
    start = cp == " ";
  }
  return out;
}

std::string reverse(std::string_view s) {
  auto cps = codePoints(s);
  std::string out;
  out.reserve(s.size());
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
  return out;
}

std::string substring(std::string_view s, int64_t pos, int64_t len) {
  const int64_t n = charLength(s);
  int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
  int64_t end = start + len;  // int64 arithmetic: no overflow for int32 inputs
  start = std::max<int64_t>(start, 0);
  if (start >= end) return "";
  end = std::min(end, n);
  if (start >= end) return "";
  const size_t b = offsetOfChar(s, start);
  const size_t e = offsetOfChar(s, end);
  return std::string(s.substr(b, e - b));
}

std::string ltrim(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  return b == std::string_view::npos ? "" : std::string(s.substr(b));
}
std::string rtrim(std::string_view s, std::string_view chars) {
  const size_t e = s.find_last_not_of(chars);
  return e == std::string_view::npos ? "" : std::string(s.substr(0, e + 1));
}
std::string trim(std::string_view s, std::string_view chars) {
  return rtrim(ltrim(s, chars), chars);
}

std::string lpad(std::string_view s, int64_t len, std::string_view p) {
  return pad(s, len, p, true);
}
std::string rpad(std::string_view s, int64_t len, std::string_view p) {
  return pad(s, len, p, false);
}

int64_t instr(std::string_view s, std::string_view sub) {
  const size_t at = s.find(sub);
  return at == std::string_view::npos ? 0 : charLength(s.substr(0, at)) + 1;
}

int64_t locate(std::string_view sub, std::string_view s, int64_t pos) {
  if (pos < 1) return 0;
  if (sub.empty()) return 1;  // UTF8String.indexOf of an empty string is 0, whatever the start
  const size_t from = offsetOfChar(s, pos - 1);
  if (from > s.size() || (from == s.size() && pos - 1 > charLength(s))) return 0;
  const size_t at = s.find(sub, from);
  return at == std::string_view::npos ? 0 : charLength(s.substr(0, at)) + 1;
}

std::string replace(std::string_view s, std::string_view search, std::string_view rep) {
  if (search.empty()) return std::string(s);
  std::string out;
  size_t i = 0;
  for (size_t at; (at = s.find(search, i)) != std::string_view::npos; i = at + search.size()) {
    out.append(s.substr(i, at - i));
    out.append(rep);
  }
  out.append(s.substr(i));
  return out;
}

std::string repeat(std::string_view s, int64_t n) {
  std::string out;
  for (int64_t i = 0; i < n; ++i) out += s;
  return out;
}

bool contains(std::string_view s, std::string_view p) {
  if (p.empty()) return true;
  return memmem(s.data(), s.size(), p.data(), p.size()) != nullptr;
}

bool like(std::string_view s, std::string_view pattern, char escape) {
  const LikeProgram* prog = likeProgram(pattern, escape);
  if (!prog->byteWise) return likeMatch(codePoints(s), prog->toks);
  return likeBytes(s, *prog);
}

bool likeCodePoints(std::string_view s, std::string_view pattern, char escape) {
  return likeMatch(codePoints(s), compileLike(pattern, escape));
}

bool ilike(std::string_view s, std::string_view pattern, char escape) {
  return like(lower(s), lower(pattern), escape);
}

void validateRegex(std::string_view regex) {
  compileRegex(regex);
}

bool rlike(std::string_view s, std::string_view regex) {
  auto re = compileRegex(regex);
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re);
}

std::vector<std::string> split(std::string_view s, std::string_view regex, int64_t limit) {
  auto re = compileRegex(regex);
  std::vector<std::string> out;
  if (s.empty()) return {""};
  re2::StringPiece input(s.data(), s.size());
  size_t pos = 0, last = 0;
  re2::StringPiece m;
  while (pos <= s.size() && (limit <= 0 || static_cast<int64_t>(out.size()) < limit - 1)) {
    if (!re->Match(input, pos, s.size(), RE2::UNANCHORED, &m, 1)) break;
    const size_t mb = static_cast<size_t>(m.data() - s.data()), me = mb + m.size();
    if (me == 0) {  // Java drops a zero-width match at the very beginning
      pos = 1;
      continue;
    }
    if (m.empty() && mb >= s.size()) break;
    out.emplace_back(s.substr(last, mb - last));
    last = me;
    pos = m.empty() ? me + 1 : me;
  }
  out.emplace_back(s.substr(last));
  return out;
}

std::string regexpExtract(std::string_view s, std::string_view regex, int64_t idx) {
  auto re = compileRegex(regex);
  const int groups = re->NumberOfCapturingGroups();
  if (idx < 0 || idx > groups)
    throw std::invalid_argument("Regex group count is " + std::to_string(groups) +
                                ", but the specified group index is " + std::to_string(idx));
  std::vector<re2::StringPiece> m(static_cast<size_t>(groups) + 1);
  re2::StringPiece input(s.data(), s.size());
  if (!re->Match(input, 0, s.size(), RE2::UNANCHORED, m.data(), groups + 1)) return "";
  const auto& g = m[static_cast<size_t>(idx)];
  return g.data() ? std::string(g.data(), g.size()) : "";
}

std::string regexpReplace(std::string_view s, std::string_view regex, std::string_view rep,
                          int64_t pos) {
  auto re = compileRegex(regex);
  if (pos <= 0) throw std::invalid_argument("regexp_replace position must be positive");
  const int groups = re->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> m(static_cast<size_t>(groups) + 1);
  const size_t startByte = offsetOfChar(s, pos - 1);
  if (startByte >= s.size() && pos - 1 > charLength(s)) return std::string(s);
  std::string out(s.substr(0, startByte));
  re2::StringPiece input(s.data(), s.size());
  size_t i = startByte, copied = startByte;
  while (i <= s.size() && re->Match(input, i, s.size(), RE2::UNANCHORED, m.data(), groups + 1)) {
    const size_t mb = static_cast<size_t>(m[0].data() - s.data()), me = mb + m[0].size();
    out.append(s.substr(copied, mb - copied));
    // Java replacement syntax: $n inserts group n, backslash escapes the next character.
    for (size_t k = 0; k < rep.size(); ++k) {
      const char c = rep[k];
      if (c == '\\' && k + 1 < rep.size()) {
        out += rep[++k];
      } else if (c == '$' && k + 1 < rep.size() &&
                 std::isdigit(static_cast<unsigned char>(rep[k + 1]))) {
        int g = rep[++k] - '0';
        while (k + 1 < rep.size() && std::isdigit(static_cast<unsigned char>(rep[k + 1])) &&
               g * 10 + (rep[k + 1] - '0') <= groups)
          g = g * 10 + (rep[++k] - '0');
        if (g > groups) throw std::invalid_argument("No group " + std::to_string(g));
        const auto& gm = m[static_cast<size_t>(g)];
        if (gm.data()) out.append(gm.data(), gm.size());
      } else if (c == '$') {
        throw std::invalid_argument("Illegal group reference in '" + std::string(rep) + "'");
      } else {
        out += c;
      }
    }
    copied = me;
    if (me == mb) {
      if (me >= s.size()) break;
      // Empty match: copy one code point and move on.
      size_t next = me + 1;
      while (next < s.size() && isContinuation(static_cast<unsigned char>(s[next]))) ++next;
      out.append(s.substr(me, next - me));
      copied = i = next;
    } else {
      i = me;
    }
  }
  if (copied < s.size()) out.append(s.substr(copied));
  return out;
}

}  // namespace sluice::stdlib
