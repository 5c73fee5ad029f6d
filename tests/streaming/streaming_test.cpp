// Streaming queries end to end against the in-process embedded broker: Kafka in, kernels,
// Kafka out, checkpoints, restarts with state.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

class StreamingTest : public BrokerTestFixture {
 protected:
  StreamingTest() : BrokerTestFixture({{"in", 3}, {"out", 2}}, "sluice-stream-") {}

  void produce(const std::vector<std::pair<std::string, std::string>>& records) {
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "in"}});
    for (const auto& [k, v] : records) w.write(k, v);
    w.flush();
  }

  // Event-time tests: a record in topic `in` whose Kafka timestamp is `seconds` after
  // kEventEpochMs (a multiple of 10 s), and a run of `query` writing progress to `name`.
  static constexpr int64_t kEventEpochMs = 1700000000000;
  void produceAt(const std::vector<int64_t>& seconds) {
    std::vector<sluice::testing::TestRecord> recs;
    for (int64_t s : seconds)
      recs.emplace_back(std::nullopt, std::string("e"), -1, kEventEpochMs + s * 1000);
    sluice::testing::produce(broker_->bootstrapServers(), "in", recs);
  }
  void runWithProgress(const char* query, const std::string& mode, const std::string& name) {
    Engine e;
    ScriptOptions o;
    o.progressFile = (dir_ / name).string();
    e.execute(script(query, mode), o);
  }
  std::string progressOf(const std::string& name) {
    std::ifstream in(dir_ / name);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  // Every (key, value) in topic `out`, sorted.
  std::vector<std::pair<std::string, std::string>> readOut() { return readTopic("out"); }

  std::string script(const std::string& query, const std::string& mode) {
    const std::string b = broker_->bootstrapServers();
    return "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" + b +
           "', subscribe 'in', startingOffsets 'earliest');\n"
           "CREATE TABLE dst USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           b +
           "', topic 'out');\n"
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
           (dir_ / "cp").string() + "', outputMode '" + mode +
           "', trigger 'availableNow') AS INSERT INTO dst " + query + ";\n";
  }
};

const char* kFilter =
    "SELECT CAST(key AS STRING) AS key, upper(CAST(value AS STRING)) AS value FROM STREAM src "
    "WHERE CAST(value AS STRING) LIKE 'keep%'";

TEST_F(StreamingTest, FilterProjectToKafkaAndResumeFromCheckpoint) {
  produce({{"a", "keep 1"}, {"b", "drop 2"}, {"c", "keep 3"}});
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  using Rows = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(readOut(), (Rows{{"a", "KEEP 1"}, {"c", "KEEP 3"}}));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "metadata"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "offsets" / "0"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "commits" / "0"));

  // A restart reads only what arrived since: nothing is reprocessed.
  produce({{"d", "keep 4"}, {"e", "nope"}});
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  EXPECT_EQ(readOut(), (Rows{{"a", "KEEP 1"}, {"c", "KEEP 3"}, {"d", "KEEP 4"}}));
  // And with no new data a restart writes nothing.
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  EXPECT_EQ(readOut().size(), 3u);
}

TEST_F(StreamingTest, UncommittedBatchIsReplayedWithTheSameOffsets) {
  produce({{"a", "keep 1"}, {"b", "keep 2"}});
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  // Simulate a crash after offsets/0 was written but before commits/0.
  fs::remove(dir_ / "cp" / "commits" / "0");
  produce({{"c", "keep 3"}});
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  // Batch 0 ran again with its logged end offsets (a, b: at-least-once duplicates), then
  // batch 1 picked up c.
  using Rows = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(
      readOut(),
      (Rows{{"a", "KEEP 1"}, {"a", "KEEP 1"}, {"b", "KEEP 2"}, {"b", "KEEP 2"}, {"c", "KEEP 3"}}));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "commits" / "1"));
}

const char* kCount =
    "SELECT CAST(value AS STRING) AS key, CAST(count(*) AS STRING) AS value FROM STREAM src "
    "GROUP BY CAST(value AS STRING)";

