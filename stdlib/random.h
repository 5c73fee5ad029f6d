#pragma once
// rand() / randn() as Spark computes them: org.apache.spark.util.random.XORShiftRandom, a
// java.util.Random whose next(bits) is an xorshift generator over a MurmurHash3-scrambled
// seed. Spark gives each partition of each task its own generator seeded with
// seed + partitionIndex; sluice runs a pipeline as one partition, so a kernel run (one batch)
// starts a generator from the seed, like a Spark task of partition 0 does.
#include <cstdint>

namespace sluice::stdlib {

class XorShiftRandom {
 public:
  explicit XorShiftRandom(int64_t seed);
  /// java.util.Random.nextDouble: uniform in [0, 1) with 53 random bits.
  double nextDouble();
  /// java.util.Random.nextGaussian: the polar method, the second value kept for the next call.
  double nextGaussian();

 private:
  int32_t next(int bits);
  int64_t seed_;
  double nextNextGaussian_ = 0;
  bool haveNextNextGaussian_ = false;
};

/// XORShiftRandom.hashSeed: the seed's 8 big-endian bytes hashed twice with Scala's
/// MurmurHash3.bytesHash (the low and high halves of the generator's state).
int64_t xorShiftHashSeed(int64_t seed);

}  // namespace sluice::stdlib
