#include "runtime/kafka/kafka_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "frontend/error.h"
#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;
using Clock = std::chrono::steady_clock;

class KafkaReaderTest : public ::testing::Test {
 protected:
  void SetUp() override { broker_.createTopic("t", 3); }

  std::map<std::string, std::string> opts(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> o = {{"kafka.bootstrap.servers", broker_.bootstrapServers()},
                                            {"subscribe", "t"},
                                            {"kafka.default.api.timeout.ms", "5000"}};
    for (auto& [k, v] : extra) o[k] = v;
    return o;
  }

  // `n` records per partition of "t": key "k<p>-<i>", value "v<p>-<i>".
  void fill(int n, int partitions = 3) {
    std::vector<TestRecord> recs;
    for (int p = 0; p < partitions; ++p)
      for (int i = 0; i < n; ++i)
        recs.push_back(TestRecord{"k" + std::to_string(p) + "-" + std::to_string(i),
                                  "v" + std::to_string(p) + "-" + std::to_string(i), p});
    produce(broker_.bootstrapServers(), "t", recs);
  }

  EmbeddedBroker broker_;
};

TEST_F(KafkaReaderTest, BatchReadsEverythingWithSparksSchema) {
  fill(5);
  produce(broker_.bootstrapServers(), "t", {TestRecord{std::nullopt, std::nullopt, 1}});
  KafkaReader reader(opts(), /*streaming=*/false);
  ColumnBatch b = reader.readAll();
  ASSERT_EQ(b.rows(), 16);
  ASSERT_EQ(b.types().size(), 7u);
  EXPECT_EQ(b.types()[kKey]->toString(), "binary");
  EXPECT_EQ(b.types()[kTimestamp]->toString(), "timestamp");
  const int64_t nowUs = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  // Ordered by partition then offset.
  for (int64_t r = 0; r < 5; ++r) {
    EXPECT_EQ(str(b, kKey, r), "k0-" + std::to_string(r));
    EXPECT_EQ(str(b, kValue, r), "v0-" + std::to_string(r));
    EXPECT_EQ(str(b, kTopic, r), "t");
    EXPECT_EQ(num<int32_t>(b, kPartition, r), 0);
    EXPECT_EQ(num<int64_t>(b, kOffset, r), r);
    EXPECT_NEAR(static_cast<double>(num<int64_t>(b, kTimestamp, r)), static_cast<double>(nowUs),
                60e6);
    EXPECT_EQ(num<int32_t>(b, kTimestampType, r), 0);  // CreateTime
  }
  EXPECT_EQ(num<int32_t>(b, kPartition, 5), 1);
  EXPECT_FALSE(isNull(b, kKey, 5));
  EXPECT_TRUE(isNull(b, kKey, 10));  // the record with a null key and value: t-1 offset 5
  EXPECT_TRUE(isNull(b, kValue, 10));
  EXPECT_EQ(num<int64_t>(b, kOffset, 10), 5);
  EXPECT_EQ(num<int32_t>(b, kPartition, 11), 2);
  EXPECT_EQ(reader.description(), "KafkaV2[Subscribe[t]]");
}

