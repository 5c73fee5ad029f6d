// kcat, a real external Kafka client, against the embedded broker in both directions:
// kcat produces keyed JSON that KafkaReader reads; KafkaWriter writes what kcat consumes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/kafka/kafka_writer.h"

namespace sluice {
namespace {

using namespace sluice::testing;

bool haveKcat() {
  return std::system("command -v kcat >/dev/null 2>&1") == 0;
}

// Runs `cmd` feeding `input` on stdin; returns its exit status.
int runWithInput(const std::string& cmd, const std::string& input) {
  FILE* p = popen(cmd.c_str(), "w");
  if (!p) return -1;
  fwrite(input.data(), 1, input.size(), p);
  return pclose(p);
}

// Runs `cmd`; returns its stdout.
std::string runForOutput(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return {};
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

TEST(KcatIntegration, KcatProducesSluiceReads) {
  if (!haveKcat()) GTEST_SKIP() << "kcat is not on PATH";
  EmbeddedBroker broker;
  broker.createTopic("events", 3);
  std::string input;
  std::set<std::string> sent;
  for (int i = 0; i < 200; ++i) {
    const std::string value =
        "{\"device_id\":\"d" + std::to_string(i % 17) + "\",\"n\":" + std::to_string(i) + "}";
    input += "d" + std::to_string(i % 17) + ":" + value + "\n";
    sent.insert("d" + std::to_string(i % 17) + ":" + value);
  }
  ASSERT_EQ(
      runWithInput("kcat -P -q -b " + broker.bootstrapServers() + " -t events -K: 2>&1", input), 0);
  KafkaReader reader(
      {{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"subscribe", "events"}}, false);
  ColumnBatch b = reader.readAll();
  ASSERT_EQ(b.rows(), 200);
  std::set<std::string> got;
  std::set<int32_t> partitions;
  for (int64_t r = 0; r < b.rows(); ++r) {
    got.insert(str(b, kKey, r) + ":" + str(b, kValue, r));
    partitions.insert(num<int32_t>(b, kPartition, r));
  }
  EXPECT_EQ(got, sent);
  EXPECT_GT(partitions.size(), 1u) << "keyed records should spread over partitions";
}

TEST(KcatIntegration, SluiceWritesKcatConsumes) {
  if (!haveKcat()) GTEST_SKIP() << "kcat is not on PATH";
  EmbeddedBroker broker;
  broker.createTopic("stats", 2);
  KafkaWriter writer({{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"topic", "stats"}});
  std::vector<std::string> sent;
  for (int i = 0; i < 50; ++i) {
    const std::string key = "{\"zip\":" + std::to_string(94000 + i % 5) + "}";
    const std::string value = std::to_string(i * 3);
    writer.write(key, value);
    sent.push_back(key + ":" + value);
  }
  writer.flush();
  const std::string out = runForOutput("kcat -C -q -b " + broker.bootstrapServers() +
                                       " -t stats -o beginning -e -f '%k:%s\\n' 2>/dev/null");
  std::vector<std::string> lines;
  for (size_t i = 0, j; i < out.size(); i = j + 1) {
    j = out.find('\n', i);
    if (j == std::string::npos) j = out.size();
    if (j > i) lines.push_back(out.substr(i, j - i));
  }
  std::sort(lines.begin(), lines.end());
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(lines, sent);
}

}  // namespace
}  // namespace sluice
