#include "stdlib/hash.h"

#include <gtest/gtest.h>

namespace sluice::stdlib {
namespace {

TEST(Hash, Murmur3MatchesSpark) {
  // Spark: SELECT hash(1) = -559580957, hash(1L) = -1712319331, hash('') = 142593372
  EXPECT_EQ(murmur3HashInt(1, 42), -559580957);
  EXPECT_EQ(murmur3HashLong(1, 42), -1712319331);
  EXPECT_EQ(murmur3HashBytes("", 42), 142593372);
}

TEST(Hash, XxHash64MatchesReference) {
  // XXH64("", seed 0) from the reference implementation.
  EXPECT_EQ(static_cast<uint64_t>(xxhash64Bytes("", 0)), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(static_cast<uint64_t>(xxhash64Bytes("abc", 0)), 0x44BC2CF5AD770999ULL);
  const std::string longer(100, 'x');
  EXPECT_EQ(xxhash64Bytes(longer, 42), xxhash64Bytes(longer, 42));
  EXPECT_NE(xxhash64Bytes(longer, 42), xxhash64Bytes(longer, 43));
}

TEST(Hash, Digests) {
  EXPECT_EQ(md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(crc32("123456789"), 0xCBF43926);
  EXPECT_EQ(md5Hex(std::string(1000, 'a')), md5Hex(std::string(1000, 'a')));
  // RFC 1321 / FIPS 180 vectors; the 56-byte message needs a second padding block.
  const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(sha1Hex(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(sha256Hex(two), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

}  // namespace
}  // namespace sluice::stdlib
