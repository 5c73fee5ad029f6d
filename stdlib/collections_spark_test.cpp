// Unit tests of stdlib/collections_spark.h against Spark's documented results.
#include "stdlib/collections_spark.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sluice::stdlib {
namespace {

TEST(CollectionsSpark, ArrayJoinSkipsOrReplacesNulls) {
  EXPECT_EQ(arrayJoin({"a", std::nullopt, "c"}, ",", std::nullopt), "a,c");
  EXPECT_EQ(arrayJoin({"a", std::nullopt, "c"}, ",", std::string_view("x")), "a,x,c");
  EXPECT_EQ(arrayJoin({}, ",", std::nullopt), "");
}

TEST(CollectionsSpark, JsonArrayLengthAndObjectKeys) {
  EXPECT_EQ(jsonArrayLength("[1,[2,3],{\"a\":[4]}]"), 3);
  EXPECT_EQ(jsonArrayLength("[]"), 0);
  EXPECT_EQ(jsonArrayLength("{\"a\":1}"), std::nullopt);
  EXPECT_EQ(jsonArrayLength("[1,"), std::nullopt);
  auto keys = jsonObjectKeys("{\"a\":1,\"b\":{\"c\":2}}");
  ASSERT_TRUE(keys.has_value());
  EXPECT_EQ(*keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(jsonObjectKeys("[1]"), std::nullopt);
}

TEST(CollectionsSpark, StrToMapSplitsOnRegexesAndRefusesRepeatedKeys) {
  auto m = strToMap("a:1,b", ",", ":");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].first, "a");
  EXPECT_EQ(m[0].second, "1");
  EXPECT_EQ(m[1].first, "b");
  EXPECT_EQ(m[1].second, std::nullopt);
  EXPECT_EQ(strToMap("a=1;b=2,c", "[,;]", "=").size(), 3u);
  EXPECT_THROW(strToMap("a:1,a:2", ",", ":"), std::invalid_argument);
}

TEST(CollectionsSpark, FormatStringFollowsJavaFormatter) {
  FormatArg s{FormatArg::Kind::String};
  s.s = "x";
  FormatArg i{FormatArg::Kind::Int};
  i.i = 42;
  FormatArg d{FormatArg::Kind::Double};
  d.d = 3.14159;
  EXPECT_EQ(formatString("%s-%05d %.2f", {s, i, d}), "x-00042 3.14");
  EXPECT_EQ(formatString("%2$s %1$s", {s, i}), "42 x");
  FormatArg null;
  EXPECT_EQ(formatString("%s|%b|%d", {null, null, null}), "null|false|null");
  EXPECT_THROW(formatString("%s %s", {s}), std::invalid_argument);
  EXPECT_THROW(formatString("%c", {s}), std::invalid_argument);
}

}  // namespace
}  // namespace sluice::stdlib
