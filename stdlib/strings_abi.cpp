#include "stdlib/strings_abi.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"
#include "stdlib/strings.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

// Copies a kernel result into the arena: the std::string dies here, the view must not.
void put(StringArena* a, const std::string& r, StringView* out) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  *out = StringView{p, static_cast<int64_t>(r.size())};
}

// Runs a kernel that throws std::invalid_argument for a bad pattern: exceptions must not
// cross JIT'd frames, so the error is recorded for the runtime (kernel_error.h, which fails
// the query like Spark) and the result is NULL. Constant patterns are checked before the
// kernel runs (ExprCodegen), so only patterns taken from data get here invalid.
template <typename F>
uint8_t guarded(F&& f) {
  try {
    f();
    return 1;
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    return 0;
  }
}

// LIKE's ESCAPE argument: one character (Spark's message otherwise).
char likeEscape(const char* e, int64_t eLen) {
  if (eLen != 1)
    throw std::invalid_argument("the escape character must be a single character, got '" +
                                std::string(sv(e, eLen)) + "'");
  return e[0];
}

}  // namespace

extern "C" {

int32_t sluice_str_length(const char* s, int64_t n) {
  return static_cast<int32_t>(sl::charLength(sv(s, n)));
}
void sluice_str_upper(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::upper(sv(s, n)), out);
}
void sluice_str_lower(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::lower(sv(s, n)), out);
}
void sluice_str_substring(StringArena* a, const char* s, int64_t n, int32_t pos, int32_t len,
                          StringView* out) {
  put(a, sl::substring(sv(s, n), pos, len), out);
}
void sluice_str_substring_from(StringArena* a, const char* s, int64_t n, int32_t pos,
                               StringView* out) {
  put(a, sl::substring(sv(s, n), pos), out);
}
void sluice_str_concat(StringArena* a, const StringView* args, int64_t count, StringView* out) {
  int64_t total = 0;
  for (int64_t i = 0; i < count; ++i) total += args[i].len;
  char* p = a->allocate(static_cast<size_t>(total));
  char* at = p;
  for (int64_t i = 0; i < count; ++i) {
    if (args[i].len > 0) std::memcpy(at, args[i].ptr, static_cast<size_t>(args[i].len));
    at += args[i].len;
  }
  *out = StringView{p, total};
}
void sluice_str_trim(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::trim(sv(s, n)), out);
}
void sluice_str_trim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                           int64_t charsLen, StringView* out) {
  put(a, sl::trim(sv(s, n), sv(chars, charsLen)), out);
}
void sluice_str_replace(StringArena* a, const char* s, int64_t n, const char* search,
                        int64_t searchLen, const char* rep, int64_t repLen, StringView* out) {
  put(a, sl::replace(sv(s, n), sv(search, searchLen), sv(rep, repLen)), out);
}
void sluice_str_remove(StringArena* a, const char* s, int64_t n, const char* search,
                       int64_t searchLen, StringView* out) {
  put(a, sl::replace(sv(s, n), sv(search, searchLen), ""), out);
}
void sluice_str_lpad(StringArena* a, const char* s, int64_t n, int32_t len, const char* pad,
                     int64_t padLen, StringView* out) {
  put(a, sl::lpad(sv(s, n), len, sv(pad, padLen)), out);
}
void sluice_str_lpad_space(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out) {
  put(a, sl::lpad(sv(s, n), len), out);
}
void sluice_str_rpad(StringArena* a, const char* s, int64_t n, int32_t len, const char* pad,
                     int64_t padLen, StringView* out) {
  put(a, sl::rpad(sv(s, n), len, sv(pad, padLen)), out);
}
void sluice_str_rpad_space(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out) {
  put(a, sl::rpad(sv(s, n), len), out);
}

