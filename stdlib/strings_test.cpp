#include "stdlib/strings.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sluice::stdlib {
namespace {

TEST(Strings, Numbers) {
  EXPECT_EQ(*parseDouble(" 1.5 "), 1.5);
  EXPECT_EQ(*parseDouble("1e3"), 1000);
  EXPECT_EQ(*parseDouble("2d"), 2);
  EXPECT_EQ(*parseDouble("+3"), 3);
  EXPECT_EQ(*parseDouble(".5"), 0.5);
  EXPECT_TRUE(std::isinf(*parseDouble("-Infinity")));
  EXPECT_TRUE(std::isnan(*parseDouble("NaN")));
  EXPECT_FALSE(parseDouble("1.5.5"));
  EXPECT_FALSE(parseDouble(""));
  EXPECT_FALSE(parseDouble("abc"));
  EXPECT_TRUE(*parseBoolean("Yes"));
  EXPECT_FALSE(*parseBoolean(" f "));
  EXPECT_FALSE(parseBoolean("2"));
}

TEST(Strings, Unicode) {
  EXPECT_EQ(charLength("héllo"), 5);
  EXPECT_EQ(upper("straße é"), "STRAßE É");
  EXPECT_EQ(lower("ÀÉÎ"), "àéî");
  EXPECT_EQ(reverse("héllo"), "olléh");
  EXPECT_EQ(substring("héllo", 2, 3), "éll");
  EXPECT_EQ(lpad("é", 3, "ü"), "üüé");
  EXPECT_EQ(instr("héllo", "l"), 3);
}

TEST(Strings, Like) {
  EXPECT_TRUE(like("abc", "%"));
  EXPECT_TRUE(like("", "%"));
  EXPECT_TRUE(like("abc", "_b_"));
  EXPECT_FALSE(like("abc", "_b"));
  EXPECT_TRUE(like("a%c", "a\\%c"));
  EXPECT_FALSE(like("abc", "a\\%c"));
  EXPECT_TRUE(like("aaab", "%a%b"));
  EXPECT_TRUE(like("héllo", "h_llo"));
  EXPECT_THROW(like("a", "a\\b"), std::invalid_argument);
  EXPECT_TRUE(ilike("ABC", "a%"));
}

TEST(Strings, Regex) {
  EXPECT_EQ(split("a,b,,c,,", ","), (std::vector<std::string>{"a", "b", "", "c", "", ""}));
  EXPECT_EQ(split("", ","), (std::vector<std::string>{""}));
  EXPECT_EQ(split("a b", "\\s+", 1), (std::vector<std::string>{"a b"}));
  EXPECT_EQ(regexpReplace("aaa", "a*", "x"), "xx");  // like Java's replaceAll
  EXPECT_EQ(regexpReplace("abc", "", "-"), "-a-b-c-");
  EXPECT_EQ(regexpReplace("a.b", "\\.", "\\$"), "a$b");
  EXPECT_EQ(regexpReplace("abcabc", "b", "X", 3), "abcaXc");
  EXPECT_EQ(regexpExtract("k=v", "(\\w)=(\\w)", 0), "k=v");
  EXPECT_TRUE(rlike("foo123", "\\d"));
  EXPECT_FALSE(rlike("foo", "^\\d"));
}

}  // namespace
}  // namespace sluice::stdlib
