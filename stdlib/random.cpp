#include "stdlib/random.h"

#include <cmath>
#include <string_view>

#include "stdlib/hash.h"

namespace sluice::stdlib {

int64_t xorShiftHashSeed(int64_t seed) {
  char bytes[8];
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<char>(static_cast<uint64_t>(seed) >> (56 - 8 * i));
  // Scala's MurmurHash3.arraySeed; for 8 bytes (no tail) bytesHash is Murmur3_x86_32.
  const std::string_view data(bytes, 8);
  const int32_t low = murmur3HashBytes(data, 0x3c074a61);
  const int32_t high = murmur3HashBytes(data, low);
  return static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(high)) << 32) |
                              static_cast<uint32_t>(low));
}

XorShiftRandom::XorShiftRandom(int64_t seed) : seed_(xorShiftHashSeed(seed)) {}

int32_t XorShiftRandom::next(int bits) {
  uint64_t s = static_cast<uint64_t>(seed_);
  s ^= s << 21;
  s ^= s >> 35;  // Scala's >>> on a Long
  s ^= s << 4;
  seed_ = static_cast<int64_t>(s);
  return static_cast<int32_t>(s & ((uint64_t{1} << bits) - 1));
}

double XorShiftRandom::nextDouble() {
  const int64_t hi = static_cast<int64_t>(next(26)) << 27;
  return static_cast<double>(hi + next(27)) * 0x1.0p-53;
}

double XorShiftRandom::nextGaussian() {
  if (haveNextNextGaussian_) {
    haveNextNextGaussian_ = false;
    return nextNextGaussian_;
  }
  double v1, v2, s;
  do {
    v1 = 2 * nextDouble() - 1;
    v2 = 2 * nextDouble() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s >= 1 || s == 0);
  const double multiplier = std::sqrt(-2 * std::log(s) / s);
  nextNextGaussian_ = v2 * multiplier;
  haveNextNextGaussian_ = true;
  return v1 * multiplier;
}

}  // namespace sluice::stdlib
