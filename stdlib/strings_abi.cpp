#include "stdlib/strings_abi.h"

#include <cstring>
#include <string>
#include <string_view>

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

}  // extern "C"
