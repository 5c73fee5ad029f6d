#include "stdlib/hash_abi.h"

#include <string_view>

#include "stdlib/hash.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
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

}  // extern "C"
