#include "runtime/state/crc32c.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice {
namespace {

TEST(Crc32c, KnownVectors) {
  EXPECT_EQ(crc32c(""), 0u);
  EXPECT_EQ(crc32c("123456789"), 0xE3069283u);            // the CRC-32C check value
  EXPECT_EQ(crc32c(std::string(32, '\0')), 0x8A9136AAu);  // RFC 3720 B.4
  EXPECT_EQ(crc32c(std::string(32, '\xff')), 0x62A8AB43u);
}

TEST(Crc32c, IncrementalEqualsWhole) {
  std::string s;
  for (int i = 0; i < 1000; ++i) s += static_cast<char>(i * 7 + 3);
  const uint32_t whole = crc32c(s);
  for (size_t cut : {0u, 1u, 7u, 8u, 9u, 500u, 999u, 1000u}) {
    const uint32_t part = crc32c(0, s.data(), cut);
    EXPECT_EQ(crc32c(part, s.data() + cut, s.size() - cut), whole) << cut;
  }
  s[500] ^= 1;
  EXPECT_NE(crc32c(s), whole);
}

}  // namespace
}  // namespace sluice
