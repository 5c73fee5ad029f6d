#include "frontend/did_you_mean.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

const std::vector<std::string> kOptions = {"subscribe",     "subscribePattern",
                                           "assign",        "startingOffsets",
                                           "endingOffsets", "kafka.bootstrap.servers"};

TEST(DidYouMean, TyposFindTheOption) {
  EXPECT_EQ(closestMatch("subcribe", kOptions), "subscribe");
  EXPECT_EQ(closestMatch("startingOffset", kOptions), "startingOffsets");
  EXPECT_EQ(closestMatch("STARTINGOFSETS", kOptions), "startingOffsets");
  EXPECT_EQ(closestMatch("kafka.bootstrap.server", kOptions), "kafka.bootstrap.servers");
  EXPECT_EQ(closestMatch("sbuscribe", kOptions), "subscribe");  // swapped letters
}

TEST(DidYouMean, UnrelatedNamesFindNothing) {
  EXPECT_EQ(closestMatch("path", kOptions), "");
  EXPECT_EQ(closestMatch("x", kOptions), "");
  EXPECT_EQ(didYouMean("compression", kOptions), "");
  EXPECT_EQ(didYouMean("asign", kOptions), " (did you mean 'assign'?)");
}

}  // namespace
}  // namespace sluice
