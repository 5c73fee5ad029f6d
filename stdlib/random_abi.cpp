#include "stdlib/random_abi.h"

#include <new>

#include "stdlib/random.h"

namespace {

using sluice::stdlib::XorShiftRandom;
static_assert(sizeof(XorShiftRandom) <= kSluiceRandomStateBytes && alignof(XorShiftRandom) <= 16);

XorShiftRandom& generator(const void* state) {
  return *std::launder(static_cast<XorShiftRandom*>(const_cast<void*>(state)));
}

}  // namespace

extern "C" {

uint8_t sluice_rand_init(const void* state, int64_t seed) {
  new (const_cast<void*>(state)) XorShiftRandom(seed);
  return 1;
}

double sluice_rand_double(const void* state) {
  return generator(state).nextDouble();
}

double sluice_rand_gaussian(const void* state) {
  return generator(state).nextGaussian();
}

}  // extern "C"
