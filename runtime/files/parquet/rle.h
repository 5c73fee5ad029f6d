#pragma once
// Parquet's RLE / bit-packing hybrid encoding, used for repetition and definition levels,
// dictionary indices and booleans (RLE encoding). A stream is a sequence of runs, each with a
// ULEB128 header: an even header `n << 1` is a repeated run of n copies of one value stored in
// ceil(width / 8) little-endian bytes; an odd header `g << 1 | 1` is g groups of 8 values
// bit-packed least-significant bit first. Widths 0..32 are allowed (0: every value is 0).
#include <cstddef>
#include <cstdint>
#include <string>

namespace sluice::parquet {

/// Bits needed to represent `maxValue` (0 for 0).
int bitWidthOf(uint64_t maxValue);

/// Appends `n` values of `width` bits, packed LSB first (the last byte padded with zeros).
void bitPack(const uint32_t* values, size_t n, int width, std::string& out);
/// Unpacks `n` values of `width` bits from `in` (which must hold ceil(n * width / 8) bytes).
void bitUnpack(const uint8_t* in, size_t n, int width, uint32_t* out);

/// The hybrid encoding of `n` values of `width` bits: runs of 8 or more equal values become
/// repeated runs, everything else bit-packed groups of 8 (the last group padded).
std::string rleEncode(const uint32_t* values, size_t n, int width);

/// Decodes a hybrid stream; every read is bounds-checked.
class RleDecoder {
 public:
  RleDecoder(const uint8_t* data, size_t size, int width)
      : p_(data), end_(data + size), width_(width) {}

  /// Decodes exactly `n` values into `out`; false when the stream ends first or is malformed
  /// (values beyond 2^width, a run header past the end).
  bool decode(uint32_t* out, size_t n);

 private:
  bool nextRun();

  const uint8_t* p_;
  const uint8_t* end_;
  int width_;
  uint64_t repeatLeft_ = 0;  // values left in the current repeated run
  uint32_t repeatValue_ = 0;
  uint64_t packedLeft_ = 0;          // values left in the current bit-packed run
  const uint8_t* packed_ = nullptr;  // next packed group
  uint32_t group_[8];                // the current unpacked group
  int groupPos_ = 8;
};

}  // namespace sluice::parquet
