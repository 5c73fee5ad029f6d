#pragma once
// C entry points of Spark's hash() (Murmur3 x86_32) and xxhash64() for generated code, one
// per storage type, wrapping stdlib/hash.h. Generated code chains them argument by argument
// from the seed 42, skipping NULL arguments (Spark's HashExpression); these functions never
// see NULLs. Booleans, tinyints, smallints, ints and dates hash as ints; bigints, timestamps
// and decimals of precision <= 18 (unscaled) as longs; larger decimals as their BigInteger
// bytes; strings and binaries as their bytes.
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {

int32_t sluice_hash_murmur3_int(int32_t v, int32_t seed);
int32_t sluice_hash_murmur3_long(int64_t v, int32_t seed);
int32_t sluice_hash_murmur3_float(float v, int32_t seed);
int32_t sluice_hash_murmur3_double(double v, int32_t seed);
int32_t sluice_hash_murmur3_bytes(const char* s, int64_t n, int32_t seed);
int32_t sluice_hash_murmur3_decimal(__int128 unscaled, int32_t seed);

int64_t sluice_hash_xxhash64_int(int32_t v, int64_t seed);
int64_t sluice_hash_xxhash64_long(int64_t v, int64_t seed);
int64_t sluice_hash_xxhash64_float(float v, int64_t seed);
int64_t sluice_hash_xxhash64_double(double v, int64_t seed);
int64_t sluice_hash_xxhash64_bytes(const char* s, int64_t n, int64_t seed);
int64_t sluice_hash_xxhash64_decimal(__int128 unscaled, int64_t seed);

// ---- digests (md5, sha1, sha2, crc32) of binary bytes (`const uint8_t*`, so only binary
// arguments bind: strings arrive cast to binary, as in Spark). Lower-case hex text is written
// to the arena. NULL arguments never reach them.
void sluice_hash_md5(sluice::StringArena* a, const uint8_t* s, int64_t n, sluice::StringView* out);
void sluice_hash_sha1(sluice::StringArena* a, const uint8_t* s, int64_t n, sluice::StringView* out);
/// sha2(s, bitLength): returns 0 (NULL) for a bit length other than 224, 256, 384, 512 or 0.
uint8_t sluice_hash_sha2(sluice::StringArena* a, const uint8_t* s, int64_t n, int32_t bitLength,
                         sluice::StringView* out);
int64_t sluice_hash_crc32(const uint8_t* s, int64_t n);
}
