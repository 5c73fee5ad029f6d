#include "runtime/kafka/embedded_broker.h"

#include <gtest/gtest.h>

#include <chrono>

#include "frontend/error.h"
#include "runtime/kafka/kafka_client.h"

namespace sluice {
namespace {

TEST(EmbeddedBroker, ServesTopicsOnLoopback) {
  EmbeddedBroker broker(3);
  EXPECT_EQ(broker.brokers(), 3);
  EXPECT_EQ(broker.bootstrapServers().rfind("127.0.0.1:", 0), 0u) << broker.bootstrapServers();
  broker.createTopic("a", 4);
  broker.createTopic("b", 1);
  KafkaClient client({{"kafka.bootstrap.servers", broker.bootstrapServers()}},
                     KafkaClientRole::Consumer);
  const auto topics = client.listTopics();
  EXPECT_EQ(topics.at("a"), 4);
  EXPECT_EQ(topics.at("b"), 1);
  EXPECT_TRUE(client.isMockCluster());
  EXPECT_THROW(broker.createTopic("c", 0), ExecutionError);
  EXPECT_THROW(EmbeddedBroker(0), ExecutionError);
}

TEST(EmbeddedBroker, GoesDownAndComesBack) {
  EmbeddedBroker broker;
  broker.createTopic("a", 2);
  KafkaClient client({{"kafka.bootstrap.servers", broker.bootstrapServers()},
                      {"kafka.default.api.timeout.ms", "800"},
                      {"kafka.reconnect.backoff.max.ms", "200"}},
                     KafkaClientRole::Consumer);
  EXPECT_EQ(client.listTopics().size(), 1u);
  broker.setDown(true);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    client.listTopics();
    FAIL() << "a down broker answered";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find(broker.bootstrapServers()), std::string::npos) << e.message();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
  broker.setDown(false);
  EXPECT_EQ(client.listTopics().at("a"), 2);
}

}  // namespace
}  // namespace sluice