// The chunked read hands over the same rows as one read, every partition's in offset order,
// in batches of at most the chunk size, with headers.
TEST_F(KafkaReaderTest, ChunkedReadEqualsOneReadPerPartition) {
  fill(10);
  produce(broker_.bootstrapServers(), "t", {TestRecord{std::nullopt, std::nullopt, 1}});
  KafkaReader reader(opts({{"includeHeaders", "true"}}), /*streaming=*/false);
  auto row = [](const ColumnBatch& b, int64_t r) {
    return std::to_string(num<int32_t>(b, kPartition, r)) + "@" +
           std::to_string(num<int64_t>(b, kOffset, r)) + ":" +
           (isNull(b, kKey, r) ? "NULL" : str(b, kKey, r) + "=" + str(b, kValue, r));
  };
  const ColumnBatch whole = reader.readAll();
  ASSERT_EQ(whole.rows(), 31);
  std::map<int32_t, std::vector<std::string>> expected;
  for (int64_t r = 0; r < whole.rows(); ++r)
    expected[num<int32_t>(whole, kPartition, r)].push_back(row(whole, r));
  reader.setChunkRecords(4);
  {
    std::map<int32_t, std::vector<std::string>> perPartition;
    std::vector<int64_t> sizes;
    reader.readAll([&](ColumnBatch&& b) {
      sizes.push_back(b.rows());
      EXPECT_EQ(b.types().size(), 8u);  // with the headers column
      for (int64_t r = 0; r < b.rows(); ++r)
        perPartition[num<int32_t>(b, kPartition, r)].push_back(row(b, r));
    });
    EXPECT_EQ(perPartition, expected);
    EXPECT_EQ(sizes.size(), 8u);  // 31 records in chunks of 4
    for (int64_t n : sizes) EXPECT_LE(n, 4);
  }
}

// A consumer that fails stops the fetch; the error reaches the caller and nothing hangs.
TEST_F(KafkaReaderTest, ChunkedReadStopsWhenTheConsumerFails) {
  fill(200);
  KafkaReader reader(opts(), /*streaming=*/false);
  reader.setChunkRecords(10);
  int batches = 0;
  EXPECT_THROW(reader.readAll([&](ColumnBatch&&) {
    if (++batches == 3) throw ExecutionError("kernel failed");
  }),
               ExecutionError);
  EXPECT_EQ(batches, 3);
  // The reader is still usable after the failed read.
  int64_t rows = 0;
  reader.readAll([&](ColumnBatch&& b) { rows += b.rows(); });
  EXPECT_EQ(rows, 600);
}

TEST_F(KafkaReaderTest, ChunkedReadOfNothingIsOneEmptyBatch) {
  KafkaReader reader(opts(), /*streaming=*/false);
  int batches = 0;
  reader.readAll([&](ColumnBatch&& b) {
    ++batches;
    EXPECT_EQ(b.rows(), 0);
    EXPECT_EQ(b.types().size(), 7u);
  });
  EXPECT_EQ(batches, 1);
}

TEST_F(KafkaReaderTest, ReadsExactRanges) {
  fill(10);
  KafkaReader reader(opts(), true);
  const TopicPartition p0{"t", 0}, p2{"t", 2};
  ColumnBatch b = reader.read({{p0, 3}, {p2, 9}}, {{p0, 6}, {p2, 10}});
  ASSERT_EQ(b.rows(), 4);
  EXPECT_EQ(str(b, kValue, 0), "v0-3");
  EXPECT_EQ(str(b, kValue, 2), "v0-5");
  EXPECT_EQ(str(b, kValue, 3), "v2-9");
  // A partition missing from the start offsets starts at its earliest offset.
  EXPECT_EQ(reader.read({}, {{p2, 2}}).rows(), 2);
  EXPECT_EQ(reader.read({{p0, 4}}, {{p0, 4}}).rows(), 0);
}

TEST_F(KafkaReaderTest, StartingOffsets) {
  fill(4);
  {
    KafkaReader stream(opts(), true);  // streams start at latest by default
    EXPECT_EQ(stream.initialOffsets(),
              (PartitionOffsets{{{"t", 0}, 4}, {{"t", 1}, 4}, {{"t", 2}, 4}}));
    EXPECT_EQ(stream.latestOffsets(), stream.initialOffsets());
  }
  KafkaReader json(opts({{"startingOffsets", R"({"t":{"0":-2,"1":-1,"2":1}})"}}), true);
  EXPECT_EQ(json.initialOffsets(), (PartitionOffsets{{{"t", 0}, 0}, {{"t", 1}, 4}, {{"t", 2}, 1}}));
  KafkaReader partial(opts({{"startingOffsets", R"({"t":{"0":1}})"}}), true);
  try {
    partial.initialOffsets();
    FAIL() << "expected an error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("must name every partition"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("t-1"), std::string::npos) << e.message();
  }
  KafkaReader batch(opts({{"startingOffsets", R"({"t":{"0":2,"1":3,"2":-2}})"},
                          {"endingOffsets", R"({"t":{"0":3,"1":-1,"2":1}})"}}),
                    false);
  EXPECT_EQ(batch.readAll().rows(), 1 + 1 + 1);
  KafkaReader backwards(opts({{"startingOffsets", R"({"t":{"0":3,"1":0,"2":0}})"},
                              {"endingOffsets", R"({"t":{"0":1,"1":-1,"2":-1}})"}}),
                        false);
  EXPECT_THROW(backwards.readAll(), ExecutionError);
}

