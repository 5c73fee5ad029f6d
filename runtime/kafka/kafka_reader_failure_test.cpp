// KafkaReader when things go wrong: records aged out (failOnDataLoss both ways), an
// unreachable cluster, a broker that goes down and comes back during a read.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "frontend/error.h"
#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

using namespace sluice::testing;
using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> opts(const std::string& bootstrap,
                                        std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> o = {{"kafka.bootstrap.servers", bootstrap},
                                          {"subscribe", "t"},
                                          {"kafka.default.api.timeout.ms", "5000"}};
  for (auto& [k, v] : extra) o[k] = v;
  return o;
}

// Produces ~7 MiB into partition 0 of "t", more than the embedded broker keeps (5 MiB), so
// the oldest message sets age out; returns the partition's earliest offset afterwards.
int64_t overflowPartition(EmbeddedBroker& broker) {
  broker.createTopic("t", 1);
  std::vector<TestRecord> recs;
  for (int i = 0; i < 70; ++i)
    recs.push_back(TestRecord{"k", std::string(100 * 1024, 'a' + i % 26), 0});
  produce(broker.bootstrapServers(), "t", recs, /*lingerMs=*/0);
  KafkaReader probe(opts(broker.bootstrapServers(), {{"startingOffsets", "earliest"}}), true);
  return probe.initialOffsets().at(TopicPartition{"t", 0});
}

TEST(KafkaReaderFailure, AgedOutOffsetsFailByDefault) {
  EmbeddedBroker broker;
  const int64_t earliest = overflowPartition(broker);
  ASSERT_GT(earliest, 0) << "the mock kept everything; the test needs more data";
  KafkaReader reader(opts(broker.bootstrapServers()), true);
  try {
    reader.read({{{"t", 0}, 0}}, {{{"t", 0}, 70}});
    FAIL() << "expected data loss";
  } catch (const ExecutionError& e) {
    const std::string want = "topic 't' partition 0 offsets [0, " + std::to_string(earliest) + ")";
    EXPECT_NE(e.message().find(want), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("failOnDataLoss"), std::string::npos) << e.message();
  }
}

TEST(KafkaReaderFailure, AgedOutOffsetsWarnAndContinueWithoutFailOnDataLoss) {
  EmbeddedBroker broker;
  const int64_t earliest = overflowPartition(broker);
  ASSERT_GT(earliest, 0);
  KafkaReader reader(opts(broker.bootstrapServers(), {{"failOnDataLoss", "false"}}), true);
  ::testing::internal::CaptureStderr();
  ColumnBatch b = reader.read({{{"t", 0}, 0}}, {{{"t", 0}, 70}});
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("offsets [0, " + std::to_string(earliest) + ")"), std::string::npos) << err;
  ASSERT_EQ(b.rows(), 70 - earliest);
  EXPECT_EQ(num<int64_t>(b, kOffset, 0), earliest);
  EXPECT_EQ(num<int64_t>(b, kOffset, b.rows() - 1), 69);
}

TEST(KafkaReaderFailure, OffsetsPastTheEndAreDataLoss) {
  EmbeddedBroker broker;
  broker.createTopic("t", 1);
  produce(broker.bootstrapServers(), "t", {TestRecord{"k", "v", 0}});
  // As after a topic was deleted and recreated: the checkpoint is ahead of the log.
  KafkaReader strict(opts(broker.bootstrapServers()), true);
  EXPECT_THROW(strict.read({{{"t", 0}, 5}}, strict.planBatch({{{"t", 0}, 5}})), ExecutionError);
  KafkaReader lenient(opts(broker.bootstrapServers(), {{"failOnDataLoss", "false"}}), true);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(lenient.read({{{"t", 0}, 5}}, lenient.planBatch({{{"t", 0}, 5}})).rows(), 0);
  EXPECT_NE(::testing::internal::GetCapturedStderr().find("went back from 5 to 1"),
            std::string::npos);
  // A partition that disappeared.
  EXPECT_THROW(strict.planBatch({{{"gone", 0}, 3}}), ExecutionError);
}

TEST(KafkaReaderFailure, UnreachableClusterFailsInBoundedTime) {
  const auto t0 = Clock::now();
  KafkaReader reader(opts("127.0.0.1:1", {{"kafka.default.api.timeout.ms", "1000"}}), false);
  try {
    reader.readAll();
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("kafka.bootstrap.servers=127.0.0.1:1"), std::string::npos)
        << e.message();
  }
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
}

TEST(KafkaReaderFailure, ReadFailsInBoundedTimeWhileTheBrokerStaysDown) {
  EmbeddedBroker broker;
  broker.createTopic("t", 1);
  produce(broker.bootstrapServers(), "t", {TestRecord{"k", "v", 0}});
  KafkaReader reader(opts(broker.bootstrapServers(), {{"kafkaConsumer.pollTimeoutMs", "800"},
                                                      {"kafka.default.api.timeout.ms", "1000"}}),
                     true);
  const auto start = reader.initialOffsets();  // latest = 1
  broker.setDown(true);
  const auto t0 = Clock::now();
  try {
    reader.read({{{"t", 0}, 0}}, {{{"t", 0}, 1}});
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find(broker.bootstrapServers()), std::string::npos) << e.message();
  }
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(15));
  (void)start;
}

TEST(KafkaReaderFailure, BrokerDownThenUpDuringARead) {
  EmbeddedBroker broker;
  broker.createTopic("t", 2);
  std::vector<TestRecord> recs;
  for (int i = 0; i < 2000; ++i) recs.push_back(TestRecord{"k", std::to_string(i), i % 2});
  produce(broker.bootstrapServers(), "t", recs);
  KafkaReader reader(opts(broker.bootstrapServers(), {{"kafka.reconnect.backoff.max.ms", "200"},
                                                      {"kafka.default.api.timeout.ms", "20000"}}),
                     true);
  const PartitionOffsets start{{{"t", 0}, 0}, {{"t", 1}, 0}};
  const PartitionOffsets end = reader.planBatch(start);
  broker.setDown(true);
  std::thread up([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    broker.setDown(false);
  });
  ColumnBatch b = reader.read(start, end);
  up.join();
  ASSERT_EQ(b.rows(), 2000);
  for (int64_t r = 0; r < b.rows(); ++r)
    ASSERT_EQ(num<int64_t>(b, kOffset, r), r % 1000) << "row " << r;
}

// Every blocking wait of the reader honours its stop check within about a second, however
// long its own bound (here a minute).
TEST(KafkaReaderFailure, WaitsHonourAStop) {
  KafkaReader reader(opts("127.0.0.1:1", {{"kafka.default.api.timeout.ms", "60000"}}), true);
  StopSource stop;
  std::vector<std::string> waits;
  reader.setStopCheck([&] { return stop.stopRequested(); });
  reader.setOnWait([&](std::string_view w) {
    waits.emplace_back(w);
    if (!w.empty()) stop.requestStop();  // stop once the wait is reported (after ~1 s)
  });
  const auto t0 = Clock::now();
  try {
    reader.initialOffsets();
    FAIL();
  } catch (const Interrupted& e) {
    EXPECT_NE(e.message().find("stopped: waiting for the topic list of 127.0.0.1:1"),
              std::string::npos)
        << e.message();
  }
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(2500));
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0], "waiting for the topic list of 127.0.0.1:1 (1 s)");
  EXPECT_EQ(waits[1], "");
}

}  // namespace
}  // namespace sluice
