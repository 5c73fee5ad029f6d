#include "stdlib/strings_spark_abi.h"

#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "stdlib/kernel_error.h"
#include "stdlib/number_format.h"
#include "stdlib/strings_spark.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}
std::string_view sv(const uint8_t* s, int64_t n) {
  return sv(reinterpret_cast<const char*>(s), n);
}

// Copies a kernel result into the arena: the std::string dies here, the view must not.
void put(StringArena* a, std::string_view r, StringView* out) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  *out = StringView{p, static_cast<int64_t>(r.size())};
}

// Exceptions must not cross JIT'd frames: an invalid argument is recorded for the runtime
// (kernel_error.h fails the query, like Spark's exception) and the result is NULL.
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

}  // namespace

extern "C" {

void sluice_str_hex_long(StringArena* a, int64_t v, StringView* out) {
  put(a, sl::hexOfLong(v), out);
}
void sluice_str_hex_string(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::hexOfBytes(sv(s, n)), out);
}
void sluice_str_hex_binary(StringArena* a, const uint8_t* s, int64_t n, StringView* out) {
  put(a, sl::hexOfBytes(sv(s, n)), out);
}
uint8_t sluice_str_unhex(StringArena* a, const char* s, int64_t n, StringView* out) {
  auto r = sl::unhex(sv(s, n));
  if (!r) return 0;
  put(a, *r, out);
  return 1;
}
void sluice_str_base64(StringArena* a, const uint8_t* s, int64_t n, StringView* out) {
  put(a, sl::base64Encode(sv(s, n)), out);
}
void sluice_str_unbase64(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::base64Decode(sv(s, n)), out);
}
uint8_t sluice_str_encode(StringArena* a, const char* s, int64_t n, const char* cs, int64_t csLen,
                          StringView* out) {
  return guarded([&] { put(a, sl::encodeCharset(sv(s, n), sv(cs, csLen)), out); });
}
uint8_t sluice_str_decode(StringArena* a, const uint8_t* s, int64_t n, const char* cs,
                          int64_t csLen, StringView* out) {
  return guarded([&] { put(a, sl::decodeCharset(sv(s, n), sv(cs, csLen)), out); });
}
uint8_t sluice_str_split_part(StringArena* a, const char* s, int64_t n, const char* d, int64_t dLen,
                              int32_t part, StringView* out) {
  return guarded([&] { put(a, sl::splitPart(sv(s, n), sv(d, dLen), part), out); });
}
void sluice_str_substring_index(StringArena* a, const char* s, int64_t n, const char* d,
                                int64_t dLen, int32_t count, StringView* out) {
  put(a, sl::substringIndex(sv(s, n), sv(d, dLen), count), out);
}
int32_t sluice_str_levenshtein(const char* s, int64_t n, const char* t, int64_t tLen) {
  return static_cast<int32_t>(sl::levenshtein(sv(s, n), sv(t, tLen)));
}
int32_t sluice_str_levenshtein_bounded(const char* s, int64_t n, const char* t, int64_t tLen,
                                       int32_t threshold) {
  return static_cast<int32_t>(sl::levenshteinBounded(sv(s, n), sv(t, tLen), threshold));
}
void sluice_str_soundex(StringArena* a, const char* s, int64_t n, StringView* out) {
  put(a, sl::soundex(sv(s, n)), out);
}
void sluice_str_translate(StringArena* a, const char* s, int64_t n, const char* f, int64_t fLen,
                          const char* t, int64_t tLen, StringView* out) {
  put(a, sl::translate(sv(s, n), sv(f, fLen), sv(t, tLen)), out);
}
void sluice_str_overlay(StringArena* a, const char* s, int64_t n, const char* r, int64_t rLen,
                        int32_t pos, StringView* out) {
  put(a, sl::overlay(sv(s, n), sv(r, rLen), pos), out);
}
void sluice_str_overlay_len(StringArena* a, const char* s, int64_t n, const char* r, int64_t rLen,
                            int32_t pos, int32_t len, StringView* out) {
  put(a, sl::overlay(sv(s, n), sv(r, rLen), pos, len), out);
}
uint8_t sluice_str_to_binary_fmt(StringArena* a, const char* s, int64_t n, const char* f,
                                 int64_t fLen, StringView* out) {
  std::optional<std::string> r;
  if (!guarded([&] { r = sl::toBinary(sv(s, n), sv(f, fLen)); })) return 0;
  if (!r) {
    sluice::raiseKernelError(sl::malformedBinaryMessage(sv(s, n), sv(f, fLen)));
    return 0;
  }
  put(a, *r, out);
  return 1;
}
uint8_t sluice_str_to_binary(StringArena* a, const char* s, int64_t n, StringView* out) {
  return sluice_str_to_binary_fmt(a, s, n, "hex", 3, out);
}
uint8_t sluice_str_try_to_binary_fmt(StringArena* a, const char* s, int64_t n, const char* f,
                                     int64_t fLen, StringView* out) {
  std::optional<std::string> r;
  if (!guarded([&] { r = sl::toBinary(sv(s, n), sv(f, fLen)); }) || !r) return 0;
  put(a, *r, out);
  return 1;
}
uint8_t sluice_str_try_to_binary(StringArena* a, const char* s, int64_t n, StringView* out) {
  return sluice_str_try_to_binary_fmt(a, s, n, "hex", 3, out);
}
uint8_t sluice_str_try_to_number(const char* s, int64_t n, const char* f, int64_t fLen,
                                 __int128* out) {
  // The format is a constant in practice: keep its parse per thread.
  thread_local std::string lastText;
  thread_local std::optional<sl::NumberFormat> last;
  if (!last || lastText != sv(f, fLen)) {
    last.reset();
    if (!guarded([&] { last = sl::NumberFormat::parse(sv(f, fLen)); })) return 0;
    lastText.assign(sv(f, fLen));
  }
  const auto v = last->read(sv(s, n));
  if (!v) return 0;
  *out = *v;
  return 1;
}
uint8_t sluice_str_to_number(const char* s, int64_t n, const char* f, int64_t fLen, __int128* out) {
  if (sluice_str_try_to_number(s, n, f, fLen, out)) return 1;
  if (!sluice::hasKernelError())
    sluice::raiseKernelError(sl::numberMismatchMessage(sv(s, n), sv(f, fLen)));
  return 0;
}
uint8_t sluice_str_to_char_number(StringArena* a, __int128 v, int32_t scale, const char* f,
                                  int64_t fLen, StringView* out) {
  return guarded([&] { put(a, sl::formatNumber(sv(f, fLen), v, scale), out); });
}
uint8_t sluice_str_luhn_check(const char* s, int64_t n) {
  return sl::luhnCheck(sv(s, n)) ? 1 : 0;
}
}
