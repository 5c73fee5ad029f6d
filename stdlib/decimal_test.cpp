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

// Decimal arithmetic into the binder's result types (DecimalPrecision), e.g. decimal(7,2) op
// decimal(5,1): + - -> (8,2), * -> (13,3), / -> (15,8) with HALF_UP, % -> (6,2).
std::string arith(char op, const char* a, const char* b, int P, int S) {
  auto x = parseDecimal(a, 7, 2), y = parseDecimal(b, 5, 1);
  auto r = decimalArith(op, *x, 2, *y, 1, P, S);
  return r ? decimalToString(*r, S) : "NULL";
}

TEST(Decimal, ArithmeticFollowsSpark) {
  EXPECT_EQ(arith('+', "1.25", "0.5", 8, 2), "1.75");
  EXPECT_EQ(arith('-', "-7.50", "2", 8, 2), "-9.50");
  EXPECT_EQ(arith('*', "1.25", "0.5", 13, 3), "0.625");
  EXPECT_EQ(arith('/', "1", "3", 15, 8), "0.33333333");
  EXPECT_EQ(arith('/', "2", "3", 15, 8), "0.66666667");  // HALF_UP
  EXPECT_EQ(arith('/', "-2", "3", 15, 8), "-0.66666667");
  EXPECT_EQ(arith('/', "1", "0", 15, 8), "NULL");
  EXPECT_EQ(arith('%', "-7.5", "2", 6, 2), "-1.50");
  EXPECT_EQ(arith('%', "7.5", "0", 6, 2), "NULL");
  EXPECT_EQ(arith('*', "99999.99", "9999.9", 9, 3), "NULL");  // overflow of the precision
  EXPECT_EQ(decimalIntegralDivide(-750, 2, 20, 1).value(), -3);
  EXPECT_FALSE(decimalIntegralDivide(1, 0, 0, 0));
  EXPECT_EQ(decimalToString(*decimalPmod(-750, 2, 20, 1, 6, 2), 2), "0.50");
  EXPECT_EQ(decimalFloor(-1250, 3), -2);
  EXPECT_EQ(decimalCeil(-1250, 3), -1);
  EXPECT_EQ(decimalCeil(1250, 3), 2);
  EXPECT_EQ(decimalFloor(2000, 3), 2);
}

}  // namespace
}  // namespace sluice::stdlib
