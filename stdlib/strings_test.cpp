#include "stdlib/strings.h"

#include <gtest/gtest.h>

#include <algorithm>
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

TEST(Strings, StringPredicates) {
  EXPECT_TRUE(startsWith("abc", "ab"));
  EXPECT_TRUE(startsWith("abc", ""));
  EXPECT_FALSE(startsWith("ab", "abc"));
  EXPECT_TRUE(endsWith("abc", "bc"));
  EXPECT_FALSE(endsWith("c", "bc"));
  EXPECT_TRUE(contains("abc", ""));
  EXPECT_TRUE(contains("", ""));
  EXPECT_FALSE(contains("", "a"));
  EXPECT_TRUE(contains("xx\"event_type\":\"view\"yy", "\"event_type\":\"view\""));
  EXPECT_FALSE(contains("abcab", "abca_"));
  EXPECT_TRUE(contains(std::string("a\0b", 3), std::string("\0b", 2)));
}

// The byte-wise matcher (like) against the code point one (likeCodePoints) on every pattern
// over a small alphabet with wildcards, escapes, multi-byte characters and bytes that are not
// valid UTF-8 on their own, and on strings over the same alphabet.
TEST(Strings, LikeMatchesTheCodePointMatcher) {
  const std::vector<std::string> patternAlphabet = {
      "a", "b", "%", "_", "\\%", "\\_", "\\\\", "é", "\xF0\x9D\x84\x9E", "\x80"};
  const std::vector<std::string> textAlphabet = {
      "a", "b", "%", "_", "\\", "é", "\xF0\x9D\x84\x9E", "\x80", "\xC3"};
  std::vector<std::string> patterns = {""}, texts = {""};
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> next;
    for (const auto& p : patterns)
      for (const auto& c : patternAlphabet) next.push_back(p + c);
    patterns.insert(patterns.end(), next.begin(), next.end());
    std::sort(patterns.begin(), patterns.end());
    patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  }
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> next;
    for (const auto& t : texts)
      for (const auto& c : textAlphabet) next.push_back(t + c);
    texts.insert(texts.end(), next.begin(), next.end());
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  }
  // 0 / 1, or 2 for an invalid pattern (an escape before '\x80' is one).
  auto outcome = [](auto f) {
    try {
      return f() ? 1 : 0;
    } catch (const std::invalid_argument&) {
      return 2;
    }
  };
  // About a million pairs: every pattern against a strided sample of the texts.
  size_t checked = 0;
  for (size_t pi = 0; pi < patterns.size(); ++pi) {
    const std::string& p = patterns[pi];
    for (size_t ti = pi % 53; ti < texts.size(); ti += 53) {
      const std::string& t = texts[ti];
      ASSERT_EQ(outcome([&] { return like(t, p); }), outcome([&] { return likeCodePoints(t, p); }))
          << "'" << t << "' LIKE '" << p << "'";
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000000u);
  // A pattern starting with a continuation byte takes the code point matcher.
  EXPECT_EQ(like("\x80"
                 "a",
                 "\x80%"),
            likeCodePoints("\x80"
                           "a",
                           "\x80%"));
  EXPECT_THROW(like("a", "a\\"), std::invalid_argument);
  EXPECT_TRUE(like("a!%", "a!!!%", '!'));
  EXPECT_TRUE(like("x\"event_type\":\"view\"y", "%\"event_type\":\"view\"%"));
  EXPECT_TRUE(like("x\"event-type\":\"view\"y", "%\"event_type\":\"view\"%"));
  EXPECT_FALSE(like("x\"eventtype\":\"view\"y", "%\"event_type\":\"view\"%"));
  EXPECT_TRUE(like("\"event_\"event\u00e9type\"", "%\"event_type\"%"));
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
