#include "stdlib/hash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace sluice::stdlib {
namespace {

TEST(Hash, Murmur3MatchesSpark) {
  // Spark: SELECT hash(1) = -559580957, hash(1L) = -1712319331, hash('') = 142593372
  EXPECT_EQ(murmur3HashInt(1, 42), -559580957);
  EXPECT_EQ(murmur3HashLong(1, 42), -1712319331);
  EXPECT_EQ(murmur3HashBytes("", 42), 142593372);
}

// Spark's documentation examples (functions reference / pyspark docs): hash('ABC') and
// xxhash64('ABC'), chained over 'ABC', 'DEF' with seed 42.
TEST(Hash, MatchesSparkDocumentedValues) {
  EXPECT_EQ(murmur3HashBytes("ABC", 42), -757602832);
  EXPECT_EQ(murmur3HashBytes("DEF", murmur3HashBytes("ABC", 42)), 599895104);
  EXPECT_EQ(xxhash64Bytes("ABC", 42), 4105715581806190027LL);
  EXPECT_EQ(xxhash64Bytes("DEF", xxhash64Bytes("ABC", 42)), 3233247871021311208LL);
  // hash('Spark', array(123), 2): an array hashes its elements in order.
  EXPECT_EQ(murmur3HashInt(2, murmur3HashInt(123, murmur3HashBytes("Spark", 42))), -1321691492);
  EXPECT_EQ(xxhash64Int(2, xxhash64Int(123, xxhash64Bytes("Spark", 42))), 5602566077635097486LL);
  // Spark-compatible values other engines test against (Comet, spark-rapids): hash('a') is
  // 1485273170 (not -1015525282), hash('abc') 1322437556.
  EXPECT_EQ(murmur3HashBytes("a", 42), 1485273170);
  EXPECT_EQ(murmur3HashBytes("abc", 42), 1322437556);
  EXPECT_EQ(murmur3HashBytes("abcde", 42), 814637928);
}

TEST(Hash, HashableBitsNormalizeZeroAndNaN) {
  EXPECT_EQ(hashableDoubleBits(-0.0), hashableDoubleBits(0.0));
  EXPECT_EQ(hashableDoubleBits(std::nan("1")), 0x7ff8000000000000LL);
  EXPECT_EQ(hashableFloatBits(-0.0f), 0);
  EXPECT_EQ(bigIntegerBytes(0), std::string(1, '\0'));
  EXPECT_EQ(bigIntegerBytes(255), std::string("\x00\xff", 2));
  EXPECT_EQ(bigIntegerBytes(-1), std::string("\xff", 1));
  EXPECT_EQ(bigIntegerBytes(-129), std::string("\xff\x7f", 2));
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

TEST(Hash, Sha2Family) {
  // FIPS 180-4 example vectors (one block, two blocks, empty).
  const std::string two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const std::string two512 =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
      "opqrsmnopqrstnopqrstu";
  EXPECT_EQ(sha224Hex("abc"), "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(sha224Hex(""), "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f");
  EXPECT_EQ(sha224Hex(two), "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525");
  EXPECT_EQ(sha384Hex("abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baec"
            "a134c825a7");
  EXPECT_EQ(sha384Hex(""),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2"
            "f14898b95b");
  EXPECT_EQ(sha384Hex(two512).substr(0, 16), "09330c33f71147e8");
  EXPECT_EQ(sha512Hex("abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c"
            "23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(sha512Hex(""),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318"
            "d2877eec2f63b931bd47417a81a538327af927da3e");
  EXPECT_EQ(sha512Hex(two512).substr(0, 16), "8e959b75dae313da");
  // Padding edges: 111 and 112 bytes (SHA-512's one-block / two-block boundary), 55 / 56 and
  // 64 bytes for the 64-byte-block digests (values from Python's hashlib).
  EXPECT_EQ(sha512Hex(std::string(111, 'a')).substr(0, 16), "fa9121c7b32b9e01");
  EXPECT_EQ(sha512Hex(std::string(112, 'a')).substr(0, 16), "c01d080efd492776");
  EXPECT_EQ(sha384Hex(std::string(1000, 'a')).substr(0, 16), "f54480689c6b0b11");
  EXPECT_EQ(sha224Hex(std::string(1000, 'a')),
            "4e8f0ce90b64661a2b5e84be6d93a7d9b76871062f1814433d04a03d");
  EXPECT_EQ(sha256Hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256Hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(md5Hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(sha1Hex(std::string(64, 'a')), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  // sha2(x, bitLength): 0 means 256, other lengths are NULL.
  EXPECT_EQ(sha2Hex("abc", 0), sha256Hex("abc"));
  EXPECT_EQ(sha2Hex("abc", 256), sha256Hex("abc"));
  EXPECT_EQ(sha2Hex("abc", 224), sha224Hex("abc"));
  EXPECT_EQ(sha2Hex("abc", 384), sha384Hex("abc"));
  EXPECT_EQ(sha2Hex("abc", 512), sha512Hex("abc"));
  EXPECT_EQ(sha2Hex("abc", 128), std::nullopt);
  EXPECT_EQ(sha2Hex("abc", -256), std::nullopt);
}

}  // namespace
}  // namespace sluice::stdlib
