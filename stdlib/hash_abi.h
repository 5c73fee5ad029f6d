#pragma once
// C entry points of Spark's hash() (Murmur3 x86_32) and xxhash64() for generated code, one
// per storage type, wrapping stdlib/hash.h. Generated code chains them argument by argument
// from the seed 42, skipping NULL arguments (Spark's HashExpression); these functions never
// see NULLs. Booleans, tinyints, smallints, ints and dates hash as ints; bigints, timestamps
// and decimals of precision <= 18 (unscaled) as longs; larger decimals as their BigInteger
// bytes; strings and binaries as their bytes.
#include <cstdint>

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
}
