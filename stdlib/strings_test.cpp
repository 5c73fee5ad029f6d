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

TEST(Strings, CastConversions) {
  EXPECT_EQ(parseIntegral(" -7.9 ", INT32_MIN, INT32_MAX), -7);
  EXPECT_EQ(parseIntegral("+12", INT8_MIN, INT8_MAX), 12);
  EXPECT_FALSE(parseIntegral("128", INT8_MIN, INT8_MAX));
  EXPECT_FALSE(parseIntegral("1e2", INT32_MIN, INT32_MAX));
  EXPECT_FALSE(parseIntegral(".", INT32_MIN, INT32_MAX));
  EXPECT_FALSE(parseIntegral("", INT32_MIN, INT32_MAX));
  EXPECT_EQ(parseIntegral("9223372036854775807", INT64_MIN, INT64_MAX), INT64_MAX);
  EXPECT_FALSE(parseIntegral("9223372036854775808", INT64_MIN, INT64_MAX));
  // Java's Double.toString / Float.toString.
  EXPECT_EQ(formatDouble(1.0, false), "1.0");
  EXPECT_EQ(formatDouble(1e7, false), "1.0E7");
  EXPECT_EQ(formatDouble(1.5e-4, false), "1.5E-4");
  EXPECT_EQ(formatDouble(0.001, false), "0.001");
  EXPECT_EQ(formatDouble(-0.0, false), "-0.0");
  EXPECT_EQ(formatDouble(0.1f, true), "0.1");
  EXPECT_EQ(formatDouble(std::nan(""), false), "NaN");
  EXPECT_EQ(formatDouble(-HUGE_VAL, false), "-Infinity");
}

TEST(Strings, LocateAndRegexCache) {
  EXPECT_EQ(locate("o", "Hello World"), 5);
  EXPECT_EQ(locate("o", "Hello World", 6), 8);
  EXPECT_EQ(locate("o", "Hello World", 0), 0);
  EXPECT_EQ(locate("", "abc", 10), 1);  // Spark: an empty string is found at 1
  EXPECT_EQ(locate("\xc3\xb6", "h\xc3\xa9 w\xc3\xb6", 2), 5);
  // The same pattern is compiled once and reused; different patterns do not collide.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(regexpExtract("ab12", "([a-z]+)(\\d+)", 2), "12");
    EXPECT_EQ(regexpExtract("ab12", "(\\d)", 1), "1");
  }
  for (int i = 0; i < 300; ++i) EXPECT_TRUE(rlike(std::to_string(i), std::to_string(i)));
  EXPECT_THROW(validateRegex("("), std::invalid_argument);
}

}  // namespace
}  // namespace sluice::stdlib
