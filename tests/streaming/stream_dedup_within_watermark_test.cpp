// SELECT DISTINCT WITHIN WATERMARK (Spark's dropDuplicatesWithinWatermark) end to end over a
// streaming JSON directory (one file per batch) into an exactly-once Parquet sink: rows
// deduplicated on columns without the event time, each key kept until its first time + the
// delay, late rows dropped, keys evicted and then new again, across restarts and SIGKILL.
// Expectations come from a model of Spark's semantics written here (model()), independent of
// sluice's operator, and from a hand-checked case.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sluice/engine.h"
#include "tests/streaming/file_stream_fixture.h"
#include "tests/streaming/sluice_process.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

constexpr int64_t kBase = 1704067200;  // 2024-01-01 00:00:00 UTC
constexpr int64_t kDelay = 60;         // watermark delay, seconds

struct Row {
  int k;
  std::string s;
  int64_t t;  // seconds since kBase
};
using Files = std::vector<std::vector<Row>>;

std::string json(const Row& r) {
  const time_t tt = static_cast<time_t>(kBase + r.t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return "{\"k\":" + std::to_string(r.k) + ",\"s\":\"" + r.s + "\",\"ts\":\"" + buf + "\"}";
}

// Spark's dropDuplicatesWithinWatermark over `files`, one batch each, the query (re)started
// before each file index in `restarts`: a batch runs with the watermark computed after the
// one before (max time seen - delay, never back); its rows at or below it are late; a row
// passes when its key is not in state, which then keeps it until time + delay; after the
// batch, keys whose expiry is at or below the batch's watermark leave. A run that ends with a
// moved watermark runs a no-data batch, evicting with the new one.
std::vector<std::string> model(const Files& files, const std::set<size_t>& restarts) {
  std::map<std::string, int64_t> state;  // key -> expires at
  int64_t wm = INT64_MIN, maxT = INT64_MIN;
  std::vector<std::string> out;
  auto evict = [&](int64_t w) {
    for (auto it = state.begin(); it != state.end();)
      it = it->second <= w ? state.erase(it) : std::next(it);
  };
  for (size_t b = 0; b < files.size(); ++b) {
    if (restarts.count(b)) evict(wm);
    for (const Row& r : files[b]) {
      maxT = std::max(maxT, r.t);
      if (r.t <= wm) continue;
      const std::string key = std::to_string(r.k) + "|" + r.s;
      if (state.count(key)) continue;
      state[key] = r.t + kDelay;
      out.push_back(key);
    }
    evict(wm);
    wm = std::max(wm, maxT - kDelay);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Files of rows from 12 keys, time moving ~30 s per file with rows up to 2 minutes behind:
// duplicates within the delay, keys expiring and coming back, and late rows.
Files randomFiles(int files, unsigned seed) {
  std::mt19937 rng(seed);
  Files out(static_cast<size_t>(files));
  for (int f = 0; f < files; ++f)
    for (int i = 0; i < 15; ++i)
      out[static_cast<size_t>(f)].push_back(
          {std::uniform_int_distribution<int>(0, 5)(rng),
           std::uniform_int_distribution<int>(0, 1)(rng) ? "a" : "b",
           1000 + 30 * f + std::uniform_int_distribution<int>(-120, 10)(rng)});
  return out;
}

class DedupWithinWatermarkTest : public FileStreamFixture {
 protected:
  DedupWithinWatermarkTest() : FileStreamFixture("dedupww") {}

  static constexpr const char* kQuery =
      "SELECT DISTINCT WITHIN WATERMARK k, s FROM STREAM src WATERMARK ts DELAY OF INTERVAL 60 "
      "SECONDS";

  std::string script(const std::string& trigger, const std::string& query = kQuery) {
    return "CREATE TABLE src (k INT, s STRING, ts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "', maxFilesPerTrigger '1');\n" +
           "CREATE TABLE out (k INT, s STRING) USING parquet OPTIONS (path '" +
           (dir_ / "out").string() + "');\n" +
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', trigger '" + trigger + "') AS INSERT INTO out " + query + ";\n";
  }

  void addFiles(const Files& files, size_t from, size_t to) {
    for (size_t f = from; f < to; ++f) {
      std::vector<std::string> lines;
      for (const Row& r : files[f]) lines.push_back(json(r));
      char name[32];
      std::snprintf(name, sizeof name, "%04zu.json", f);
      addFile(name, lines);
    }
  }

  void runAvailableNow() {
    Engine e;
    e.execute(script("availableNow"));
  }

  // The sink's rows "k|s", sorted, duplicates kept.
  std::vector<std::string> output() {
    if (!fs::exists(dir_ / "out" / "_spark_metadata")) return {};
    Engine e;
    e.execute("CREATE TABLE r (k INT, s STRING) USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    Table t = e.query("SELECT k, s FROM r");
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r)
      out.push_back(t.getString(r, 0) + "|" + t.getString(r, 1));
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(DedupWithinWatermarkTest,
       KeysLiveUntilFirstTimePlusDelayLateRowsDropAndEvictedKeysComeBack) {
  // Run 1: 1|x twice (one emitted), 2|y. Watermark 1300 - 60 = 1240; the run's no-data batch
  // evicts 1|x (expires 1060) and keeps 2|y (expires 1360).
  const Files files = {{{1, "x", 1000}, {1, "x", 1030}, {2, "y", 1300}},
                       {{1, "x", 1250}, {2, "y", 1340}, {3, "z", 1200}},
                       {{2, "y", 1365}, {4, "w", 1500}}};
  addFiles(files, 0, 1);
  runAvailableNow();
  EXPECT_EQ(output(), (std::vector<std::string>{"1|x", "2|y"}));
  // Run 2 (watermark 1240): 1|x at 1250 is new again (its key left), 2|y at 1340 is a
  // duplicate within the delay, 3|z at 1200 is late. Watermark then 1280: nothing expires.
  addFiles(files, 1, 2);
  runAvailableNow();
  EXPECT_EQ(output(), (std::vector<std::string>{"1|x", "1|x", "2|y"}));
  // Run 3 (watermark 1280): 2|y at 1365 is still a duplicate (its key expires at 1360, but
  // only the watermark evicts it); 4|w is new. Watermark 1440 evicts 1|x and 2|y.
  addFiles(files, 2, 3);
  runAvailableNow();
  EXPECT_EQ(output(), (std::vector<std::string>{"1|x", "1|x", "2|y", "4|w"}));
  EXPECT_EQ(output(), model(files, {1, 2}));
  EXPECT_EQ(stateKeys(dir_ / "cp", 0, 8), 1);  // 4|w, until 1560
  Engine e;
  const std::string plan = e.explain(script("availableNow"), ExplainLevel::Extended);
  EXPECT_NE(plan.find("Deduplicate"), std::string::npos) << plan;
  EXPECT_NE(plan.find("within watermark"), std::string::npos) << plan;
  EXPECT_NE(plan.find("+ 60000 ms <= watermark"), std::string::npos) << plan;
}

TEST_F(DedupWithinWatermarkTest, RandomRowsAcrossARestartMatchTheModel) {
  const Files files = randomFiles(24, 3);
  addFiles(files, 0, 12);
  runAvailableNow();
  addFiles(files, 12, files.size());
  runAvailableNow();
  const auto expected = model(files, {12});
  ASSERT_GT(expected.size(), 40u);
  EXPECT_EQ(output(), expected);
}

TEST_F(DedupWithinWatermarkTest, KilledAtRandomMomentsLosesAndDoublesNothing) {
  // Every file is there from the start, so the batches (one file each) do not depend on when
  // the query is killed: the answer is the model's without restarts.
  const Files files = randomFiles(30, 5);
  addFiles(files, 0, files.size());
  std::ofstream(dir_ / "q.sql") << script("50 milliseconds");
  std::mt19937 rng(11);
  int killed = 0;
  for (int round = 0; round < 5; ++round) {
    const pid_t pid = startSluiceRun(dir_);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 900)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }
  EXPECT_GE(killed, 4);
  std::ofstream(dir_ / "q.sql") << script("availableNow");
  const pid_t pid = startSluiceRun(dir_);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "final run failed";
  EXPECT_EQ(output(), model(files, {}));
}

TEST_F(DedupWithinWatermarkTest, RefusalsAndBatchQueries) {
  auto error = [&](const std::string& query) {
    try {
      Engine e;
      e.execute(script("availableNow", query));
    } catch (const std::exception& ex) {
      return std::string(ex.what());
    }
    return std::string("no error");
  };
  const std::string noWatermark = error("SELECT DISTINCT WITHIN WATERMARK k, s FROM STREAM src");
  EXPECT_NE(noWatermark.find("SELECT DISTINCT WITHIN WATERMARK needs a WATERMARK"),
            std::string::npos)
      << noWatermark;
  const std::string grouped = error(
      "SELECT DISTINCT WITHIN WATERMARK k, count(*) AS s FROM STREAM src WATERMARK ts DELAY OF "
      "INTERVAL 1 MINUTE GROUP BY k");
  EXPECT_NE(grouped.find("cannot be combined with GROUP BY"), std::string::npos) << grouped;
  // A batch query has no watermark: Spark's dropDuplicatesWithinWatermark is dropDuplicates.
  addFiles({{{1, "x", 1000}, {1, "x", 5000}, {2, "y", 10}}}, 0, 1);
  Engine e;
  e.execute(script("availableNow").substr(0, script("availableNow").find("CREATE TABLE out")));
  Table t = e.query("SELECT DISTINCT WITHIN WATERMARK k, s FROM src ORDER BY k");
  ASSERT_EQ(t.rows(), 2);
  EXPECT_EQ(t.getString(0, 0) + t.getString(1, 0), "12");
}

}  // namespace
}  // namespace sluice
