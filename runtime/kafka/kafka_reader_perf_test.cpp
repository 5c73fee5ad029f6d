// Throughput of KafkaReader::read from the embedded broker (records into a ColumnBatch),
// printed for the record; the bound only catches pathological slowdowns.
#include <gtest/gtest.h>

#include <chrono>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(KafkaReaderPerf, ReadsRecordsQuickly) {
  EmbeddedBroker broker;
  broker.createTopic("t", 8);  // < 5 MiB per partition: the mock keeps it all
  constexpr int kRecords = 100000;
  const std::string value(250, 'x');
  std::vector<TestRecord> recs;
  for (int i = 0; i < kRecords; ++i) recs.emplace_back("key" + std::to_string(i), value, i % 8);
  produce(broker.bootstrapServers(), "t", recs, /*lingerMs=*/50);
  KafkaReader reader({{"kafka.bootstrap.servers", broker.bootstrapServers()}, {"subscribe", "t"}},
                     true);
  PartitionOffsets start;
  for (int p = 0; p < 8; ++p) start[TopicPartition{"t", p}] = 0;
  const PartitionOffsets end = reader.planBatch(start);
  const auto t0 = std::chrono::steady_clock::now();
  ColumnBatch b = reader.read(start, end);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(b.rows(), kRecords);
  std::printf("KafkaReader::read: %d records of %zu B in %.3f s = %.0f records/s\n", kRecords,
              value.size(), s, kRecords / s);
  EXPECT_GT(kRecords / s, 20000.0);
}

}  // namespace
}  // namespace sluice
