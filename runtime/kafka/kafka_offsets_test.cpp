#include "runtime/kafka/kafka_offsets.h"

#include <gtest/gtest.h>

#include "frontend/error.h"

namespace sluice {
namespace {

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ExecutionError& e) {
    return e.message();
  }
  return "(no error)";
}

TEST(KafkaOffsets, ParsesSparkJson) {
  const auto o = parsePartitionOffsets(R"({"b":{"1":-1,"0":23},"a":{"10":-2}})", "startingOffsets");
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o.at(TopicPartition{"b", 0}), 23);
  EXPECT_EQ(o.at(TopicPartition{"b", 1}), kLatestOffset);
  EXPECT_EQ(o.at(TopicPartition{"a", 10}), kEarliestOffset);
  // Deterministic order: topic, then partition number (10 after 9, not after 1).
  EXPECT_EQ(o.begin()->first, (TopicPartition{"a", 10}));
}

TEST(KafkaOffsets, SerializesInOrderAndRoundTrips) {
  PartitionOffsets o{{{"t", 10}, 5}, {{"t", 9}, 4}, {{"a\"b", 0}, -1}, {{"s", 2}, 123456789012}};
  const std::string json = partitionOffsetsToJson(o);
  EXPECT_EQ(json, R"({"a\"b":{"0":-1},"s":{"2":123456789012},"t":{"9":4,"10":5}})");
  EXPECT_EQ(parsePartitionOffsets(json, "x"), o);
  EXPECT_EQ(partitionOffsetsToJson({}), "{}");
}

TEST(KafkaOffsets, ErrorsNameOptionAndText) {
  auto e = errorOf([] { parsePartitionOffsets("{\"t\":{\"0\":1", "startingOffsets"); });
  EXPECT_NE(e.find("startingOffsets"), std::string::npos) << e;
  EXPECT_NE(e.find("{\"t\":{\"0\":1"), std::string::npos) << e;
  e = errorOf([] { parsePartitionOffsets("[1,2]", "endingOffsets"); });
  EXPECT_NE(e.find("expected an object"), std::string::npos) << e;
  e = errorOf([] { parsePartitionOffsets(R"({"t":{"x":1}})", "startingOffsets"); });
  EXPECT_NE(e.find("partition 'x' of topic 't'"), std::string::npos) << e;
  e = errorOf([] { parsePartitionOffsets(R"({"t":{"0":"5"}})", "startingOffsets"); });
  EXPECT_NE(e.find("must be an integer"), std::string::npos) << e;
  e = errorOf([] { parsePartitionOffsets(R"({"t":5})", "startingOffsets"); });
  EXPECT_NE(e.find("topic 't' must be an object"), std::string::npos) << e;
  e = errorOf([] { parsePartitionOffsets(R"({"t":{"-1":5}})", "startingOffsets"); });
  EXPECT_NE(e.find("not a partition number"), std::string::npos) << e;
}

TEST(KafkaOffsets, ParsesAssign) {
  const auto a = parseAssignJson(R"({"topicB":[2,4],"topicA":[1,0,1]})", "assign");
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[0], (TopicPartition{"topicA", 0}));
  EXPECT_EQ(a[1], (TopicPartition{"topicA", 1}));
  EXPECT_EQ(a[3], (TopicPartition{"topicB", 4}));
  const auto e = errorOf([] { parseAssignJson(R"({"t":[0,"x"]})", "assign"); });
  EXPECT_NE(e.find("option 'assign'"), std::string::npos) << e;
  EXPECT_NE(errorOf([] { parseAssignJson(R"({"t":0})", "assign"); }).find("array"),
            std::string::npos);
}

TEST(KafkaOffsets, RateLimitSplitsByBacklogLikeSpark) {
  const TopicPartition a{"t", 0}, b{"t", 1}, c{"t", 2}, d{"t", 3};
  // Backlogs 100, 50, 1 and 0; limit 30 of 151: shares 19.87, 9.93, 0.199 -> 19, 9, 1.
  const PartitionOffsets from{{a, 0}, {b, 10}, {c, 5}, {d, 7}};
  const PartitionOffsets until{{a, 100}, {b, 60}, {c, 6}, {d, 7}};
  const auto end = rateLimitOffsets(30, from, until);
  EXPECT_EQ(end.at(a), 19);
  EXPECT_EQ(end.at(b), 19);
  EXPECT_EQ(end.at(c), 6);  // a small partition is never starved
  EXPECT_EQ(end.at(d), 7);
  // A limit above the backlog reads everything; never past the end.
  EXPECT_EQ(rateLimitOffsets(1000, from, until), until);
  // Nothing new: the end is the latest offsets.
  EXPECT_EQ(rateLimitOffsets(10, until, until), until);
}

TEST(KafkaOffsets, RateLimitReadsEverythingOverSeveralBatches) {
  PartitionOffsets from{{{"t", 0}, 0}, {{"t", 1}, 0}, {{"u", 0}, 0}};
  const PartitionOffsets until{{{"t", 0}, 997}, {{"t", 1}, 13}, {{"u", 0}, 500}};
  int batches = 0;
  while (from != until) {
    auto end = rateLimitOffsets(100, from, until);
    int64_t n = 0;
    for (const auto& [tp, e] : end) {
      EXPECT_GE(e, from.at(tp));
      n += e - from.at(tp);
    }
    EXPECT_GT(n, 0);
    EXPECT_LE(n, 100 + 3);  // rounding up small shares may add one per partition
    from = end;
    ASSERT_LT(++batches, 100);
  }
  EXPECT_GE(batches, 15);
}

}  // namespace
}  // namespace sluice
