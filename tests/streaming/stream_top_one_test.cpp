// The ROW_NUMBER top-1 pattern on a stream (Flink's / RisingWave's deduplication) end to end:
// a streaming JSON directory into an exactly-once Parquet sink (append) or a memory table
// (update), across batches and a restart from the checkpoint; the first row seen per key is
// emitted once and never replaced; with a watermark on the ORDER BY column the key leaves the
// state; keep-last (DESC) and other window functions are refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/state/partitioned_state_store.h"
#include "runtime/state/state_store.h"
#include "sluice/engine.h"
#include "tests/streaming/file_stream_fixture.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

const char* const kTopOne =
    "SELECT k, s, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn "
    "FROM STREAM src) WHERE rn = 1";

class StreamTopOneTest : public FileStreamFixture {
 protected:
  StreamTopOneTest() : FileStreamFixture("topone") {}

  void run(const std::string& mode, const std::string& query) {
    Engine e;
    e.execute("CREATE TABLE src (k INT, s STRING, ts TIMESTAMP) USING json OPTIONS (path '" +
              (dir_ / "in").string() + "', maxFilesPerTrigger '1');\n" +
              "CREATE TABLE out (k INT, s STRING, ts TIMESTAMP) USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "');\n" +
              "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
              "', outputMode '" + mode + "', trigger 'availableNow') AS INSERT INTO out " + query +
              ";\n");
  }

  // The sink's rows "k|s|ts-seconds", sorted.
  std::vector<std::string> output() {
    Engine e;
    e.execute("CREATE TABLE r (k INT, s STRING, ts TIMESTAMP) USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    Table t = e.query("SELECT k, s, CAST(ts AS BIGINT) FROM r");
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r)
      out.push_back(t.getString(r, 0) + "|" + t.getString(r, 1) + "|" + t.getString(r, 2));
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string refusal(const std::string& query) {
    try {
      run("append", query);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "(ran)";
  }
};

std::string line(int k, const std::string& s, int64_t secs) {
  const time_t t = static_cast<time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return "{\"k\":" + std::to_string(k) + ",\"s\":\"" + s + "\",\"ts\":\"" + buf + "\"}";
}

TEST_F(StreamTopOneTest, FirstRowPerKeyOnceAcrossBatchesAndARestart) {
  addFile("a.json", {line(1, "a", 1000), line(1, "b", 1001), line(2, "c", 1002)});
  addFile("b.json", {line(2, "d", 1003), line(3, "e", 1004)});
  run("append", kTopOne);
  EXPECT_EQ(output(), (std::vector<std::string>{"1|a|1000", "2|c|1002", "3|e|1004"}));
  // A restart on the checkpoint: keys seen before stay deduplicated.
  addFile("c.json", {line(1, "f", 1005), line(3, "g", 1006), line(4, "h", 1007)});
  run("append", kTopOne);
  EXPECT_EQ(output(), (std::vector<std::string>{"1|a|1000", "2|c|1002", "3|e|1004", "4|h|1007"}));
}

TEST_F(StreamTopOneTest, UpdateModeAndTheRowNumberColumnIsOne) {
  Engine e;
  e.execute("CREATE TABLE src (k INT, s STRING, ts TIMESTAMP) USING json OPTIONS (path '" +
            (dir_ / "in").string() +
            "', maxFilesPerTrigger '1');\n"
            "CREATE TABLE mem (k INT, s STRING, rn INT) USING memory;");
  const std::string query =
      "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
      "', outputMode 'update', trigger 'availableNow') AS INSERT INTO mem SELECT k, s, rn FROM "
      "(SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM STREAM src) "
      "WHERE rn < 2";
  addFile("a.json", {line(1, "a", 1000), line(2, "b", 1001), line(1, "c", 1002)});
  e.execute(query);
  addFile("b.json", {line(2, "d", 1003), line(5, "e", 1004)});
  e.execute(query);
  Table t = e.query("SELECT k, s, rn FROM mem ORDER BY k");
  std::vector<std::string> got;
  for (int64_t r = 0; r < t.rows(); ++r)
    got.push_back(t.getString(r, 0) + "|" + t.getString(r, 1) + "|" + t.getString(r, 2));
  EXPECT_EQ(got, (std::vector<std::string>{"1|a|1", "2|b|1", "5|e|1"}));
}

TEST_F(StreamTopOneTest, WatermarkOnTheOrderColumnEvictsKeys) {
  const std::string q =
      "SELECT k, s, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn "
      "FROM STREAM src WATERMARK ts DELAY OF INTERVAL 60 SECONDS) WHERE rn <= 1";
  // Batch 0: k=1 and k=2 first rows; the watermark becomes 1300 - 60 = 1240 s.
  addFile("a.json", {line(1, "x", 1000), line(2, "y", 1300)});
  // Batch 1: k=2 again is a duplicate (kept first row); k=1's state (1000 <= 1240) is evicted.
  addFile("b.json", {line(2, "z", 1310)});
  // Batch 2: k=1 is new again for the state: emitted (as the streaming dedup does).
  addFile("c.json", {line(1, "w", 1400)});
  run("append", q);
  EXPECT_EQ(output(), (std::vector<std::string>{"1|w|1400", "1|x|1000", "2|y|1300"}));
  // The final watermark (1400 - 60 = 1340 s) evicted k=2 (1300); k=1 (1400) remains. The
  // state is hash-partitioned (8 partitions by default): count the keys of all.
  EXPECT_EQ(stateKeys(dir_ / "cp", 0, 8), 1);
}

TEST_F(StreamTopOneTest, KeepLastAndOtherWindowFunctionsAreRefused) {
  addFile("a.json", {line(1, "a", 1000)});
  const std::string desc = refusal(
      "SELECT k, s, ts FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn "
      "FROM STREAM src) WHERE rn = 1");
  EXPECT_NE(desc.find("needs retractions"), std::string::npos) << desc;
  const std::string rank = refusal(
      "SELECT k, s, ts FROM (SELECT *, rank() OVER (PARTITION BY k ORDER BY ts) AS r "
      "FROM STREAM src) WHERE r = 1");
  EXPECT_NE(rank.find("Non-time-based windows are not supported on streaming"), std::string::npos)
      << rank;
  const std::string lag =
      refusal("SELECT k, s, lag(ts) OVER (PARTITION BY k ORDER BY ts) AS ts FROM STREAM src");
  EXPECT_NE(lag.find("Non-time-based windows are not supported on streaming"), std::string::npos)
      << lag;
}

}  // namespace
}  // namespace sluice
