#pragma once
// C entry points of rand() / randn() for generated code (stdlib/random.h). Each call site owns
// a generator in 32 bytes of its kernel's stack frame (RandomState), started once per kernel
// run by sluice_rand_init; the state pointer is `const void*` only because the stdlib ABI's
// closed type set has no mutable opaque pointer (c_signature.h): the functions advance it.
#include <cstdint>

extern "C" {
/// Bytes (and alignment, at most 16) of the state a call site reserves.
inline constexpr int64_t kSluiceRandomStateBytes = 32;
/// Starts the generator in `state` from `seed` (Spark's seed + partition index 0); returns 1.
uint8_t sluice_rand_init(const void* state, int64_t seed);
/// The next uniform double in [0, 1) (rand) / standard normal double (randn).
double sluice_rand_double(const void* state);
double sluice_rand_gaussian(const void* state);
}
