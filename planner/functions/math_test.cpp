#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(Math, Round) {
  EXPECT_EQ(fold("round", {litD(2.5)}), "3.0");
  EXPECT_EQ(fold("round", {litD(-2.5)}), "-3.0");
  EXPECT_EQ(fold("round", {litD(2.675), lit(2)}), "2.68");  // shortest decimal form, HALF_UP
  EXPECT_EQ(fold("round", {litD(1.005), lit(2)}), "1.01");
  EXPECT_EQ(fold("round", {litD(9.99), lit(1)}), "10.0");
  EXPECT_EQ(fold("round", {litD(1234.5), lit(-2)}), "1200.0");
  EXPECT_EQ(fold("round", {lit(15), lit(-1)}), "20");
  EXPECT_EQ(fold("round", {litDec("3.145", 4, 3), lit(2)}), "3.15");
  EXPECT_EQ(typeOf("round", {litDec("3.145", 4, 3), lit(2)}), "decimal(4,2)");
  EXPECT_EQ(fold("bround", {litD(2.5)}), "2.0");
  EXPECT_EQ(fold("bround", {litD(3.5)}), "4.0");
  EXPECT_EQ(fold("bround", {litDec("2.25", 3, 2), lit(1)}), "2.2");
  EXPECT_EQ(bindError("round", {litD(1.5), col("d", DataType::integer())}),
            "function round expects a foldable int, got int for argument 2");
}

TEST(Math, FloorCeilAbs) {
  EXPECT_EQ(typeOf("floor", {litD(1.5)}), "bigint");
  EXPECT_EQ(fold("floor", {litD(-1.5)}), "-2");
  EXPECT_EQ(fold("ceil", {litD(1.2)}), "2");
  EXPECT_EQ(fold("ceiling", {lit(3)}), "3");
  EXPECT_EQ(typeOf("ceil", {litDec("1.25", 3, 2)}), "decimal(2,0)");
  EXPECT_EQ(fold("ceil", {litDec("1.25", 3, 2)}), "2");
  EXPECT_EQ(fold("floor", {litDec("-1.25", 3, 2)}), "-2");
  EXPECT_EQ(fold("abs", {lit(-3)}), "3");
  EXPECT_EQ(fold("abs", {litDec("-1.5", 2, 1)}), "1.5");
}

TEST(Math, Functions) {
  EXPECT_EQ(fold("pow", {lit(2), lit(10)}), "1024.0");
  EXPECT_EQ(fold("sqrt", {lit(4)}), "2.0");
  EXPECT_EQ(fold("sqrt", {lit(-1)}), "NaN");
  EXPECT_EQ(fold("ln", {lit(0)}), "NULL");
  EXPECT_EQ(fold("log10", {lit(1000)}), "3.0");
  EXPECT_EQ(fold("log2", {lit(8)}), "3.0");
  EXPECT_EQ(fold("log", {lit(2), lit(8)}), "3.0");
  EXPECT_EQ(fold("exp", {lit(0)}), "1.0");
  EXPECT_EQ(fold("sign", {lit(-5)}), "-1.0");
  EXPECT_EQ(fold("greatest", {lit(1), litL(5), litNull()}), "5");
  EXPECT_EQ(typeOf("greatest", {lit(1), litL(5)}), "bigint");
  EXPECT_EQ(fold("least", {litNull(), litNull()}), "NULL");
  EXPECT_EQ(fold("least", {litS("b"), litS("a")}), "a");
  EXPECT_EQ(fold("mod", {lit(-7), lit(3)}), "-1");
  EXPECT_EQ(fold("pmod", {lit(-7), lit(3)}), "2");
  EXPECT_EQ(fold("pmod", {litD(-7), litD(3)}), "2.0");
  EXPECT_EQ(fold("pmod", {lit(7), lit(0)}), "NULL");
  EXPECT_FALSE(call("rand", {})->foldable());
  EXPECT_FALSE(call("rand", {})->deterministic());
}

TEST(Hash, SparkCompatible) {
  // Values from the Spark SQL function reference.
  auto arr = call("array", {lit(123)});
  EXPECT_EQ(fold("hash", {litS("Spark"), arr, lit(2)}), "-1321691492");
  EXPECT_EQ(fold("xxhash64", {litS("Spark"), call("array", {lit(123)}), lit(2)}),
            "5602566077635097486");
  EXPECT_EQ(fold("hash", {litNull()}), "42");
  EXPECT_EQ(typeOf("hash", {lit(1)}), "int");
  EXPECT_EQ(fold("md5", {litS("Spark")}), "8cde774d6f7333752ed72cacddb05126");
  EXPECT_EQ(fold("sha1", {litS("Spark")}), "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
  EXPECT_EQ(fold("sha2", {litS("Spark"), lit(256)}),
            "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
  EXPECT_EQ(fold("crc32", {litS("Spark")}), "1557323817");
}

}  // namespace
}  // namespace sluice
