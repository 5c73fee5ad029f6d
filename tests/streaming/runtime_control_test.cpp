// The streaming runtime's control surface end to end on the embedded broker: several sources
// in one query (UNION ALL of two Kafka streams, restarted in the middle), one run per
// checkpoint, stop requests scoped to an engine or a query, every trigger form, and append
// mode decided by event-time lineage.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class RuntimeControlTest : public BrokerTestFixture {
 protected:
  RuntimeControlTest()
      : BrokerTestFixture({{"a", 2}, {"b", 3}, {"out", 2}, {"out2", 1}}, "sluice-control-") {}

  void produce(const std::string& topic, int from, int to) {
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", topic}});
    for (int i = from; i < to; ++i) w.write(std::to_string(i), topic + "-" + std::to_string(i));
    w.flush();
  }

  // Every value in `topic`, sorted.
  std::vector<std::string> values(const std::string& topic) {
    std::vector<std::string> out;
    for (auto& [k, v] : readTopic(topic)) out.push_back(std::move(v));
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string tables() {
    const std::string b = broker_->bootstrapServers();
    return "CREATE TABLE a USING kafka OPTIONS ('kafka.bootstrap.servers' '" + b +
           "', subscribe 'a', startingOffsets 'earliest', maxOffsetsPerTrigger '7');\n"
           "CREATE TABLE b USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           b +
           "', subscribe 'b', startingOffsets 'earliest', maxOffsetsPerTrigger '5');\n"
           "CREATE TABLE out USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           b +
           "', topic 'out');\n"
           "CREATE TABLE out2 USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           b + "', topic 'out2');\n";
  }

  std::string unionQuery(const std::string& name, const std::string& trigger) {
    return "CREATE STREAMING QUERY " + name + " OPTIONS (checkpointLocation '" +
           (dir_ / name).string() + "', trigger '" + trigger +
           "') AS INSERT INTO out SELECT CAST(value AS STRING) AS value FROM STREAM a "
           "UNION ALL SELECT CAST(value AS STRING) AS value FROM STREAM b;\n";
  }

  static std::vector<std::string> expected(int na, int nb) {
    std::vector<std::string> out;
    for (int i = 0; i < na; ++i) out.push_back("a-" + std::to_string(i));
    for (int i = 0; i < nb; ++i) out.push_back("b-" + std::to_string(i));
    std::sort(out.begin(), out.end());
    return out;
  }

  static void waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(20ms);
  }
};

TEST_F(RuntimeControlTest, UnionAllOfTwoStreamsRestartsWithEveryRecordOnce) {
  produce("a", 0, 20);
  produce("b", 0, 12);
  {
    Engine e;
    e.execute(tables() + unionQuery("u", "availableNow"));
  }
  EXPECT_EQ(values("out"), expected(20, 12));
  // The offsets log has one line per source, and each source its sources/<i>/0.
  std::ifstream in(dir_ / "u" / "offsets" / "0");
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 4u);  // v1, metadata, source a, source b
  EXPECT_NE(lines[2].find("\"a\""), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find("\"b\""), std::string::npos) << lines[3];
  EXPECT_TRUE(fs::exists(dir_ / "u" / "sources" / "0" / "0"));
  EXPECT_TRUE(fs::exists(dir_ / "u" / "sources" / "1" / "0"));

  // More data on both, a restart: only the new records are processed.
  produce("a", 20, 31);
  produce("b", 12, 25);
  {
    Engine e;
    e.execute(tables() + unionQuery("u", "availableNow"));
  }
  EXPECT_EQ(values("out"), expected(31, 25));
}

TEST_F(RuntimeControlTest, UnionAllReplaysAnUncommittedBatchWithTheLoggedOffsetsOfBothSources) {
  produce("a", 0, 10);
  produce("b", 0, 10);
  {
    Engine e;
    e.execute(tables() + unionQuery("r", "once"));
  }
  // Simulate a crash after the sink wrote the batch but before its commit: the batch runs
  // again with exactly the logged offsets, although more data arrived meanwhile.
  fs::remove(dir_ / "r" / "commits" / "0");
  produce("a", 10, 15);
  {
    Engine e;
    e.execute(tables() + unionQuery("r", "once"));
  }
  // At-least-once: batch 0 appears twice, and nothing of the new data (batch 1 is not run by
  // a once trigger that replayed).
  const std::vector<std::string> once = expected(10, 10);
  std::vector<std::string> twice = once;
  twice.insert(twice.end(), once.begin(), once.end());
  std::sort(twice.begin(), twice.end());
  EXPECT_EQ(values("out"), twice);
}

TEST_F(RuntimeControlTest, SecondRunOnACheckpointInUseIsRefused) {
  produce("a", 0, 3);
  produce("b", 0, 3);
  Engine first;
  std::thread runner([&] { first.execute(tables() + unionQuery("busy", "200 milliseconds")); });
  waitFor([&] { return fs::exists(dir_ / "busy" / "commits" / "0"); }, 10s);
  ASSERT_TRUE(fs::exists(dir_ / "busy" / "commits" / "0"));
  Engine second;
  try {
    second.execute(tables() + unionQuery("busy", "availableNow"));
    ADD_FAILURE() << "the second run was not refused";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find((dir_ / "busy").string() + " is in use by process " +
                               std::to_string(getpid())),
              std::string::npos)
        << e.message();
  }
  first.requestStop();
  runner.join();
  // Released: a later run works.
  Engine third;
  EXPECT_NO_THROW(third.execute(tables() + unionQuery("busy", "availableNow")));
  EXPECT_EQ(values("out"), expected(3, 3));
}

