#include "stdlib/bits.h"

#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "stdlib/kernel_error.h"

namespace sluice::stdlib {

int32_t bitCount(int64_t v) {
  return std::popcount(static_cast<uint64_t>(v));
}

int8_t bitGet(int64_t v, int32_t pos, int32_t width) {
  if (pos < 0)
    throw std::invalid_argument("Invalid bit position: " + std::to_string(pos) +
                                " is less than zero");
  if (pos >= width)
    throw std::invalid_argument("Invalid bit position: " + std::to_string(pos) +
                                " exceeds the bit upper limit");
  return static_cast<int8_t>((static_cast<uint64_t>(v) >> pos) & 1);
}

std::optional<int64_t> widthBucket(double v, double min, double max, int64_t n) {
  if (n <= 0 || n == std::numeric_limits<int64_t>::max() || std::isnan(v) || min == max ||
      !std::isfinite(min) || !std::isfinite(max))
    return std::nullopt;
  const auto buckets = static_cast<double>(n);
  if (min < max) {
    if (v < min) return 0;
    if (v >= max) return n + 1;
    return static_cast<int64_t>(std::floor((v - min) / (max - min) * buckets)) + 1;
  }
  if (v > min) return 0;
  if (v <= max) return n + 1;
  return static_cast<int64_t>(std::floor((min - v) / (min - max) * buckets)) + 1;
}

}  // namespace sluice::stdlib

extern "C" {

int32_t sluice_bit_count(int64_t v) {
  return sluice::stdlib::bitCount(v);
}

uint8_t sluice_bit_get(int64_t v, int32_t pos, int32_t width, int8_t* out) {
  try {
    *out = sluice::stdlib::bitGet(v, pos, width);
    return 1;
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());  // exceptions must not cross JIT'd frames
    return 0;
  }
}

uint8_t sluice_width_bucket(double v, double min, double max, int64_t n, int64_t* out) {
  const auto r = sluice::stdlib::widthBucket(v, min, max, n);
  if (r) *out = *r;
  return r ? 1 : 0;
}
}
