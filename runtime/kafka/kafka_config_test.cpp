#include "runtime/kafka/kafka_config.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include "frontend/error.h"

namespace sluice {
namespace {

std::string get(const KafkaClientConfig& c, const char* name) {
  char buf[512];
  size_t size = sizeof buf;
  if (rd_kafka_conf_get(c.conf.get(), name, buf, &size) != RD_KAFKA_CONF_OK) return "(unset)";
  return buf;
}

std::string errorOf(const std::map<std::string, std::string>& options) {
  try {
    buildKafkaConfig(options, KafkaClientRole::Consumer);
  } catch (const ExecutionError& e) {
    return e.message();
  }
  return "(no error)";
}

const std::map<std::string, std::string> kBase = {{"kafka.bootstrap.servers", "h:9092"},
                                                  {"subscribe", "t"}};

TEST(KafkaConfig, PassesKafkaOptionsThroughWithoutPrefix) {
  auto opts = kBase;
  opts["kafka.fetch.min.bytes"] = "7";
  opts["kafka.client.id"] = "me";
  auto c = buildKafkaConfig(opts, KafkaClientRole::Consumer);
  EXPECT_EQ(get(c, "bootstrap.servers"), "h:9092");
  EXPECT_EQ(get(c, "fetch.min.bytes"), "7");
  EXPECT_EQ(get(c, "client.id"), "me");
  EXPECT_EQ(c.bootstrapServers, "h:9092");
  EXPECT_EQ(c.apiTimeoutMs, kDefaultApiTimeoutMs);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(KafkaConfig, TranslatesJavaNames) {
  auto opts = kBase;
  opts["kafka.fetch.max.wait.ms"] = "123";
  opts["kafka.receive.buffer.bytes"] = "65536";
  opts["kafka.buffer.memory"] = "1025";
  opts["kafka.max.request.size"] = "2000000";
  opts["kafka.default.api.timeout.ms"] = "1500";
  opts["kafka.sasl.jaas.config"] =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u1\" "
      "password=\"p w\";";
  auto c = buildKafkaConfig(opts, KafkaClientRole::Producer);
  EXPECT_EQ(get(c, "fetch.wait.max.ms"), "123");
  EXPECT_EQ(get(c, "socket.receive.buffer.bytes"), "65536");
  EXPECT_EQ(get(c, "queue.buffering.max.kbytes"), "2");
  EXPECT_EQ(get(c, "message.max.bytes"), "2000000");
  EXPECT_EQ(get(c, "sasl.username"), "u1");
  EXPECT_EQ(c.apiTimeoutMs, 1500);
}

TEST(KafkaConfig, IgnoresJavaOnlySettingsWithAWarning) {
  auto opts = kBase;
  opts["kafka.max.poll.records"] = "500";
  opts["kafka.partition.assignment.strategy"] = "org.apache.kafka.clients.consumer.RangeAssignor";
  auto c = buildKafkaConfig(opts, KafkaClientRole::Consumer);
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_NE(c.warnings[0].find("kafka.max.poll.records"), std::string::npos);
}

TEST(KafkaConfig, UnknownPropertyNamesTheOption) {
  auto opts = kBase;
  opts["kafka.no.such.thing"] = "1";
  const auto e = errorOf(opts);
  EXPECT_NE(e.find("'kafka.no.such.thing'"), std::string::npos) << e;
  EXPECT_NE(e.find("No such configuration property"), std::string::npos) << e;
  opts = kBase;
  opts["kafka.ssl.truststore.location"] = "/x.jks";
  const auto t = errorOf(opts);
  EXPECT_NE(t.find("ssl.ca.location"), std::string::npos) << t;  // librdkafka's hint
  opts = kBase;
  opts["kafka.fetch.min.bytes"] = "lots";
  EXPECT_NE(errorOf(opts).find("'kafka.fetch.min.bytes'"), std::string::npos);
  opts = kBase;
  opts["kafka.sasl.jaas.config"] = "com.sun.security.auth.module.Krb5LoginModule required;";
  EXPECT_NE(errorOf(opts).find("kerberos"), std::string::npos);
  EXPECT_NE(errorOf({{"subscribe", "t"}}).find("kafka.bootstrap.servers"), std::string::npos);
}

TEST(KafkaConfig, ConsumerNeverCommits) {
  auto c = buildKafkaConfig(kBase, KafkaClientRole::Consumer);
  EXPECT_EQ(get(c, "enable.auto.commit"), "false");
  EXPECT_EQ(get(c, "enable.auto.offset.store"), "false");
  EXPECT_EQ(get(c, "auto.offset.reset"), "error");
  EXPECT_EQ(get(c, "group.id").rfind("spark-kafka-source-", 0), 0u) << get(c, "group.id");
  // Each source gets its own group id.
  auto c2 = buildKafkaConfig(kBase, KafkaClientRole::Consumer);
  EXPECT_NE(get(c, "group.id"), get(c2, "group.id"));
  auto opts = kBase;
  opts["groupIdPrefix"] = "mine";
  EXPECT_EQ(get(buildKafkaConfig(opts, KafkaClientRole::Consumer), "group.id").rfind("mine-", 0),
            0u);
}

TEST(KafkaConfig, GroupIdIsAcceptedWithAWarning) {
  auto opts = kBase;
  opts["kafka.group.id"] = "shared";
  auto c = buildKafkaConfig(opts, KafkaClientRole::Consumer);
  EXPECT_EQ(get(c, "group.id"), "shared");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("kafka.group.id"), std::string::npos);
  EXPECT_EQ(get(c, "enable.auto.commit"), "false");
}

TEST(KafkaConfig, ProducerDefaults) {
  auto c = buildKafkaConfig(kBase, KafkaClientRole::Producer);
  EXPECT_EQ(get(c, "enable.idempotence"), "true");
  EXPECT_EQ(get(c, "partitioner"), "murmur2_random");
  EXPECT_EQ(get(c, "group.id"), "(unset)");
  auto opts = kBase;
  opts["kafka.enable.idempotence"] = "false";
  EXPECT_EQ(get(buildKafkaConfig(opts, KafkaClientRole::Producer), "enable.idempotence"), "false");
}

}  // namespace
}  // namespace sluice
