#include "runtime/kafka/kafka_tail.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <random>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_writer.h"

namespace sluice {
namespace {

// Writes one record of `query` at (batch, seq) to `partition`.
void writeMarked(KafkaWriter& w, int32_t partition, const std::string& query, int64_t batch,
                 int64_t seq) {
  const std::string b = std::to_string(batch), s = std::to_string(seq);
  const KafkaHeader hs[] = {{"user", std::string_view("x")},
                            {kSinkQueryHeader, query},
                            {kSinkBatchHeader, b},
                            {kSinkSeqHeader, s}};
  w.write(std::string_view("k"), std::string_view("v"), "out", partition, hs);
}

TEST(KafkaTail, FindsTheLastRecordOfAQueryPerPartition) {
  EmbeddedBroker broker;
  broker.createTopic("out", 3);
  KafkaWriter w({{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"topic", "out"}});
  // Partition 0: batches 0 and 1 of query A, interleaved with query B.
  for (int64_t seq = 0; seq < 5; ++seq) writeMarked(w, 0, "A", 0, seq);
  writeMarked(w, 0, "B", 7, 0);
  for (int64_t seq = 0; seq < 3; ++seq) writeMarked(w, 0, "A", 1, seq);
  writeMarked(w, 0, "B", 7, 1);
  // Partition 1: A's record is followed by more foreign records than the first window
  // holds, so the read goes further back.
  writeMarked(w, 1, "A", 4, 9);
  for (int i = 0; i < 1000; ++i)
    w.write(std::string_view("k"), std::string_view("plain"), "out", 1);
  // Partition 2: only foreign records.
  writeMarked(w, 2, "B", 1, 0);
  w.flush();

  KafkaTail tail({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                  {"topic", "out"},
                  {"kafka.sink.exactlyonce", "true"}});  // not passed to the client
  EXPECT_EQ(tail.partitionCount("out"), 3);
  const auto a = tail.lastWritten("out", "A");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a.at(0), (SinkPosition{1, 2}));
  EXPECT_EQ(a.at(1), (SinkPosition{4, 9}));
  const auto b = tail.lastWritten("out", "B");
  EXPECT_EQ(b.at(0), (SinkPosition{7, 1}));
  EXPECT_EQ(b.at(2), (SinkPosition{1, 0}));
  EXPECT_TRUE(tail.lastWritten("out", "C").empty());
}

TEST(KafkaTail, PositionsOrderByBatchThenSequence) {
  EXPECT_LT((SinkPosition{1, 9}), (SinkPosition{2, 0}));
  EXPECT_LT((SinkPosition{2, 0}), (SinkPosition{2, 1}));
  EXPECT_LT((SinkPosition{}), (SinkPosition{0, 0}));  // nothing written sorts first
}

TEST(KafkaTail, MissingTopicIsAnErrorNamingIt) {
  EmbeddedBroker broker;
  KafkaTail tail({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                  {"kafka.default.api.timeout.ms", "1500"},
                  {"kafka.allow.auto.create.topics", "false"}});
  try {
    tail.partitionCount("nope");
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
}

// murmur2Partition is Kafka's partitioner for keyed records: compare with librdkafka's
// murmur2 partitioner (an independent implementation) on random keys of every length.
TEST(KafkaTail, Murmur2MatchesLibrdkafka) {
  std::mt19937 rng(42);
  for (int len = 0; len < 40; ++len) {
    for (int round = 0; round < 20; ++round) {
      std::string key(static_cast<size_t>(len), '\0');
      for (char& c : key) c = static_cast<char>(rng());
      for (int32_t parts : {1, 3, 7, 64}) {
        const int32_t want = rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(),
                                                              parts, nullptr, nullptr);
        EXPECT_EQ(murmur2Partition(key, parts), want) << "length " << len;
      }
    }
  }
}

}  // namespace
}  // namespace sluice