// The latest value per key of topic `out`.
std::map<std::string, std::string> latest(
    const std::vector<std::pair<std::string, std::string>>& rows) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : rows) m[k] = v;  // not ordered by offset; counts only grow
  for (const auto& [k, v] : rows)
    if (std::stoll(v) > std::stoll(m[k])) m[k] = v;
  return m;
}

TEST_F(StreamingTest, CompleteModeCountsSurviveRestarts) {
  produce({{"1", "x"}, {"2", "y"}, {"3", "x"}});
  {
    Engine e;
    e.execute(script(kCount, "complete"));
  }
  EXPECT_EQ(latest(readOut()), (std::map<std::string, std::string>{{"x", "2"}, {"y", "1"}}));
  produce({{"4", "x"}, {"5", "z"}});
  {
    Engine e;  // a new process would do the same: the state comes from the state store
    e.execute(script(kCount, "complete"));
  }
  EXPECT_EQ(latest(readOut()),
            (std::map<std::string, std::string>{{"x", "3"}, {"y", "1"}, {"z", "1"}}));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "0"));
}

TEST_F(StreamingTest, UpdateModeWritesOnlyChangedKeys) {
  produce({{"1", "x"}, {"2", "y"}});
  {
    Engine e;
    e.execute(script(kCount, "update"));
  }
  produce({{"3", "x"}});
  {
    Engine e;
    e.execute(script(kCount, "update"));
  }
  using Rows = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(readOut(), (Rows{{"x", "1"}, {"x", "2"}, {"y", "1"}}));
}

TEST_F(StreamingTest, AppendModeAggregationWithoutWatermarkIsRefused) {
  produce({{"1", "x"}});
  Engine e;
  EXPECT_THROW(e.execute(script(kCount, "append")), Error);
}

TEST_F(StreamingTest, MinOffsetsPerTriggerWaitsUntilMaxTriggerDelay) {
  produce({{"a", "keep 1"}, {"b", "keep 2"}});
  const std::string b = broker_->bootstrapServers();
  const std::string sql =
      "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" + b +
      "', subscribe 'in', startingOffsets 'earliest', minOffsetsPerTrigger '100', "
      "maxTriggerDelay '2s');\n"
      "CREATE TABLE dst USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
      b +
      "', topic 'out');\n"
      "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
      (dir_ / "cp").string() + "', trigger '100 milliseconds') AS INSERT INTO dst " + kFilter +
      ";\n";
  Engine e;
  std::thread runner([&] { e.execute(sql); });
  // 2 records < minOffsetsPerTrigger: no batch before maxTriggerDelay has passed...
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "offsets" / "0"));
  // ...then one batch with what is there.
  for (int i = 0; i < 100 && !fs::exists(dir_ / "cp" / "commits" / "0"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  e.requestStop();
  runner.join();
  EXPECT_EQ(readOut().size(), 2u);
}

TEST_F(StreamingTest, CorruptCheckpointIsAnErrorNamingTheFile) {
  produce({{"a", "keep 1"}});
  {
    Engine e;
    e.execute(script(kFilter, "append"));
  }
  {
    std::ofstream f(dir_ / "cp" / "offsets" / "0", std::ios::trunc);
    f << "garbage";
  }
  Engine e;
  try {
    e.execute(script(kFilter, "append"));
    FAIL() << "expected an error";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("offsets"), std::string::npos) << err.what();
  }
}

// Event time from the Kafka record timestamp, 10 s tumbling windows, 5 s watermark delay.
const char* kWindowed =
    "SELECT CAST(CAST(window.start AS BIGINT) AS STRING) AS key, CAST(count(*) AS STRING) AS "
    "value FROM STREAM src WATERMARK timestamp DELAY OF INTERVAL 5 SECONDS "
    "GROUP BY window(timestamp, '10 seconds')";

