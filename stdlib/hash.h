#pragma once
// Hash kernels bit-compatible with Spark: Murmur3_x86_32 (hash()) and XXH64 (xxhash64()),
// both seeded with 42 by the SQL functions and chained argument by argument; plus the digest
// functions md5 / sha1 / sha2 (SHA-224, -256, -384, -512) / crc32, which constant folding and
// generated code (hash_abi.h) both call.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::stdlib {

int32_t murmur3HashInt(int32_t v, int32_t seed);
int32_t murmur3HashLong(int64_t v, int32_t seed);
/// Spark's hashUnsafeBytes (not the reference tail handling: each trailing byte is mixed alone).
int32_t murmur3HashBytes(std::string_view bytes, int32_t seed);

/// Java's Float.floatToIntBits / Double.doubleToLongBits as Spark hashes them: -0.0 as 0.0,
/// every NaN as the canonical NaN.
int32_t hashableFloatBits(float f);
int64_t hashableDoubleBits(double d);
/// Java's BigInteger.toByteArray of an unscaled decimal (minimal two's complement,
/// big-endian): what Spark hashes for decimals of precision > 18.
std::string bigIntegerBytes(__int128 v);

int64_t xxhash64Int(int32_t v, int64_t seed);
int64_t xxhash64Long(int64_t v, int64_t seed);
int64_t xxhash64Bytes(std::string_view bytes, int64_t seed);

/// Lower-case hex digests.
std::string md5Hex(std::string_view data);
std::string sha1Hex(std::string_view data);
std::string sha224Hex(std::string_view data);
std::string sha256Hex(std::string_view data);
std::string sha384Hex(std::string_view data);
std::string sha512Hex(std::string_view data);
/// Spark's sha2(data, bitLength): SHA-224, SHA-256 (also for 0), SHA-384 or SHA-512;
/// nullopt (SQL NULL) for any other bit length.
std::optional<std::string> sha2Hex(std::string_view data, int64_t bitLength);
/// CRC-32 (the zlib / java.util.zip.CRC32 polynomial) as a non-negative value.
int64_t crc32(std::string_view data);

}  // namespace sluice::stdlib
