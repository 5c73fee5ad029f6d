#include "stdlib/hash_abi.h"

#include <cstring>
#include <string>
#include <string_view>

#include "stdlib/hash.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}
std::string_view sv(const uint8_t* s, int64_t n) {
  return sv(reinterpret_cast<const char*>(s), n);
}

// Copies `text` into the arena as the result view.
void emit(sluice::StringArena* a, const std::string& text, sluice::StringView* out) {
  char* p = a->allocate(text.size());
  std::memcpy(p, text.data(), text.size());
  *out = sluice::StringView{p, static_cast<int64_t>(text.size())};
}

}  // namespace

extern "C" {

int32_t sluice_hash_murmur3_int(int32_t v, int32_t seed) {
  return sl::murmur3HashInt(v, seed);
}
int32_t sluice_hash_murmur3_long(int64_t v, int32_t seed) {
  return sl::murmur3HashLong(v, seed);
}
int32_t sluice_hash_murmur3_float(float v, int32_t seed) {
  return sl::murmur3HashInt(sl::hashableFloatBits(v), seed);
}
int32_t sluice_hash_murmur3_double(double v, int32_t seed) {
  return sl::murmur3HashLong(sl::hashableDoubleBits(v), seed);
}
int32_t sluice_hash_murmur3_bytes(const char* s, int64_t n, int32_t seed) {
  return sl::murmur3HashBytes(sv(s, n), seed);
}
int32_t sluice_hash_murmur3_decimal(__int128 unscaled, int32_t seed) {
  return sl::murmur3HashBytes(sl::bigIntegerBytes(unscaled), seed);
}

int64_t sluice_hash_xxhash64_int(int32_t v, int64_t seed) {
  return sl::xxhash64Int(v, seed);
}
int64_t sluice_hash_xxhash64_long(int64_t v, int64_t seed) {
  return sl::xxhash64Long(v, seed);
}
int64_t sluice_hash_xxhash64_float(float v, int64_t seed) {
  return sl::xxhash64Int(sl::hashableFloatBits(v), seed);
}
int64_t sluice_hash_xxhash64_double(double v, int64_t seed) {
  return sl::xxhash64Long(sl::hashableDoubleBits(v), seed);
}
int64_t sluice_hash_xxhash64_bytes(const char* s, int64_t n, int64_t seed) {
  return sl::xxhash64Bytes(sv(s, n), seed);
}
int64_t sluice_hash_xxhash64_decimal(__int128 unscaled, int64_t seed) {
  return sl::xxhash64Bytes(sl::bigIntegerBytes(unscaled), seed);
}

void sluice_hash_md5(sluice::StringArena* a, const uint8_t* s, int64_t n, sluice::StringView* out) {
  emit(a, sl::md5Hex(sv(s, n)), out);
}
void sluice_hash_sha1(sluice::StringArena* a, const uint8_t* s, int64_t n,
                      sluice::StringView* out) {
  emit(a, sl::sha1Hex(sv(s, n)), out);
}
uint8_t sluice_hash_sha2(sluice::StringArena* a, const uint8_t* s, int64_t n, int32_t bitLength,
                         sluice::StringView* out) {
  const std::optional<std::string> hex = sl::sha2Hex(sv(s, n), bitLength);
  if (!hex) return 0;
  emit(a, *hex, out);
  return 1;
}
int64_t sluice_hash_crc32(const uint8_t* s, int64_t n) {
  return sl::crc32(sv(s, n));
}

}  // extern "C"