TEST_F(StreamingTest, AppendModeEmitsEachClosedWindowOnceAndDropsLateRows) {
  using Rows = std::vector<std::pair<std::string, std::string>>;
  produceAt({1, 2, 12});
  runWithProgress(kWindowed, "append", "p1.jsonl");
  EXPECT_TRUE(readOut().empty());  // watermark 7 s: no window closed yet

  produceAt({25, 3});
  runWithProgress(kWindowed, "append", "p2.jsonl");
  // Watermark 20 s closes [0, 10) (3 rows: 3 s was not late yet) and [10, 20).
  EXPECT_EQ(readOut(), (Rows{{"1700000000", "3"}, {"1700000010", "1"}}));

  produceAt({4, 31});
  runWithProgress(kWindowed, "append", "p3.jsonl");
  // 4 s belongs to a window the watermark closed: dropped and counted, never re-emitted.
  EXPECT_EQ(readOut(), (Rows{{"1700000000", "3"}, {"1700000010", "1"}}));
  const std::string progress = progressOf("p3.jsonl");
  EXPECT_NE(progress.find("\"numRowsDroppedByWatermark\":1"), std::string::npos) << progress;
  EXPECT_NE(progress.find("\"watermark\":\"2023-11-14T22:13:40.000Z\""), std::string::npos)
      << progress;
}

const char* kSliding =
    "SELECT CAST(CAST(window.start AS BIGINT) AS STRING) AS key, CAST(count(*) AS STRING) AS "
    "value FROM STREAM src WATERMARK timestamp DELAY OF INTERVAL 5 SECONDS "
    "GROUP BY window(timestamp, '10 seconds', '5 seconds')";

TEST_F(StreamingTest, SlidingWindowsCloseOnceEachAndDropLateRowsPerWindow) {
  using Rows = std::vector<std::pair<std::string, std::string>>;
  // Every row is in two windows: [s - 5, s + 5) and [s, s + 10) for s a multiple of 5.
  produceAt({1, 2, 12});
  runWithProgress(kSliding, "append", "p1.jsonl");
  // Watermark 7 s closes [-5, 5).
  EXPECT_EQ(readOut(), (Rows{{"1699999995", "2"}}));

  produceAt({25, 3});
  runWithProgress(kSliding, "append", "p2.jsonl");
  // 3 s is late for [-5, 5) (dropped there) but not for [0, 10). Watermark 20 s closes
  // [0, 10), [5, 15) and [10, 20).
  EXPECT_EQ(
      readOut(),
      (Rows{{"1699999995", "2"}, {"1700000000", "3"}, {"1700000005", "1"}, {"1700000010", "1"}}));
  const std::string progress2 = progressOf("p2.jsonl");
  EXPECT_NE(progress2.find("\"numRowsDroppedByWatermark\":1"), std::string::npos) << progress2;

  produceAt({4, 31});
  runWithProgress(kSliding, "append", "p3.jsonl");
  // 4 s is late for both of its windows: dropped twice, nothing re-emitted; watermark 26 s
  // closes nothing new.
  EXPECT_EQ(readOut().size(), 4u);
  const std::string progress3 = progressOf("p3.jsonl");
  EXPECT_NE(progress3.find("\"numRowsDroppedByWatermark\":2"), std::string::npos) << progress3;
}

TEST_F(StreamingTest, StateStaysBoundedAsEventTimeAdvances) {
  // 40 windows of event time in 8 runs; in update mode closed windows leave the state.
  for (int run = 0; run < 8; ++run) {
    std::vector<int64_t> seconds;
    for (int i = 0; i < 50; ++i) seconds.push_back(run * 50 + i);
    produceAt(seconds);
    runWithProgress(kWindowed, "update", "progress.jsonl");
  }
  // Each run's last progress line: numRowsTotal stays at the few open windows.
  std::ifstream in(dir_ / "progress.jsonl");
  std::string line;
  int64_t maxTotal = 0;
  while (std::getline(in, line)) {
    const auto at = line.find("\"numRowsTotal\":");
    if (at != std::string::npos)
      maxTotal = std::max<int64_t>(maxTotal, std::stoll(line.substr(at + 15)));
  }
  EXPECT_GT(maxTotal, 0);
  EXPECT_LE(maxTotal, 7);  // <= the windows one run touches + the open one
}

}  // namespace
}  // namespace sluice
