#include "runtime/kafka/kafka_fetch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

// A fetch from a broker that went down waits up to kafkaConsumer.pollTimeoutMs (here a
// minute) for records, but gives up within about 100 ms of a stop, naming the range.
TEST(KafkaFetch, WaitHonoursAStopAndIsReported) {
  EmbeddedBroker broker;
  broker.createTopic("t", 1);
  testing::produce(broker.bootstrapServers(), "t", {testing::TestRecord{"k", "v", 0}});
  KafkaClient consumer({{"kafka.bootstrap.servers", broker.bootstrapServers()}},
                       KafkaClientRole::Consumer);
  std::atomic<bool> stop{false};
  std::vector<std::string> waits;
  consumer.setStopCheck([&] { return stop.load(); });
  consumer.setOnWait([&](std::string_view w) { waits.emplace_back(w); });
  broker.setDown(true);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    stop = true;
  });
  const auto t0 = Clock::now();
  try {
    fetchRanges(consumer, {FetchRange{{"t", 0}, 0, 1}}, DataLossPolicy{}, 60000,
                [](rd_kafka_message_t* m) {
                  rd_kafka_message_destroy(m);
                  return true;
                });
    ADD_FAILURE() << "fetched from a broker that is down";
  } catch (const Interrupted& e) {
    EXPECT_EQ(e.message(), "stopped: waiting for records of topic 't' partition 0 offsets [0, 1)");
  }
  EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(1800));
  stopper.join();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_EQ(waits[0], "waiting for records of topic 't' partition 0 offsets [0, 1) (1 s)");
  EXPECT_EQ(waits[1], "");
}

}  // namespace
}  // namespace sluice
