#include "stdlib/random.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/random_abi.h"

namespace sluice::stdlib {
namespace {

// Spark's documented outputs on one partition (spark.range(0, 2, 1, 1)): rand(42) gives
// 0.619189370225..., 0.5096018842446...; randn(42) gives 2.384479054241...,
// 0.1920934041293... (the docs print them truncated).
TEST(Random, MatchesSparkOnOnePartition) {
  XorShiftRandom r(42);
  EXPECT_NEAR(r.nextDouble(), 0.619189370225, 1e-12);
  EXPECT_NEAR(r.nextDouble(), 0.5096018842446, 1e-13);
  XorShiftRandom g(42);
  EXPECT_NEAR(g.nextGaussian(), 2.384479054241, 1e-12);
  EXPECT_NEAR(g.nextGaussian(), 0.1920934041293, 1e-13);
}

TEST(Random, AbiStateRestartsFromTheSeed) {
  alignas(16) unsigned char state[kSluiceRandomStateBytes];
  EXPECT_EQ(sluice_rand_init(state, 42), 1);
  const double first = sluice_rand_double(state);
  EXPECT_NE(sluice_rand_double(state), first);
  sluice_rand_init(state, 42);
  EXPECT_EQ(sluice_rand_double(state), first);
  for (int i = 0; i < 1000; ++i) {
    const double d = sluice_rand_double(state);
    ASSERT_TRUE(d >= 0 && d < 1) << d;
    ASSERT_TRUE(std::isfinite(sluice_rand_gaussian(state)));
  }
}

}  // namespace
}  // namespace sluice::stdlib
