#include <gtest/gtest.h>

#include "planner/functions/registry.h"
#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

std::string common(TypePtr a, TypePtr b) {
  TypePtr t = commonType(a, b);
  return t ? t->toString() : "none";
}

TEST(Coercion, NumericWidening) {
  EXPECT_EQ(common(DataType::byte(), DataType::integer()), "int");
  EXPECT_EQ(common(DataType::integer(), DataType::bigint()), "bigint");
  EXPECT_EQ(common(DataType::bigint(), DataType::floatType()), "float");
  EXPECT_EQ(common(DataType::floatType(), DataType::doubleType()), "double");
  EXPECT_EQ(common(DataType::null(), DataType::string()), "string");
}

TEST(Coercion, Decimals) {
  EXPECT_EQ(common(DataType::integer(), DataType::decimal(5, 2)), "decimal(12,2)");
  EXPECT_EQ(common(DataType::decimal(20, 2), DataType::integer()), "decimal(20,2)");
  EXPECT_EQ(common(DataType::decimal(10, 2), DataType::decimal(5, 4)), "decimal(12,4)");
  EXPECT_EQ(common(DataType::decimal(10, 2), DataType::doubleType()), "double");
  EXPECT_EQ(common(DataType::decimal(38, 0), DataType::decimal(38, 10)), "decimal(38,10)");
}

TEST(Coercion, StringsAndDates) {
  EXPECT_EQ(common(DataType::string(), DataType::integer()), "string");
  EXPECT_EQ(common(DataType::boolean(), DataType::string()), "none");
  EXPECT_EQ(common(DataType::date(), DataType::timestamp()), "timestamp");
  EXPECT_EQ(comparisonType(DataType::string(), DataType::integer())->toString(), "int");
  EXPECT_EQ(comparisonType(DataType::string(), DataType::date())->toString(), "date");
  EXPECT_EQ(comparisonType(DataType::string(), DataType::decimal(5, 1))->toString(), "double");
  // BooleanEquality: a boolean compared with a number is cast to the number's type.
  EXPECT_EQ(comparisonType(DataType::boolean(), DataType::integer())->toString(), "int");
  EXPECT_EQ(comparisonType(DataType::decimal(5, 1), DataType::boolean())->toString(),
            "decimal(5,1)");
}

// Spark's findWiderDateTimeType: TIMESTAMP (LTZ) over TIMESTAMP_NTZ over DATE; NTZ casts only
// to and from text, dates and TIMESTAMP.
TEST(Coercion, TimestampNtz) {
  const TypePtr ntz = timestampNtzType(), ltz = DataType::timestamp();
  EXPECT_EQ(common(ntz, ltz), "timestamp");
  EXPECT_EQ(common(DataType::date(), ntz), "timestamp_ntz");
  EXPECT_EQ(common(ntz, DataType::date()), "timestamp_ntz");
  EXPECT_EQ(common(ntz, DataType::null()), "timestamp_ntz");
  EXPECT_EQ(comparisonType(DataType::string(), ntz)->toString(), "timestamp_ntz");
  EXPECT_TRUE(canCast(DataType::string(), ntz));
  EXPECT_TRUE(canCast(ntz, DataType::string()));
  EXPECT_TRUE(canCast(ntz, DataType::date()));
  EXPECT_TRUE(canCast(ltz, ntz));
  EXPECT_TRUE(canCast(ntz, ltz));
  EXPECT_FALSE(canCast(DataType::integer(), ntz));
  EXPECT_FALSE(canCast(ntz, DataType::bigint()));
  EXPECT_FALSE(canCast(ntz, DataType::boolean()));
  EXPECT_TRUE(canCast(ltz, DataType::bigint()));
  EXPECT_TRUE(canImplicitCast(ntz, ltz));
}

TEST(Coercion, Complex) {
  auto ai = DataType::arrayOf(DataType::integer());
  auto al = DataType::arrayOf(DataType::bigint());
  EXPECT_EQ(common(ai, al), "array<bigint>");
  EXPECT_EQ(common(ai, DataType::integer()), "none");
  auto s1 = DataType::structOf({{"a", DataType::integer()}});
  auto s2 = DataType::structOf({{"A", DataType::doubleType()}});
  EXPECT_EQ(common(s1, s2), "struct<a:double>");
  EXPECT_EQ(common(DataType::mapOf(DataType::string(), DataType::integer()),
                   DataType::mapOf(DataType::string(), DataType::null())),
            "map<string,int>");
}

TEST(Coercion, ImplicitAndExplicitCasts) {
  EXPECT_TRUE(canImplicitCast(DataType::string(), DataType::integer()));
  EXPECT_TRUE(canImplicitCast(DataType::integer(), DataType::string()));
  EXPECT_TRUE(canImplicitCast(DataType::bigint(), DataType::integer()));
  EXPECT_FALSE(canImplicitCast(DataType::string(), DataType::boolean()));
  EXPECT_FALSE(canImplicitCast(DataType::arrayOf(DataType::integer()), DataType::string()));
  EXPECT_TRUE(canCast(DataType::arrayOf(DataType::integer()), DataType::string()));
  EXPECT_TRUE(canCast(DataType::string(), DataType::boolean()));
  EXPECT_TRUE(canCast(DataType::date(), DataType::integer()));
  EXPECT_FALSE(canCast(DataType::date(), DataType::binary()));
  EXPECT_FALSE(canCast(DataType::integer(), DataType::date()));
  EXPECT_FALSE(canCast(DataType::arrayOf(DataType::integer()), DataType::integer()));
}

}  // namespace
}  // namespace sluice
