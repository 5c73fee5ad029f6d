#pragma once
// Hash kernels bit-compatible with Spark: Murmur3_x86_32 (hash()) and XXH64 (xxhash64()),
// both seeded with 42 by the SQL functions and chained argument by argument; plus md5 / sha1 /
// sha256 / crc32 for the digest functions.
#include <cstdint>
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
std::string sha256Hex(std::string_view data);
int64_t crc32(std::string_view data);

}  // namespace sluice::stdlib
