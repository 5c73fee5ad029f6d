#include "runtime/kafka/kafka_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "frontend/error.h"
#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

using namespace sluice::testing;

ColumnBatch readBack(const EmbeddedBroker& broker, const std::string& topic, bool headers = false) {
  KafkaReader reader({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                      {"subscribe", topic},
                      {"includeHeaders", headers ? "true" : "false"}},
                     false);
  return reader.readAll();
}

TEST(KafkaWriter, WritesRecordsThatReadBack) {
  EmbeddedBroker broker;
  broker.createTopic("out", 4);
  KafkaWriter w({{"kafka.bootstrap.servers", broker.bootstrapServers()}});
  const KafkaHeader hs[] = {{"h", std::string_view("1")}, {"n", std::nullopt}};
  for (int i = 0; i < 100; ++i)
    w.write("key" + std::to_string(i % 10), "value" + std::to_string(i), "out", -1,
            i == 0 ? std::span<const KafkaHeader>(hs) : std::span<const KafkaHeader>());
  w.write(std::nullopt, std::nullopt, "out", 3);  // null key and value, fixed partition
  w.flush();
  EXPECT_EQ(w.delivered(), 101);
  ColumnBatch b = readBack(broker, "out", true);
  ASSERT_EQ(b.rows(), 101);
  std::map<std::string, std::set<int32_t>> partitionsOfKey;
  std::set<std::string> values;
  int nullRows = 0;
  for (int64_t r = 0; r < b.rows(); ++r) {
    if (isNull(b, kKey, r)) {
      ++nullRows;
      EXPECT_TRUE(isNull(b, kValue, r));
      EXPECT_EQ(num<int32_t>(b, kPartition, r), 3);
      continue;
    }
    partitionsOfKey[str(b, kKey, r)].insert(num<int32_t>(b, kPartition, r));
    values.insert(str(b, kValue, r));
    if (str(b, kValue, r) == "value0") {
      ASSERT_FALSE(isNull(b, kHeaders, r));
      const auto* arr = static_cast<const ArrayData* const*>(b.columns()[kHeaders].values)[r];
      ASSERT_EQ(arr->length, 2);
      const auto* h1 = arr->values[1].as<const StructData*>();
      EXPECT_EQ(h1->fields[0].as<StringView>().view(), "n");
      ASSERT_NE(h1->nulls, nullptr);
      EXPECT_TRUE(h1->nulls[1]);  // null header value
    }
  }
  EXPECT_EQ(nullRows, 1);
  EXPECT_EQ(values.size(), 100u);
  std::set<int32_t> used;
  for (const auto& [k, ps] : partitionsOfKey) {
    EXPECT_EQ(ps.size(), 1u) << k;  // a key always goes to the same partition
    used.insert(*ps.begin());
  }
  EXPECT_GT(used.size(), 1u);  // keys spread over partitions
}

TEST(KafkaWriter, TopicOptionOverridesTheTopicColumn) {
  EmbeddedBroker broker;
  broker.createTopic("a", 1);
  broker.createTopic("b", 1);
  KafkaWriter w({{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"topic", "a"}});
  EXPECT_EQ(w.topic(), "a");
  w.write("k", "v", "b");
  w.flush();
  EXPECT_EQ(readBack(broker, "a").rows(), 1);
  EXPECT_EQ(readBack(broker, "b").rows(), 0);
  KafkaWriter noTopic({{"kafka.bootstrap.servers", broker.bootstrapServers()}});
  EXPECT_THROW(noTopic.write("k", "v"), ExecutionError);
}

TEST(KafkaWriter, FlushReportsFailedRecords) {
  EmbeddedBroker broker;
  broker.createTopic("out", 1);
  KafkaWriter w({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                 {"kafka.delivery.timeout.ms", "1500"},
                 {"kafka.reconnect.backoff.max.ms", "100"}});
  w.write("k", "ok", "out");
  w.flush();
  broker.setDown(true);
  w.write("k", "lost", "out");
  const auto t0 = std::chrono::steady_clock::now();
  try {
    w.flush();
    FAIL() << "expected a delivery failure";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("topic 'out' partition"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("timed out"), std::string::npos) << e.message();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  broker.setDown(false);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // reconnect
  // The writer stays usable; earlier failures are forgotten.
  w.write("k", "again", "out");
  w.flush();
  EXPECT_EQ(w.delivered(), 2);
}

TEST(KafkaWriter, RejectsBadSettingsAndPartitions) {
  EmbeddedBroker broker;
  broker.createTopic("out", 1);
  EXPECT_THROW(
      KafkaWriter({{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"kafka.bogus", "1"}}),
      ExecutionError);
  KafkaWriter w({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                 {"kafka.delivery.timeout.ms", "2000"}});
  try {
    w.write("k", "v", "out", 7);
    w.flush();
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("partition 7"), std::string::npos) << e.message();
  }
}

// A stop fires after `ms` milliseconds (from the first call).
std::function<bool()> stopAfter(int ms) {
  auto t0 = std::make_shared<std::optional<std::chrono::steady_clock::time_point>>();
  return [t0, ms] {
    const auto now = std::chrono::steady_clock::now();
    if (!*t0) *t0 = now;
    return now - **t0 >= std::chrono::milliseconds(ms);
  };
}

// The broker never answers: flush waits for acks (up to delivery.timeout.ms, 120 s by
// default) but gives up within 500 ms of a stop, saying what it waited for.
TEST(KafkaWriter, FlushHonoursAStop) {
  KafkaWriter w(std::map<std::string, std::string>{{"kafka.bootstrap.servers", "127.0.0.1:1"}});
  std::vector<std::string> waits;
  std::vector<std::string> polled;  // what a status line polling waitingFor() sees
  w.setOnWait([&](std::string_view what) {
    waits.emplace_back(what);
    polled.push_back(w.waitingFor());
  });
  for (int i = 0; i < 3; ++i) w.write("k", "v", "t");
  EXPECT_EQ(w.unacknowledged(), 3);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    w.flush(stopAfter(1300));
    FAIL() << "flush returned without acks";
  } catch (const Interrupted& e) {
    EXPECT_EQ(e.message(), "stopped: waiting for acks of 3 records to topic 't'");
  }
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_GE(took, std::chrono::milliseconds(1300));
  EXPECT_LT(took, std::chrono::milliseconds(2000));
  // Reported once the wait was a second old, then cleared when it ended.
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0], "waiting for acks of 3 records to topic 't' (1 s)");
  EXPECT_EQ(waits[1], "");
  EXPECT_EQ(polled, waits);
  EXPECT_EQ(w.waitingFor(), "");
}

// The writer's own stop check serves flush() without an argument (and write's waits).
TEST(KafkaWriter, StopCheckOfTheWriter) {
  KafkaWriter w(std::map<std::string, std::string>{{"kafka.bootstrap.servers", "127.0.0.1:1"}});
  StopSource stop;
  w.setStopCheck([&] { return stop.stopRequested(); });
  w.write(std::nullopt, "v", "x");
  stop.requestStop();
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(w.flush(), Interrupted);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(600));
}

// A record over message.max.bytes is refused at once, naming the topic.
TEST(KafkaWriter, TooLargeRecordNamesTheTopic) {
  KafkaWriter w(std::map<std::string, std::string>{{"kafka.bootstrap.servers", "127.0.0.1:1"}});
  try {
    w.write(std::nullopt, std::string(2'000'000, 'x'), "big");
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("topic 'big' partition (any)"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("too large"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace sluice
