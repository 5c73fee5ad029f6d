#include "stdlib/decimal.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sluice::stdlib {
namespace {

std::string dec(std::string_view s, int p, int sc) {
  auto v = parseDecimal(s, p, sc);
  return v ? decimalToString(*v, sc) : "NULL";
}

TEST(Decimal, Parse) {
  EXPECT_EQ(dec("1.25", 3, 1), "1.3");
  EXPECT_EQ(dec("-1.25", 3, 1), "-1.3");
  EXPECT_EQ(dec("1.24", 3, 1), "1.2");
  EXPECT_EQ(dec(" 12 ", 5, 2), "12.00");
  EXPECT_EQ(dec("1e3", 5, 0), "1000");
  EXPECT_EQ(dec("1.5e-1", 5, 2), "0.15");
  EXPECT_EQ(dec("123456", 5, 0), "NULL");
  EXPECT_EQ(dec("abc", 5, 0), "NULL");
  EXPECT_EQ(dec("", 5, 0), "NULL");
  EXPECT_EQ(dec("99999999999999999999999999999999999999", 38, 0),
            "99999999999999999999999999999999999999");
  EXPECT_EQ(dec(".5", 2, 1), "0.5");
}

TEST(Decimal, RescaleAndConvert) {
  EXPECT_EQ(*rescaleDecimal(125, 2, 1, 5), 13);
  EXPECT_EQ(*rescaleDecimal(-125, 2, 1, 5), -13);
  EXPECT_FALSE(rescaleDecimal(1000, 0, 1, 4));
  EXPECT_EQ(decimalToString(*doubleToDecimal(0.1, 10, 5), 5), "0.10000");
  EXPECT_FALSE(doubleToDecimal(NAN, 10, 2));
  EXPECT_DOUBLE_EQ(decimalToDouble(12345, 2), 123.45);
  EXPECT_EQ(decimalToLong(-12345, 2), -123);
  EXPECT_TRUE(fitsPrecision(999, 3));
  EXPECT_FALSE(fitsPrecision(1000, 3));
}

}  // namespace
}  // namespace sluice::stdlib
