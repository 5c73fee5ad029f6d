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

}  // namespace
}  // namespace sluice::stdlib