TEST_F(KafkaReaderTest, MaxOffsetsPerTriggerSplitsProportionallyAndReadsAllOnce) {
  std::vector<TestRecord> recs;
  for (int i = 0; i < 60; ++i) recs.push_back(TestRecord{"k", std::to_string(i), 0});
  for (int i = 0; i < 30; ++i) recs.push_back(TestRecord{"k", std::to_string(i), 1});
  for (int i = 0; i < 10; ++i) recs.push_back(TestRecord{"k", std::to_string(i), 2});
  produce(broker_.bootstrapServers(), "t", recs);
  KafkaReader reader(opts({{"maxOffsetsPerTrigger", "20"}, {"startingOffsets", "earliest"}}), true);
  PartitionOffsets start = reader.initialOffsets();
  PartitionOffsets end = reader.planBatch(start);
  EXPECT_EQ(end, (PartitionOffsets{{{"t", 0}, 12}, {{"t", 1}, 6}, {{"t", 2}, 2}}));
  std::set<std::pair<int32_t, int64_t>> seen;
  int batches = 0;
  while (start != end) {
    ColumnBatch b = reader.read(start, end);
    EXPECT_LE(b.rows(), 20 + 3);
    for (int64_t r = 0; r < b.rows(); ++r)
      EXPECT_TRUE(
          seen.insert({num<int32_t>(b, kPartition, r), num<int64_t>(b, kOffset, r)}).second);
    start = end;
    end = reader.planBatch(start);
    ASSERT_LT(++batches, 20);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_GE(batches, 5);
}

TEST_F(KafkaReaderTest, NewPartitionsStartAtEarliest) {
  fill(2);
  std::map<std::string, std::string> o = opts();
  o.erase("subscribe");
  o["subscribePattern"] = "t|new.*";
  KafkaReader pattern(o, true);
  const PartitionOffsets start = pattern.initialOffsets();  // latest of t's 3 partitions
  EXPECT_EQ(start.size(), 3u);
  broker_.createTopic("newtopic", 2);
  broker_.createTopic("other", 1);
  produce(broker_.bootstrapServers(), "newtopic",
          {TestRecord{"a", "x", 0}, TestRecord{"b", "y", 1}, TestRecord{"c", "z", 1}});
  const PartitionOffsets end = pattern.planBatch(start);
  EXPECT_EQ(end.size(), 5u);
  EXPECT_EQ(end.count(TopicPartition{"other", 0}), 0u);
  ColumnBatch b = pattern.read(start, end);
  ASSERT_EQ(b.rows(), 3);
  EXPECT_EQ(str(b, kTopic, 0), "newtopic");
  EXPECT_EQ(pattern.description(), "KafkaV2[SubscribePattern[t|new.*]]");
}

TEST_F(KafkaReaderTest, AssignReadsOnlyTheGivenPartitions) {
  fill(3);
  auto o = opts();
  o.erase("subscribe");
  o["assign"] = R"({"t":[2,0]})";
  KafkaReader reader(o, false);
  EXPECT_EQ(reader.partitions(), (std::vector<TopicPartition>{{"t", 0}, {"t", 2}}));
  EXPECT_EQ(reader.readAll().rows(), 6);
  o["assign"] = R"({"t":[7]})";
  o["kafka.default.api.timeout.ms"] = "300";
  KafkaReader missing(o, false);
  try {
    missing.partitions();
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("partition t-7 (option 'assign') does not exist"), std::string::npos)
        << e.message();
  }
}

