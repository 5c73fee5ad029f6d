#include "runtime/files/parquet/rle.h"

#include <gtest/gtest.h>

#include <random>

namespace sluice::parquet {
namespace {

std::vector<uint32_t> decodeAll(const std::string& s, size_t n, int width) {
  std::vector<uint32_t> out(n);
  RleDecoder d(reinterpret_cast<const uint8_t*>(s.data()), s.size(), width);
  EXPECT_TRUE(d.decode(out.data(), n));
  return out;
}

TEST(Rle, RoundTripEveryWidthWithRunsAndLiterals) {
  std::mt19937 rng(7);
  for (int width = 0; width <= 32; ++width) {
    const uint64_t mask = width == 32 ? 0xffffffffull : (uint64_t{1} << width) - 1;
    std::vector<uint32_t> v;
    for (int block = 0; block < 40; ++block) {
      const uint32_t x = static_cast<uint32_t>(rng() & mask);
      const int len = static_cast<int>(rng() % 20) + 1;  // short literals and long runs
      for (int i = 0; i < len; ++i)
        v.push_back(rng() % 3 == 0 ? static_cast<uint32_t>(rng() & mask) : x);
    }
    v.push_back(static_cast<uint32_t>(mask));  // the largest value of the width
    const std::string enc = rleEncode(v.data(), v.size(), width);
    EXPECT_EQ(decodeAll(enc, v.size(), width), v) << "width " << width;
  }
}

TEST(Rle, LongRunBecomesOneRepeatedRun) {
  std::vector<uint32_t> v(10000, 5);
  const std::string enc = rleEncode(v.data(), v.size(), 3);
  EXPECT_LE(enc.size(), 4u);
  EXPECT_EQ(decodeAll(enc, v.size(), 3), v);
}

TEST(Rle, RunAfterUnalignedLiteralsKeepsGroupsWhole) {
  std::vector<uint32_t> v = {1, 2, 3};
  v.insert(v.end(), 20, 7);
  v.push_back(1);
  const std::string enc = rleEncode(v.data(), v.size(), 3);
  EXPECT_EQ(decodeAll(enc, v.size(), 3), v);
}

TEST(Rle, TruncatedStreamFailsInsteadOfReadingPastTheEnd) {
  std::vector<uint32_t> v;
  for (uint32_t i = 0; i < 100; ++i) v.push_back(i % 13);
  const std::string enc = rleEncode(v.data(), v.size(), 4);
  for (size_t cut = 0; cut + 1 < enc.size(); ++cut) {
    std::vector<uint32_t> out(v.size());
    RleDecoder d(reinterpret_cast<const uint8_t*>(enc.data()), cut, 4);
    EXPECT_FALSE(d.decode(out.data(), out.size())) << cut;
  }
}

TEST(Rle, BitPackIsLsbFirst) {
  const uint32_t v[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string out;
  bitPack(v, 8, 3, out);
  // The format specification's example: 0..7 with width 3 packs to 10001000 11000110 11111010.
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(static_cast<uint8_t>(out[0]), 0b10001000);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0b11000110);
  EXPECT_EQ(static_cast<uint8_t>(out[2]), 0b11111010);
}

}  // namespace
}  // namespace sluice::parquet
