// Streaming SELECT DISTINCT as Spark's dropDuplicates, end to end over a streaming JSON
// directory into an exactly-once Parquet sink: every distinct row exactly once across batches
// and restarts, in append and in update mode; with a watermarked column, late rows dropped and
// the state evicted. Expectations are computed here from the generated rows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "runtime/state/partitioned_state_store.h"
#include "runtime/state/state_store.h"
#include "sluice/engine.h"
#include "tests/streaming/file_stream_fixture.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class StreamDedupTest : public FileStreamFixture {
 protected:
  StreamDedupTest() : FileStreamFixture("sdedup") {}

  std::string script(const std::string& mode, const std::string& query) {
    return "CREATE TABLE src (k INT, s STRING, ts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "', maxFilesPerTrigger '1');\n" +
           "CREATE TABLE out (k INT, s STRING, ts TIMESTAMP) USING parquet OPTIONS (path '" +
           (dir_ / "out").string() + "');\n" +
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', outputMode '" + mode + "', trigger 'availableNow') AS INSERT INTO out " + query +
           ";\n";
  }

  void run(const std::string& mode, const std::string& query) {
    Engine e;
    e.execute(script(mode, query));
  }

  // The sink's rows "k|s|ts-seconds", sorted (duplicates kept).
  std::vector<std::string> output() {
    Engine e;
    e.execute("CREATE TABLE r (k INT, s STRING, ts TIMESTAMP) USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    Table t = e.query("SELECT k, s, CAST(ts AS BIGINT) FROM r");
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string s;
      for (int c = 0; c < 3; ++c) s += (c ? "|" : "") + (t.isNull(r, c) ? "N" : t.getString(r, c));
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

// A JSON row; `secs` since the epoch as a timestamp string.
std::string line(int k, const std::string& s, int64_t secs) {
  const time_t t = static_cast<time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return "{\"k\":" + std::to_string(k) + ",\"s\":\"" + s + "\",\"ts\":\"" + buf + "\"}";
}

// Files of random rows from a small domain, so most rows repeat within and across files.
std::vector<std::vector<std::string>> randomFiles(int files, unsigned seed,
                                                  std::set<std::string>& distinct) {
  std::mt19937 rng(seed);
  std::vector<std::vector<std::string>> out(static_cast<size_t>(files));
  for (auto& f : out)
    for (int i = 0; i < 40; ++i) {
      const int k = std::uniform_int_distribution<int>(0, 30)(rng);
      const std::string s = std::string(1, static_cast<char>('a' + k % 3));
      f.push_back(line(k, s, 1000));
      distinct.insert(std::to_string(k) + "|" + s + "|1000");
    }
  return out;
}

void dedupAcrossBatchesAndARestart(
    StreamDedupTest& t, const std::string& mode,
    const std::function<void(const std::string&, const std::vector<std::string>&)>& add,
    const std::function<void()>& runOnce, const std::function<std::vector<std::string>()>& output) {
  std::set<std::string> distinct;
  const auto files = randomFiles(8, mode == "append" ? 7u : 8u, distinct);
  for (size_t f = 0; f < 4; ++f) add("f" + std::to_string(f) + ".json", files[f]);
  runOnce();
  for (size_t f = 4; f < files.size(); ++f) add("f" + std::to_string(f) + ".json", files[f]);
  runOnce();
  const std::vector<std::string> expected(distinct.begin(), distinct.end());
  ASSERT_GT(expected.size(), 30u);
  EXPECT_EQ(output(), expected) << "each distinct row exactly once, in " << mode << " mode";
}

TEST_F(StreamDedupTest, DistinctEmitsEachRowOnceAcrossBatchesAndRestartsInAppendMode) {
  dedupAcrossBatchesAndARestart(
      *this, "append", [&](const std::string& n, const auto& l) { addFile(n, l); },
      [&] { run("append", "SELECT DISTINCT k, s, ts FROM STREAM src"); }, [&] { return output(); });
}

// File sinks are append-only: update mode writes to a memory table of one engine, and the
// query is started twice on its checkpoint (the second start restores the state from disk).
TEST_F(StreamDedupTest, DistinctEmitsEachRowOnceAcrossBatchesAndRestartsInUpdateMode) {
  Engine e;
  e.execute("CREATE TABLE src (k INT, s STRING, ts TIMESTAMP) USING json OPTIONS (path '" +
            (dir_ / "in").string() +
            "', maxFilesPerTrigger '1');\n"
            "CREATE TABLE mem (k INT, s STRING, ts TIMESTAMP) USING memory;");
  const std::string query = "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
                            (dir_ / "cp").string() +
                            "', outputMode 'update', trigger 'availableNow') AS INSERT INTO mem "
                            "SELECT DISTINCT k, s, ts FROM STREAM src";
  dedupAcrossBatchesAndARestart(
      *this, "update", [&](const std::string& n, const auto& l) { addFile(n, l); },
      [&] { e.execute(query); },
      [&] {
        Table t = e.query("SELECT k, s, CAST(ts AS BIGINT) FROM mem");
        std::vector<std::string> out;
        for (int64_t r = 0; r < t.rows(); ++r)
          out.push_back(t.getString(r, 0) + "|" + t.getString(r, 1) + "|" + t.getString(r, 2));
        std::sort(out.begin(), out.end());
        return out;
      });
}

TEST_F(StreamDedupTest, WatermarkDropsLateDuplicatesAndEvictsTheState) {
  const std::string q =
      "SELECT DISTINCT k, s, ts FROM STREAM src WATERMARK ts DELAY OF INTERVAL 60 SECONDS";
  // Batch 0: two copies of k=1 and k=2; the watermark becomes 1300 - 60 = 1240 s.
  addFile("a.json", {line(1, "x", 1000), line(1, "x", 1000), line(2, "y", 1300)});
  // Batch 1: k=1 again is late (1000 <= 1240): dropped; k=3 new; k=2 again is a duplicate.
  addFile("b.json", {line(1, "x", 1000), line(3, "z", 1500), line(2, "y", 1300)});
  // Batch 2 (watermark 1440): k=3 again is not late but seen: a duplicate; k=4 new.
  addFile("c.json", {line(3, "z", 1500), line(4, "w", 2000)});
  run("append", q);
  EXPECT_EQ(output(), (std::vector<std::string>{"1|x|1000", "2|y|1300", "3|z|1500", "4|w|2000"}));
  // The final watermark (1940 s) evicted every key but k=4's.
  // The state is hash-partitioned (8 partitions by default): count the keys of all.
  EXPECT_EQ(stateKeys(dir_ / "cp", 0, 8), 1);
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "state" / "0" / "8"));
}

TEST_F(StreamDedupTest, CompleteModeIsRefused) {
  addFile("a.json", {line(1, "x", 1000)});
  try {
    run("complete", "SELECT DISTINCT k, s, ts FROM STREAM src");
    FAIL() << "complete mode ran";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("'complete' output mode needs a streaming aggregation"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sluice
