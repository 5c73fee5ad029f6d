#include "runtime/kafka/kafka_chunks.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

std::string text(const std::vector<std::vector<FetchRange>>& groups) {
  std::string out;
  for (const auto& g : groups) {
    out += "[";
    for (const auto& r : g)
      out += r.tp.topic + std::to_string(r.tp.partition) + ":" + std::to_string(r.start) + "-" +
             std::to_string(r.end) + " ";
    out += "]";
  }
  return out;
}

TEST(ChunkRanges, SmallRangesShareAGroupLargeOnesAreSplitInOrder) {
  const std::vector<FetchRange> ranges = {
      {{"a", 0}, 0, 3}, {{"a", 1}, 10, 12}, {{"a", 2}, 5, 16}, {{"b", 0}, 0, 1}};
  EXPECT_EQ(text(chunkRanges(ranges, 5)),
            "[a0:0-3 a1:10-12 ][a2:5-10 ][a2:10-15 ][a2:15-16 b0:0-1 ]");
}

TEST(ChunkRanges, EveryOffsetExactlyOnce) {
  std::vector<FetchRange> ranges;
  for (int p = 0; p < 7; ++p) ranges.push_back({{"t", p}, p * 3, p * 3 + p * 11 + 1});
  for (int64_t limit : {1, 2, 7, 64, 1000}) {
    int64_t expected = 0, got = 0;
    for (const auto& r : ranges) expected += r.end - r.start;
    FetchRange last{{"", -1}, 0, 0};
    for (const auto& g : chunkRanges(ranges, limit)) {
      int64_t inGroup = 0;
      for (const auto& r : g) {
        inGroup += r.end - r.start;
        EXPECT_LT(r.start, r.end);
        // Ranges continue in order: the same partition at the next offset, or a later one.
        if (r.tp == last.tp)
          EXPECT_EQ(r.start, last.end);
        else
          EXPECT_TRUE(last.tp < r.tp);
        last = r;
      }
      EXPECT_LE(inGroup, limit);
      got += inGroup;
    }
    EXPECT_EQ(got, expected) << limit;
  }
}

TEST(ChunkRanges, NothingToReadIsNoGroup) {
  EXPECT_TRUE(chunkRanges({}, 10).empty());
}

}  // namespace
}  // namespace sluice