TEST_F(RuntimeControlTest, StopIsScopedToOneEngineAndOneQuery) {
  produce("a", 0, 3);
  produce("b", 0, 3);
  Engine one, two;
  std::thread t1([&] { one.execute(tables() + unionQuery("q1", "100 milliseconds")); });
  std::thread t2([&] {
    const std::string b = broker_->bootstrapServers();
    two.execute(tables() + unionQuery("q2", "100 milliseconds") +
                "CREATE STREAMING QUERY q3 OPTIONS (checkpointLocation '" + (dir_ / "q3").string() +
                "', trigger '100 milliseconds') AS INSERT INTO out2 SELECT "
                "CAST(value AS STRING) AS value FROM STREAM a;\n");
  });
  waitFor(
      [&] {
        return fs::exists(dir_ / "q1" / "commits" / "0") &&
               fs::exists(dir_ / "q2" / "commits" / "0") &&
               fs::exists(dir_ / "q3" / "commits" / "0");
      },
      10s);
  // Stopping one query of engine two leaves q3 and engine one running.
  EXPECT_TRUE(two.stopQuery("Q2"));
  EXPECT_FALSE(two.stopQuery("nope"));
  waitFor([&] { return !two.stopQuery("q2"); }, 5s);
  EXPECT_FALSE(two.stopQuery("q2")) << "q2 did not stop";
  one.requestStop();
  t1.join();
  EXPECT_FALSE(two.stopRequested());
  // q3 still runs: new data reaches out2.
  produce("a", 3, 6);
  waitFor([&] { return values("out2").size() == 6; }, 10s);
  EXPECT_EQ(values("out2").size(), 6u);
  two.requestStop();
  t2.join();
}

TEST_F(RuntimeControlTest, EveryTriggerFormRuns) {
  produce("a", 0, 4);
  produce("b", 0, 4);
  int n = 0;
  for (const char* trigger : {"1 minute 30 seconds", "interval 1 minute", "500 milliseconds",
                              "500 ms", "500ms", "10 seconds", ""}) {
    Engine e, checker;
    const std::string name = "t" + std::to_string(n++);
    const std::string sql =
        tables() + "CREATE STREAMING QUERY " + name + " OPTIONS (checkpointLocation '" +
        (dir_ / name).string() + "'" +
        (*trigger ? std::string(", trigger '") + trigger + "'" : std::string()) +
        ") AS INSERT INTO out2 SELECT CAST(value AS STRING) AS value FROM STREAM a;\n";
    EXPECT_NO_THROW(checker.check(sql)) << trigger;
    std::thread runner([&] { e.execute(sql); });
    // The first batch runs at once whatever the interval.
    waitFor([&] { return fs::exists(dir_ / name / "commits" / "0"); }, 10s);
    EXPECT_TRUE(fs::exists(dir_ / name / "commits" / "0")) << trigger;
    e.requestStop();
    runner.join();
  }
  EXPECT_EQ(values("out2").size(), 4u * n);
}

TEST_F(RuntimeControlTest, AppendModeFollowsEventTimeLineage) {
  const std::string b = broker_->bootstrapServers();
  const std::string base = tables() + "CREATE TABLE mem (k TIMESTAMP, n BIGINT) USING memory;\n";
  auto query = [&](const std::string& select) {
    return "CREATE STREAMING QUERY w OPTIONS (checkpointLocation '" + (dir_ / "w").string() +
           "', outputMode 'append', trigger 'availableNow') AS INSERT INTO mem " + select + ";\n";
  };
  auto check = [](const std::string& sql) { Engine().check(sql); };
  // A rename of the event-time column keeps its watermark: append mode runs.
  EXPECT_NO_THROW(
      check(base + query("SELECT t AS k, count(*) AS n FROM (SELECT timestamp AS t FROM STREAM a "
                         "WATERMARK timestamp DELAY OF INTERVAL 1 MINUTE) GROUP BY t")));
  // window() over it too.
  EXPECT_NO_THROW(check(
      base +
      query("SELECT w.start AS k, count(*) AS n FROM (SELECT window(timestamp, '1 minute') "
            "AS w FROM STREAM a WATERMARK timestamp DELAY OF INTERVAL 1 MINUTE) GROUP BY w")));
  // Another function of the time cannot be closed by the watermark: refused at analysis.
  try {
    check(base + query("SELECT date_trunc('HOUR', timestamp) AS k, count(*) AS n FROM STREAM a "
                       "WATERMARK timestamp DELAY OF INTERVAL 1 MINUTE "
                       "GROUP BY date_trunc('HOUR', timestamp)"));
    ADD_FAILURE() << "append mode over date_trunc(ts) was accepted";
  } catch (const AnalysisError& err) {
    EXPECT_NE(err.message().find("another function of the event time"), std::string::npos)
        << err.message();
  }
  // What check accepts, run runs: the renamed column closes its groups once the watermark
  // passes them.
  produce("a", 0, 5);
  Engine r;
  EXPECT_NO_THROW(r.execute(
      base + query("SELECT t AS k, count(*) AS n FROM (SELECT timestamp AS t FROM STREAM a "
                   "WATERMARK timestamp DELAY OF INTERVAL 1 MINUTE) GROUP BY t")));
}

}  // namespace
}  // namespace sluice