TEST_F(KafkaReaderTest, MissingSubscribedTopicFailsAfterABoundedWait) {
  KafkaReader reader(opts({{"subscribe", "t, nope"}, {"kafka.default.api.timeout.ms", "400"}}),
                     false);
  const auto t0 = Clock::now();
  try {
    reader.readAll();
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("topic 'nope' (option 'subscribe') does not exist"),
              std::string::npos)
        << e.message();
  }
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
}

TEST_F(KafkaReaderTest, StartingOffsetsByTimestamp) {
  std::vector<TestRecord> recs;
  for (int p = 0; p < 3; ++p)
    for (int i = 0; i < 5; ++i)
      recs.push_back(TestRecord{"k", std::to_string(i), p, 1000000 + 1000 * i + p});
  produce(broker_.bootstrapServers(), "t", recs);
  // The first offset whose timestamp is >= the given one.
  KafkaReader global(opts({{"startingTimestamp", "1002500"}}), true);
  EXPECT_EQ(global.initialOffsets(),
            (PartitionOffsets{{{"t", 0}, 3}, {{"t", 1}, 3}, {{"t", 2}, 3}}));
  KafkaReader per(
      opts({{"startingOffsetsByTimestamp", R"({"t":{"0":1000000,"1":1001001,"2":1001003}})"}}),
      true);
  EXPECT_EQ(per.initialOffsets(), (PartitionOffsets{{{"t", 0}, 0}, {{"t", 1}, 1}, {{"t", 2}, 2}}));
  // Timestamps in the batch are the records' (ms -> microseconds).
  ColumnBatch b = per.read({{{"t", 0}, 4}}, {{{"t", 0}, 5}});
  ASSERT_EQ(b.rows(), 1);
  EXPECT_EQ(num<int64_t>(b, kTimestamp, 0), (1000000 + 4000) * 1000LL);
  // Past every record: an error by default, the latest offset with strategy 'latest'.
  KafkaReader late(opts({{"startingTimestamp", "9000000"}}), true);
  EXPECT_THROW(late.initialOffsets(), ExecutionError);
  KafkaReader lateLatest(
      opts({{"startingTimestamp", "9000000"}, {"startingOffsetsByTimestampStrategy", "latest"}}),
      true);
  EXPECT_EQ(lateLatest.initialOffsets(),
            (PartitionOffsets{{{"t", 0}, 5}, {{"t", 1}, 5}, {{"t", 2}, 5}}));
  // Ending by timestamp (batch): unmatched means latest.
  KafkaReader ending(opts({{"endingTimestamp", "1001500"}}), false);
  EXPECT_EQ(ending.readAll().rows(), 3 * 2);
}

TEST_F(KafkaReaderTest, IncludeHeaders) {
  produce(broker_.bootstrapServers(), "t",
          {TestRecord{"k", "v", 0, 0, {{"h1", "a"}, {"h2", ""}}}, TestRecord{"k", "w", 0}});
  KafkaReader reader(opts({{"includeHeaders", "true"}}), false);
  ColumnBatch b = reader.readAll();
  ASSERT_EQ(b.rows(), 2);
  ASSERT_EQ(b.types().size(), 8u);
  EXPECT_EQ(b.types()[kHeaders]->toString(), "array<struct<key:string,value:binary>>");
  ASSERT_FALSE(isNull(b, kHeaders, 0));
  const auto* arr = static_cast<const ArrayData* const*>(b.columns()[kHeaders].values)[0];
  ASSERT_EQ(arr->length, 2);
  const auto* h0 = arr->values[0].as<const StructData*>();
  EXPECT_EQ(h0->fields[0].as<StringView>().view(), "h1");
  EXPECT_EQ(h0->fields[1].as<StringView>().view(), "a");
  const auto* h1 = arr->values[1].as<const StructData*>();
  EXPECT_EQ(h1->fields[0].as<StringView>().view(), "h2");
  EXPECT_TRUE(isNull(b, kHeaders, 1));  // no headers: NULL, as in Spark
}

