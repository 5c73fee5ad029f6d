// Partition-parallel execution and hash-partitioned state end to end: the same streaming
// aggregation over the same Kafka records, run with 1 and 2 worker threads and with 1, 3 and
// 8 state partitions, each in two runs (the second restores the state the first committed),
// must give the same result, equal to counts computed here; a restart keeps the partition
// count the checkpoint recorded even when the session asks for another.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

class ParallelTest : public BrokerTestFixture {
 protected:
  ParallelTest() : BrokerTestFixture({{"in", 4}}, "sluice-par-") {}

  // Records [from, to): id i, group g<i % 53>, amount i % 101.
  void produce(int from, int to) {
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "in"}});
    for (int i = from; i < to; ++i)
      w.write("k" + std::to_string(i % 7), "{\"id\": " + std::to_string(i) + ", \"grp\": \"g" +
                                               std::to_string(i % 53) +
                                               "\", \"amount\": " + std::to_string(i % 101) + "}");
    w.flush();
  }

  // One availableNow run with `threads` workers and `partitions` state partitions asked for;
  // returns the memory sink's rows ordered by group, as CSV: all columns, and (second) only
  // the integral ones.
  std::pair<std::string, std::string> run(int threads, int partitions, const std::string& cp) {
    const std::string sql =
        "SET sluice.exec.threads = " + std::to_string(threads) +
        ";\nSET spark.sql.shuffle.partitions = " + std::to_string(partitions) +
        ";\nCREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
        broker_->bootstrapServers() +
        "', subscribe 'in', startingOffsets 'earliest', maxOffsetsPerTrigger '7000');\n"
        "CREATE TABLE mem (g STRING, n BIGINT, s BIGINT, lo BIGINT, hi BIGINT, m DOUBLE) "
        "USING memory;\n"
        "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
        (dir_ / cp).string() +
        "', outputMode 'complete', trigger 'availableNow') AS INSERT INTO mem "
        "SELECT j.grp AS g, count(*) AS n, sum(j.amount) AS s, min(j.id) AS lo, "
        "max(j.id) AS hi, avg(j.amount) AS m FROM (SELECT from_json(CAST(value AS STRING), "
        "'id BIGINT, grp STRING, amount BIGINT') AS j FROM STREAM src) GROUP BY j.grp;\n";
    Engine e;
    e.execute(sql);
    return {e.query("SELECT * FROM mem ORDER BY g").toCsv(),
            e.query("SELECT g, n, s, lo, hi FROM mem ORDER BY g").toCsv()};
  }
};

// The counts computed without sluice for records [0, n).
std::string expected(int n) {
  struct G {
    int64_t n = 0, s = 0, lo = INT64_MAX, hi = INT64_MIN;
  };
  std::map<std::string, G> groups;
  for (int i = 0; i < n; ++i) {
    G& g = groups["g" + std::to_string(i % 53)];
    ++g.n;
    g.s += i % 101;
    g.lo = std::min<int64_t>(g.lo, i);
    g.hi = std::max<int64_t>(g.hi, i);
  }
  std::string out = "g,n,s,lo,hi\n";
  for (const auto& [k, g] : groups)
    out += k + "," + std::to_string(g.n) + "," + std::to_string(g.s) + "," + std::to_string(g.lo) +
           "," + std::to_string(g.hi) + "\n";
  return out;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(ParallelTest, ThreadsAndStatePartitionsDoNotChangeTheResult) {
  const int half = 15000, all = 30000;
  produce(0, half);
  struct Config {
    int threads, partitions;
  };
  const std::vector<Config> configs = {{1, 1}, {2, 1}, {2, 3}, {1, 8}, {2, 8}};
  std::map<std::string, std::pair<std::string, std::string>> first;
  for (const Config& c : configs) {
    const std::string cp = "cp" + std::to_string(c.threads) + "_" + std::to_string(c.partitions);
    first[cp] = run(c.threads, c.partitions, cp);
  }
  produce(half, all);
  const std::string want = expected(all);
  const std::string wantFirst = expected(half);
  std::vector<std::string> seconds;
  for (const Config& c : configs) {
    const std::string cp = "cp" + std::to_string(c.threads) + "_" + std::to_string(c.partitions);
    SCOPED_TRACE(cp);
    EXPECT_EQ(first[cp].second, wantFirst);
    EXPECT_EQ(first[cp].first, first["cp1_1"].first);  // the averages too
    // The restart asks for 5 partitions and the other thread count: the checkpoint's number
    // stays, the state restores from every partition.
    const auto second = run(3 - c.threads, 5, cp);
    EXPECT_EQ(second.second, want);
    seconds.push_back(second.first);
    for (int p = 0; p < c.partitions; ++p)
      EXPECT_TRUE(fs::exists(dir_ / cp / "state" / "0" / std::to_string(p))) << p;
    EXPECT_FALSE(fs::exists(dir_ / cp / "state" / "0" / std::to_string(c.partitions)));
    EXPECT_NE(
        readFile(dir_ / cp / "offsets" / "4")
            .find("\"spark.sql.shuffle.partitions\":\"" + std::to_string(c.partitions) + "\""),
        std::string::npos);
  }
  for (const std::string& s : seconds) EXPECT_EQ(s, seconds.front());
}

}  // namespace
}  // namespace sluice
