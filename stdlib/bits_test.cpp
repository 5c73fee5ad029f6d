#include "stdlib/bits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace sluice::stdlib {
namespace {

TEST(Bits, CountAndGet) {
  EXPECT_EQ(bitCount(0), 0);
  EXPECT_EQ(bitCount(-1), 64);
  EXPECT_EQ(bitCount(11), 3);
  EXPECT_EQ(bitGet(11, 0, 8), 1);
  EXPECT_EQ(bitGet(11, 2, 8), 0);
  EXPECT_EQ(bitGet(-1, 63, 64), 1);
  EXPECT_THROW(bitGet(1, 8, 8), std::invalid_argument);
  EXPECT_THROW(bitGet(1, -1, 64), std::invalid_argument);
}

TEST(Bits, WidthBucket) {
  EXPECT_EQ(widthBucket(5.3, 0.2, 10.6, 5), 3);
  EXPECT_EQ(widthBucket(-2.1, 1.3, 3.4, 3), 0);
  EXPECT_EQ(widthBucket(8.1, 0.0, 5.7, 4), 5);
  EXPECT_EQ(widthBucket(-0.9, 5.2, 0.5, 2), 3);
  EXPECT_FALSE(widthBucket(1, 1, 1, 1).has_value());
  EXPECT_FALSE(widthBucket(1, 0, 2, 0).has_value());
  EXPECT_FALSE(widthBucket(NAN, 0, 2, 3).has_value());
  EXPECT_FALSE(widthBucket(1, 0, INFINITY, 3).has_value());
}

}  // namespace
}  // namespace sluice::stdlib