TEST_F(KafkaReaderTest, NeverCommitsToTheGroup) {
  fill(3);
  KafkaReader reader(opts({{"kafka.group.id", "g1"}, {"startingOffsets", "earliest"}}), true);
  const auto start = reader.initialOffsets();
  EXPECT_EQ(reader.read(start, reader.planBatch(start)).rows(), 9);
  char err[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", broker_.bootstrapServers().c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "group.id", "g1", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  ASSERT_NE(rk, nullptr);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(3);
  for (int p = 0; p < 3; ++p) rd_kafka_topic_partition_list_add(list, "t", p);
  ASSERT_EQ(rd_kafka_committed(rk, list, 5000), RD_KAFKA_RESP_ERR_NO_ERROR);
  for (int i = 0; i < list->cnt; ++i) EXPECT_EQ(list->elems[i].offset, RD_KAFKA_OFFSET_INVALID);
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
}

// Continuous queries wait for topics that do not exist yet (Spark): no error and no wait,
// and once the topic exists its partitions are read from their earliest offset.
TEST_F(KafkaReaderTest, AllowMissingTopicsPicksUpATopicCreatedLater) {
  fill(1);
  KafkaReader reader(opts({{"subscribe", "late, t"}, {"kafka.default.api.timeout.ms", "20000"}}),
                     true);
  reader.setAllowMissingTopics(true);
  const auto t0 = Clock::now();
  EXPECT_EQ(reader.partitions().size(), 3u);
  EXPECT_EQ(reader.missingTopics(), std::vector<std::string>{"late"});
  const PartitionOffsets start = reader.initialOffsets();  // latest of t
  EXPECT_EQ(start.size(), 3u);
  EXPECT_EQ(reader.latestOffsets().size(), 3u);
  EXPECT_EQ(reader.planBatch(start), start);
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(3)) << "a missing topic must not be waited for";

  broker_.createTopic("late", 2);
  produce(broker_.bootstrapServers(), "late",
          {TestRecord{"a", "x", 0}, TestRecord{"b", "y", 1}, TestRecord{"c", "z", 1}});
  const PartitionOffsets end = reader.planBatch(start);
  EXPECT_TRUE(reader.missingTopics().empty());
  EXPECT_EQ(end.size(), 5u);
  EXPECT_EQ(end.at(TopicPartition{"late", 1}), 2);
  ColumnBatch b = reader.read(start, end);
  ASSERT_EQ(b.rows(), 3);
  EXPECT_EQ(str(b, kTopic, 0), "late");
  EXPECT_EQ(str(b, kValue, 0), "x");
}

// Without the opt-in a missing topic is still an error (batch queries, availableNow).
TEST_F(KafkaReaderTest, MissingTopicsAreAnErrorByDefault) {
  KafkaReader reader(opts({{"subscribe", "late"}, {"kafka.default.api.timeout.ms", "300"}}), true);
  EXPECT_THROW(reader.initialOffsets(), ExecutionError);
  EXPECT_EQ(reader.missingTopics(), std::vector<std::string>{"late"});
}

// Each row can say which record it is (error messages), also after columns are pruned.
TEST_F(KafkaReaderTest, RowsDescribeTheirRecord) {
  fill(4);
  KafkaReader reader(opts(), false);
  ColumnBatch b = reader.readAll();
  ASSERT_EQ(b.rows(), 12);
  std::vector<std::string> expected;
  for (int64_t r = 0; r < b.rows(); ++r)
    expected.push_back("topic 't' partition " + std::to_string(num<int32_t>(b, kPartition, r)) +
                       " offset " + std::to_string(num<int64_t>(b, kOffset, r)));
  ColumnBatch valueOnly = std::move(b).select({kValue});
  for (int64_t r = 0; r < valueOnly.rows(); ++r) EXPECT_EQ(valueOnly.describeRow(r), expected[r]);
  EXPECT_EQ(ColumnBatch().describeRow(0), "");
}

}  // namespace
}  // namespace sluice
