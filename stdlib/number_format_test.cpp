#include "stdlib/number_format.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sluice::stdlib {
namespace {

std::optional<int64_t> read(const char* input, const char* fmt) {
  const auto v = NumberFormat::parse(fmt).read(input);
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v);
}

TEST(NumberFormat, TypeOfTheFormat) {
  const NumberFormat f = NumberFormat::parse("S$999,099.99");
  EXPECT_EQ(f.precision(), 8);
  EXPECT_EQ(f.scale(), 2);
  EXPECT_EQ(NumberFormat::parse("99G999D9S").scale(), 1);
}

TEST(NumberFormat, ReadsSignsCurrencyAndSeparators) {
  EXPECT_EQ(read("-$12,345.67", "S$999,099.99"), -1234567);
  EXPECT_EQ(read("$345", "S$999,099.99"), 34500);
  EXPECT_EQ(read("$045", "S$999,099.99"), 4500);
  EXPECT_EQ(read("+$1,000", "S$999,099.99"), 100000);
  EXPECT_EQ(read("1234-", "999999MI"), -1234);
  EXPECT_EQ(read("<9>", "999PR"), -9);
  EXPECT_EQ(read("9", "999PR"), 9);
  EXPECT_EQ(read(".5", "9.9"), 5);
}

TEST(NumberFormat, RefusesWhatDoesNotMatch) {
  EXPECT_FALSE(read("5", "$9"));              // '$' is required
  EXPECT_FALSE(read("$45", "S$999,099.99"));  // the 0 requires three digits
  EXPECT_FALSE(read("12454", "99,999"));      // the separator is missing
  EXPECT_FALSE(read("1,2454", "99,999"));     // in the wrong place
  EXPECT_FALSE(read("1234", "999"));          // too many digits
  EXPECT_FALSE(read("1.234", "9.99"));        // too many fraction digits
  EXPECT_FALSE(read("1.5", "99"));            // no decimal point in the format
  EXPECT_FALSE(read("+5", "9MI"));            // MI takes no '+'
  EXPECT_FALSE(read("", "9"));
  EXPECT_FALSE(read("1 2", "999"));
}

TEST(NumberFormat, InvalidFormats) {
  EXPECT_THROW(NumberFormat::parse("L99"), std::invalid_argument);
  EXPECT_THROW(NumberFormat::parse("9.9,9"), std::invalid_argument);
  EXPECT_THROW(NumberFormat::parse(",99"), std::invalid_argument);
  EXPECT_THROW(NumberFormat::parse("$"), std::invalid_argument);
  EXPECT_THROW(NumberFormat::parse("9.9.9"), std::invalid_argument);
}

// to_char: Spark's examples, padding, signs and overflow ('#').
TEST(NumberFormat, FormatsAsSparksToChar) {
  EXPECT_EQ(formatNumber("999", 454, 0), "454");
  EXPECT_EQ(formatNumber("000D00", 45400, 2), "454.00");
  EXPECT_EQ(formatNumber("99G999", 12454, 0), "12,454");
  EXPECT_EQ(formatNumber("$99.99", 7812, 2), "$78.12");
  EXPECT_EQ(formatNumber("99G999D9S", -124548, 1), "12,454.8-");
  EXPECT_EQ(formatNumber("000", 5, 0), "005");
  EXPECT_EQ(formatNumber("999", 5, 0), "  5");
  EXPECT_EQ(formatNumber("S999", -5, 0), "  -5");
  EXPECT_EQ(formatNumber("999MI", 5, 0), "  5 ");
  EXPECT_EQ(formatNumber("999PR", -5, 0), "  <5>");
  EXPECT_EQ(formatNumber("999", 12345, 0), "###");
  EXPECT_EQ(formatNumber("9.99", 1234, 3), "#.##");
  EXPECT_EQ(formatNumber("9.99", 5, 1), "0.50");
  EXPECT_EQ(formatNumber("9d9", 15, 1), "1.5");  // format letters are case-insensitive
  EXPECT_EQ(formatNumber("999", 0, 0), "   ");
  // A value of 128-bit precision.
  __int128 big = 1;
  for (int i = 0; i < 30; ++i) big *= 10;
  EXPECT_EQ(formatNumber("9999999999999999999999999999999", big, 0),
            "1000000000000000000000000000000");
  EXPECT_THROW(formatNumber("L99", 1, 0), std::invalid_argument);
}

// What to_char writes, to_number reads back with the same format.
TEST(NumberFormat, ToNumberReadsWhatToCharWrites) {
  for (const char* f : {"99G999D9S", "S999.99", "999MI", "S0000.0", "999PR"}) {
    const NumberFormat nf = NumberFormat::parse(f);
    for (int64_t v : {0LL, 7LL, -7LL, 1234LL, -999LL}) {
      const __int128 unscaled = v * 10;  // one fraction digit
      const std::string text = formatNumber(f, unscaled, 1);
      if (text.find('#') != std::string::npos) continue;
      SCOPED_TRACE(std::string(f) + " " + text);
      std::string trimmed = text;
      while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
      while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
      if (trimmed.empty()) continue;  // zero in a 9-only format is all padding (as in Spark)
      const auto back = nf.read(trimmed);
      ASSERT_TRUE(back.has_value());
      __int128 expected = unscaled;
      for (int s = 1; s < nf.scale(); ++s) expected *= 10;
      for (int s = nf.scale(); s < 1; ++s) expected /= 10;
      EXPECT_TRUE(*back == expected);
    }
  }
}

}  // namespace
}  // namespace sluice::stdlib
