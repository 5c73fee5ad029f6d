#include "stdlib/math.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sluice::stdlib {
namespace {

TEST(Math, Rounding) {
  EXPECT_EQ(roundHalfUp(2.5, 0), 3.0);
  EXPECT_EQ(roundHalfUp(-2.5, 0), -3.0);
  EXPECT_EQ(roundHalfUp(0.125, 2), 0.13);
  EXPECT_EQ(roundHalfUp(2.675, 2), 2.68);
  EXPECT_EQ(roundHalfUp(0.0004, 2), 0.0);
  EXPECT_EQ(roundHalfUp(0.005, 2), 0.01);
  EXPECT_EQ(roundHalfUp(99.5, 0), 100.0);
  EXPECT_EQ(roundHalfUp(1234.0, -2), 1200.0);
  EXPECT_EQ(roundHalfUp(1e300, 2), 1e300);
  EXPECT_TRUE(std::isnan(roundHalfUp(NAN, 2)));
  EXPECT_EQ(roundHalfEven(2.5, 0), 2.0);
  EXPECT_EQ(roundHalfEven(0.125, 2), 0.12);
  EXPECT_EQ(roundIntegral(25, -1, true), 20);
  EXPECT_EQ(roundIntegral(-15, -1, false), -20);
  EXPECT_EQ(roundDecimal(12345, 3, 1, false), 123);
  // ceil / floor with a scale: 3.14159 at 2 digits, -3.14159 at 1, 1234.5 at -2.
  EXPECT_EQ(roundDecimal(314159, 5, 2, RoundMode::Ceiling), 315);
  EXPECT_EQ(roundDecimal(314159, 5, 2, RoundMode::Floor), 314);
  EXPECT_EQ(roundDecimal(-314159, 5, 1, RoundMode::Ceiling), -31);
  EXPECT_EQ(roundDecimal(-314159, 5, 1, RoundMode::Floor), -32);
  EXPECT_EQ(roundDecimal(12345, 1, -2, RoundMode::Ceiling), 1300);
  EXPECT_EQ(roundDecimal(12300, 2, 0, RoundMode::Ceiling), 123);
}

TEST(Math, Misc) {
  EXPECT_EQ(floorToLong(-0.5), -1);
  EXPECT_EQ(ceilToLong(-0.5), 0);
  EXPECT_EQ(ceilToLong(1e300), INT64_MAX);
  EXPECT_EQ(floorToLong(NAN), 0);
  EXPECT_EQ(pmodLong(-7, 3), 2);
  EXPECT_EQ(pmodLong(7, -3), 1);
  EXPECT_EQ(pmodDouble(-7.5, 2), 0.5);
  EXPECT_FALSE(logOf(0));
  EXPECT_EQ(*logBase(10, 100), 2);
  EXPECT_EQ(signum(-0.0), -0.0);
}

}  // namespace
}  // namespace sluice::stdlib
