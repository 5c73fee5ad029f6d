#include "stdlib/strings_spark.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sluice::stdlib {
namespace {

TEST(StringsSpark, HexAndBase64) {
  EXPECT_EQ(hexOfLong(17), "11");
  EXPECT_EQ(hexOfLong(0), "0");
  EXPECT_EQ(hexOfLong(-1), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(hexOfBytes("Spark SQL"), "537061726B2053514C");
  EXPECT_EQ(unhex("537061726B2053514C"), "Spark SQL");
  EXPECT_EQ(unhex("abc"), std::string("\x0a\xbc", 2));  // odd length: a leading 0
  EXPECT_FALSE(unhex("zz").has_value());
  EXPECT_EQ(base64Encode("Spark SQL"), "U3BhcmsgU1FM");
  EXPECT_EQ(base64Encode("ab"), "YWI=");
  EXPECT_EQ(base64Encode("a"), "YQ==");
  EXPECT_EQ(base64Decode("YWI="), "ab");
  EXPECT_EQ(base64Decode("U3Bh\ncmsg U1FM"), "Spark SQL");
}

TEST(StringsSpark, Charsets) {
  EXPECT_EQ(encodeCharset("a\xc3\xa9", "UTF-16"), std::string("\xFE\xFF\x00\x61\x00\xE9", 6));
  EXPECT_EQ(encodeCharset("a\xc3\xa9", "us-ascii"), "a?");
  EXPECT_EQ(encodeCharset("\xf0\x9f\x98\x80", "UTF-16LE"), std::string("\x3D\xD8\x00\xDE", 4));
  EXPECT_EQ(decodeCharset(std::string("\x3D\xD8\x00\xDE", 4), "UTF-16LE"), "\xf0\x9f\x98\x80");
  EXPECT_EQ(decodeCharset("\xe9", "ISO-8859-1"), "\xc3\xa9");
  EXPECT_EQ(decodeCharset("a\xff", "UTF-8"), "a\xef\xbf\xbd");  // invalid byte: U+FFFD
  EXPECT_THROW(encodeCharset("a", "EBCDIC"), std::invalid_argument);
}

TEST(StringsSpark, Splitting) {
  EXPECT_EQ(splitPart("Hello,world,!", ",", 2), "world");
  EXPECT_EQ(splitPart("Hello,world,!", ",", -1), "!");
  EXPECT_EQ(splitPart("Hello,world,!", ",", 4), "");
  EXPECT_EQ(splitPart("Hello", "", 1), "Hello");
  EXPECT_THROW(splitPart("a", ",", 0), std::invalid_argument);
  EXPECT_EQ(substringIndex("www.apache.org", ".", 2), "www.apache");
  EXPECT_EQ(substringIndex("www.apache.org", ".", -2), "apache.org");
  EXPECT_EQ(substringIndex("a..b", "..", -1), "b");
  EXPECT_EQ(substringIndex("abc", ".", -3), "abc");
}

TEST(StringsSpark, Distances) {
  EXPECT_EQ(levenshtein("kitten", "sitting"), 3);
  EXPECT_EQ(levenshtein("h\xc3\xa9llo", "hello"), 1);  // code points, not bytes
  EXPECT_EQ(levenshteinBounded("kitten", "sitting", 2), -1);
  EXPECT_EQ(soundex("Miller"), "M460");
  EXPECT_EQ(soundex("Ashcraft"), "A261");  // H and W do not separate equal codes
  EXPECT_EQ(soundex("Tymczak"), "T522");
  EXPECT_EQ(soundex("1abc"), "1abc");
  EXPECT_EQ(translate("AaBbCc", "abc", "123"), "A1B2C3");
  EXPECT_EQ(translate("abca", "aa", "xy"), "xbcx");  // the first mapping wins
  EXPECT_EQ(overlay("Spark SQL", "_", 6), "Spark_SQL");
  EXPECT_EQ(overlay("Spark SQL", "ANSI ", 7, 0), "Spark ANSI SQL");
  EXPECT_TRUE(luhnCheck("79927398713"));
  EXPECT_FALSE(luhnCheck("79927398714"));
  EXPECT_FALSE(luhnCheck(""));
  EXPECT_FALSE(luhnCheck("1234 4"));
}

}  // namespace
}  // namespace sluice::stdlib
