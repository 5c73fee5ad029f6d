#pragma once
// Bit and bucket kernels with Spark semantics: bit_count, bit_get, width_bucket. Written once
// for constant folding and (through the extern "C" entry points below) generated code.
#include <cstdint>
#include <optional>

namespace sluice::stdlib {

/// bit_count: set bits of the value widened to 64 bits (Spark's Long.bitCount), so
/// bit_count(-1) is 64 for every integral type.
int32_t bitCount(int64_t v);
/// bit_get(v, pos): bit `pos` (0 = least significant) of a `width`-bit value; throws
/// std::invalid_argument with Spark's message when pos is outside [0, width).
int8_t bitGet(int64_t v, int32_t pos, int32_t width);
/// width_bucket(v, min, max, n): Spark's WidthBucket.computeBucketNumber; nullopt for NaN or
/// infinite bounds, min == max, n <= 0 or n == Long.MaxValue.
std::optional<int64_t> widthBucket(double v, double min, double max, int64_t n);

}  // namespace sluice::stdlib

extern "C" {
int32_t sluice_bit_count(int64_t v);
/// A position out of range fails the query (kernel error) and gives NULL.
uint8_t sluice_bit_get(int64_t v, int32_t pos, int32_t width, int8_t* out);
uint8_t sluice_width_bucket(double v, double min, double max, int64_t n, int64_t* out);
}