int32_t sluice_str_octet_length(const char*, int64_t n) {
  return static_cast<int32_t>(n);
}
void sluice_str_initcap(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::initcap(sv(s, n)), out);
}
void sluice_str_reverse(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::reverse(sv(s, n)), out);
}
void sluice_str_repeat(StringArena* a, const char* s, int64_t n, int32_t times, StringView* out) {
  put(a, sl::repeat(sv(s, n), times), out);
}
void sluice_str_ltrim(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::ltrim(sv(s, n)), out);
}
void sluice_str_ltrim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                            int64_t charsLen, StringView* out) {
  put(a, sl::ltrim(sv(s, n), sv(chars, charsLen)), out);
}
void sluice_str_rtrim(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::rtrim(sv(s, n)), out);
}
void sluice_str_rtrim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                            int64_t charsLen, StringView* out) {
  put(a, sl::rtrim(sv(s, n), sv(chars, charsLen)), out);
}
void sluice_str_left(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out) {
  put(a, sl::substring(sv(s, n), 1, len), out);
}
void sluice_str_right(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out) {
  put(a, len <= 0 ? std::string() : sl::substring(sv(s, n), -static_cast<int64_t>(len)), out);
}
int32_t sluice_str_instr(const char* s, int64_t n, const char* sub, int64_t subLen) {
  return static_cast<int32_t>(sl::instr(sv(s, n), sv(sub, subLen)));
}
int32_t sluice_str_locate(const char* sub, int64_t subLen, const char* s, int64_t n) {
  return static_cast<int32_t>(sl::locate(sv(sub, subLen), sv(s, n)));
}
int32_t sluice_str_locate_from(const char* sub, int64_t subLen, const char* s, int64_t n,
                               int32_t pos) {
  return static_cast<int32_t>(sl::locate(sv(sub, subLen), sv(s, n), pos));
}
uint8_t sluice_str_startswith(const char* s, int64_t n, const char* p, int64_t pLen) {
  return sl::startsWith(sv(s, n), sv(p, pLen));
}
uint8_t sluice_str_endswith(const char* s, int64_t n, const char* p, int64_t pLen) {
  return sl::endsWith(sv(s, n), sv(p, pLen));
}
uint8_t sluice_str_contains(const char* s, int64_t n, const char* p, int64_t pLen) {
  return sl::contains(sv(s, n), sv(p, pLen));
}
int32_t sluice_str_ascii(const char* s, int64_t n) {
  const std::string first = sl::substring(sv(s, n), 1, 1);
  if (first.empty()) return 0;
  // The first code point, decoded from UTF-8.
  uint32_t cp = static_cast<unsigned char>(first[0]);
  if (first.size() > 1) {
    cp &= 0xFFu >> (first.size() + 1);
    for (size_t i = 1; i < first.size(); ++i)
      cp = (cp << 6) | (static_cast<unsigned char>(first[i]) & 0x3F);
  }
  return static_cast<int32_t>(cp);
}
void sluice_str_concat_ws(StringArena* a, const char* sep, int64_t sepLen, const StringView* args,
                          int64_t count, StringView* out) {
  int64_t total = 0, present = 0;
  for (int64_t i = 0; i < count; ++i)
    if (args[i].len >= 0) total += args[i].len, ++present;
  if (present > 1) total += sepLen * (present - 1);
  char* p = a->allocate(static_cast<size_t>(total));
  char* at = p;
  bool first = true;
  for (int64_t i = 0; i < count; ++i) {
    if (args[i].len < 0) continue;
    if (!first && sepLen > 0) {
      std::memcpy(at, sep, static_cast<size_t>(sepLen));
      at += sepLen;
    }
    first = false;
    if (args[i].len > 0) std::memcpy(at, args[i].ptr, static_cast<size_t>(args[i].len));
    at += args[i].len;
  }
  *out = StringView{p, total};
}
uint8_t sluice_str_like(const char* s, int64_t n, const char* p, int64_t pLen, uint8_t* out) {
  return guarded([&] { *out = sl::like(sv(s, n), sv(p, pLen)); });
}
uint8_t sluice_str_like_escape(const char* s, int64_t n, const char* p, int64_t pLen, const char* e,
                               int64_t eLen, uint8_t* out) {
  return guarded([&] { *out = sl::like(sv(s, n), sv(p, pLen), likeEscape(e, eLen)); });
}
uint8_t sluice_str_ilike(const char* s, int64_t n, const char* p, int64_t pLen, uint8_t* out) {
  return guarded([&] { *out = sl::ilike(sv(s, n), sv(p, pLen)); });
}
uint8_t sluice_str_ilike_escape(const char* s, int64_t n, const char* p, int64_t pLen,
                                const char* e, int64_t eLen, uint8_t* out) {
  return guarded([&] { *out = sl::ilike(sv(s, n), sv(p, pLen), likeEscape(e, eLen)); });
}
uint8_t sluice_str_rlike(const char* s, int64_t n, const char* re, int64_t reLen, uint8_t* out) {
  return guarded([&] { *out = sl::rlike(sv(s, n), sv(re, reLen)); });
}
const void* sluice_str_split_limit(StringArena* a, const char* s, int64_t n, const char* re,
                                   int64_t reLen, int32_t limit) {
  std::vector<std::string> parts;
  if (!guarded([&] { parts = sl::split(sv(s, n), sv(re, reLen), limit); })) return nullptr;
  auto* arr = static_cast<sluice::ArrayData*>(a->allocateAligned(sizeof(sluice::ArrayData)));
  auto* slots = static_cast<sluice::Slot*>(
      a->allocateAligned(sizeof(sluice::Slot) * std::max<size_t>(parts.size(), 1)));
  for (size_t i = 0; i < parts.size(); ++i) {
    StringView v;
    put(a, parts[i], &v);
    slots[i].set(v);
  }
  *arr = sluice::ArrayData{static_cast<int64_t>(parts.size()), nullptr, slots};
  return arr;
}
const void* sluice_str_split(StringArena* a, const char* s, int64_t n, const char* re,
                             int64_t reLen) {
  return sluice_str_split_limit(a, s, n, re, reLen, -1);
}
uint8_t sluice_str_regexp_extract(StringArena* a, const char* s, int64_t n, const char* re,
                                  int64_t reLen, StringView* out) {
  return sluice_str_regexp_extract_group(a, s, n, re, reLen, 1, out);
}
uint8_t sluice_str_regexp_extract_group(StringArena* a, const char* s, int64_t n, const char* re,
                                        int64_t reLen, int32_t group, StringView* out) {
  return guarded([&] { put(a, sl::regexpExtract(sv(s, n), sv(re, reLen), group), out); });
}
uint8_t sluice_str_regexp_replace(StringArena* a, const char* s, int64_t n, const char* re,
                                  int64_t reLen, const char* rep, int64_t repLen, StringView* out) {
  return sluice_str_regexp_replace_from(a, s, n, re, reLen, rep, repLen, 1, out);
}
uint8_t sluice_str_regexp_replace_from(StringArena* a, const char* s, int64_t n, const char* re,
                                       int64_t reLen, const char* rep, int64_t repLen, int32_t pos,
                                       StringView* out) {
  return guarded(
      [&] { put(a, sl::regexpReplace(sv(s, n), sv(re, reLen), sv(rep, repLen), pos), out); });
}

}  // extern "C"
