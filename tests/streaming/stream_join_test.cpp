// Stream-stream joins end to end over two streaming JSON directories (impressions and
// clicks), written to an exactly-once Parquet sink: inner joins without watermarks, left
// outer joins with watermarks and a time-range condition, restarted in the middle and killed
// with SIGKILL at random moments; right / full outer and left semi joins; Spark's refusals.
// Every expectation is computed here from the generated events, independently of sluice:
// matched pairs by brute force, NULL-padded rows for the impressions the final watermark
// (min over both streams of max event time - delay) has closed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sluice/engine.h"
#include "tests/streaming/sluice_process.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

constexpr int64_t kBase = 1704067200;  // 2024-01-01 00:00:00 UTC, seconds
constexpr int64_t kDelay = 300;        // watermark delay of both streams, seconds
constexpr int64_t kRange = 60;         // cts BETWEEN ts AND ts + 60 seconds
constexpr int64_t kFileSpan = 60;      // each file holds one minute of event time

struct Event {
  int id;
  int64_t t;  // seconds since kBase
};

std::string isoTime(int64_t t) {
  const int64_t s = kBase + t;
  char buf[32];
  const time_t tt = static_cast<time_t>(s);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// Impressions of ads 0..n-1 two seconds apart (with jitter) and clicks: most ads clicked once
// or twice within or just beyond the range, some clicks for ads never shown.
struct Events {
  std::vector<Event> impressions, clicks;
};

Events generate(int n, unsigned seed) {
  std::mt19937 rng(seed);
  Events e;
  for (int i = 0; i < n; ++i) {
    const int64_t ts = 2 * i + std::uniform_int_distribution<int>(0, 5)(rng);
    e.impressions.push_back({i, ts});
    const int clicks = std::uniform_int_distribution<int>(0, 2)(rng);
    for (int c = 0; c < clicks; ++c)
      e.clicks.push_back({i, ts + std::uniform_int_distribution<int>(0, 90)(rng)});
    if (i % 7 == 0) e.clicks.push_back({n + i, ts + 10});  // an ad never shown
  }
  return e;
}

// Rows as "ad|ts|cad|cts" with N for NULL.
std::string row(const Event* i, const Event* c) {
  auto f = [](const Event* e, bool id) {
    return e ? std::to_string(id ? e->id : kBase + e->t) : std::string("N");
  };
  return f(i, true) + "|" + f(i, false) + "|" + f(c, true) + "|" + f(c, false);
}

bool inRange(const Event& i, const Event& c) {
  return i.id == c.id && c.t >= i.t && c.t <= i.t + kRange;
}

int64_t maxTime(const std::vector<Event>& v) {
  int64_t m = INT64_MIN;
  for (const auto& e : v) m = std::max(m, e.t);
  return m;
}

class StreamJoinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-sjoin-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "i");
    fs::create_directories(dir_ / "c");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes the events of time slice `k` of one stream as a file appearing whole.
  void addSlice(const std::string& stream, const std::vector<Event>& events, int k) {
    const std::string idCol = stream == "i" ? "ad" : "cad";
    const std::string tCol = stream == "i" ? "ts" : "cts";
    const fs::path tmp = dir_ / ("." + stream + std::to_string(k));
    {
      std::ofstream out(tmp);
      for (const auto& e : events)
        if (e.t / kFileSpan == k)
          out << "{\"" << idCol << "\":" << e.id << ",\"" << tCol << "\":\"" << isoTime(e.t)
              << "\"}\n";
    }
    char name[32];
    std::snprintf(name, sizeof name, "%05d.json", k);
    fs::rename(tmp, dir_ / stream / name);
  }

  int slices(const Events& e) {
    return static_cast<int>(std::max(maxTime(e.impressions), maxTime(e.clicks)) / kFileSpan) + 1;
  }

  void addSlices(const Events& e, int from, int to) {
    for (int k = from; k < to; ++k) {
      addSlice("i", e.impressions, k);
      addSlice("c", e.clicks, k);
    }
  }

  // The tables and the streaming query; `join` is the FROM clause's join.
  std::string script(const std::string& trigger, const std::string& join,
                     const std::string& select = "ad, ts, cad, cts",
                     const std::string& outCols = "ad INT, ts TIMESTAMP, cad INT, cts TIMESTAMP") {
    return "CREATE TABLE i (ad INT, ts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "i").string() + "', maxFilesPerTrigger '3');\n" +
           "CREATE TABLE c (cad INT, cts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "c").string() + "', maxFilesPerTrigger '2');\n" + "CREATE TABLE o (" + outCols +
           ") USING parquet OPTIONS (path '" + (dir_ / "out").string() + "');\n" +
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', trigger '" + trigger + "') AS INSERT INTO o SELECT " + select + " FROM " + join +
           ";\n";
  }

  static std::string watermarked() {
    return "STREAM i WATERMARK ts DELAY OF INTERVAL " + std::to_string(kDelay) +
           " SECONDS {JOIN} STREAM c WATERMARK cts DELAY OF INTERVAL " + std::to_string(kDelay) +
           " SECONDS ON ad = cad AND cts BETWEEN ts AND ts + INTERVAL " + std::to_string(kRange) +
           " SECONDS";
  }
  static std::string with(const std::string& joinKind) {
    std::string s = watermarked();
    s.replace(s.find("{JOIN}"), 6, joinKind);
    return s;
  }

  // The sink's rows, sorted, as row() prints them (`cols` of the output table).
  std::vector<std::string> output(int cols = 4) {
    std::vector<std::string> out;
    if (!fs::exists(dir_ / "out" / "_spark_metadata")) return out;
    Engine e;
    e.execute(std::string("CREATE TABLE r (ad INT, ts TIMESTAMP") +
              (cols == 4 ? ", cad INT, cts TIMESTAMP" : "") + ") USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    const std::string sel =
        cols == 4 ? "ad, CAST(ts AS BIGINT), cad, CAST(cts AS BIGINT)" : "ad, CAST(ts AS BIGINT)";
    Table t = e.query("SELECT " + sel + " FROM r");
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string s;
      for (int c = 0; c < 4; ++c) {
        if (c) s += "|";
        s += c < cols && !t.isNull(r, c) ? t.getString(r, c) : "N";
      }
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
  friend void killedAtRandomMoments(StreamJoinTest&, const Events&, const std::string&,
                                    const std::vector<std::string>&);
};

std::vector<std::string> innerPairs(const Events& e, bool range) {
  std::vector<std::string> out;
  for (const auto& i : e.impressions)
    for (const auto& c : e.clicks)
      if (range ? inRange(i, c) : i.id == c.id) out.push_back(row(&i, &c));
  return out;
}

// Final watermark after all data: min over both streams of (max event time - delay).
int64_t finalWatermark(const Events& e) {
  return std::min(maxTime(e.impressions), maxTime(e.clicks)) - kDelay;
}

std::vector<std::string> leftOuter(const Events& e) {
  std::vector<std::string> out = innerPairs(e, true);
  const int64_t w = finalWatermark(e);
  for (const auto& i : e.impressions) {
    bool matched = false;
    for (const auto& c : e.clicks) matched = matched || inRange(i, c);
    if (!matched && i.t + kRange <= w) out.push_back(row(&i, nullptr));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "" when `got` equals `expected` (both sorted), else the rows missing and the rows extra.
std::string difference(const std::vector<std::string>& expected,
                       const std::vector<std::string>& got) {
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), got.begin(), got.end(),
                      std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), expected.begin(), expected.end(),
                      std::back_inserter(extra));
  if (missing.empty() && extra.empty()) return "";
  auto show = [](const std::vector<std::string>& v) {
    std::string s;
    for (size_t i = 0; i < v.size() && i < 20; ++i) s += " " + v[i];
    return s;
  };
  return std::to_string(missing.size()) + " rows missing:" + show(missing) + "; " +
         std::to_string(extra.size()) + " rows extra:" + show(extra);
}

TEST_F(StreamJoinTest, InnerJoinWithoutWatermarkKeepsBothSidesAcrossARestart) {
  const Events ev = generate(300, 1);
  const int n = slices(ev);
  addSlices(ev, 0, n / 2);
  {
    Engine e;
    e.execute(script("availableNow", "STREAM i JOIN STREAM c ON ad = cad"));
  }
  addSlices(ev, n / 2, n);
  {
    Engine e;
    e.execute(script("availableNow", "STREAM i JOIN STREAM c ON ad = cad"));
  }
  std::vector<std::string> expected = innerPairs(ev, false);
  std::sort(expected.begin(), expected.end());
  ASSERT_GT(expected.size(), 200u);
  EXPECT_EQ(output(), expected);
  // Both sides are in the checkpoint's state, and without a watermark nothing left it.
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "0" / "left"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "7" / "right"));  // 8 partitions
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "0" / "right"));
}

TEST_F(StreamJoinTest, InnerJoinWithATimeRangeEvictsStateAndKeepsEveryPairAcrossARestart) {
  // The range conjuncts run as a generated filter above the join; the watermark still bounds
  // both sides' state through them.
  const Events ev = generate(400, 5);
  const int n = slices(ev);
  addSlices(ev, 0, n / 2);
  {
    Engine e;
    e.execute(script("availableNow", with("JOIN")));
  }
  addSlices(ev, n / 2, n);
  {
    Engine e;
    e.execute(script("availableNow", with("JOIN")));
  }
  {
    Engine e;
    const std::string plan =
        e.explain(script("availableNow", with("JOIN")), ExplainLevel::Extended);
    const size_t physical = plan.find("== Physical Plan ==");
    ASSERT_NE(physical, std::string::npos) << plan;
    EXPECT_LT(plan.find("Filter", physical), plan.find("StreamingSymmetricHashJoin", physical))
        << plan;
  }
  std::vector<std::string> expected = innerPairs(ev, true);
  std::sort(expected.begin(), expected.end());
  ASSERT_GT(expected.size(), 200u);
  EXPECT_EQ(output(), expected);
}

TEST_F(StreamJoinTest, LeftOuterJoinEmitsNullPaddedRowsOnceTheWatermarkPassesAcrossARestart) {
  const Events ev = generate(400, 2);
  const int n = slices(ev);
  addSlices(ev, 0, n / 3);
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  // After the first run: only rows the first run's watermark allowed.
  {
    const auto first = output();
    EXPECT_FALSE(first.empty());
  }
  addSlices(ev, n / 3, n);
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  const auto expected = leftOuter(ev);
  size_t padded = 0;
  for (const auto& r : expected) padded += r.find("|N|N") != std::string::npos;
  ASSERT_GT(padded, 20u);  // the test covers NULL-padded rows
  EXPECT_EQ(output(), expected);
}

TEST_F(StreamJoinTest, PartitionedStateKeepsItsCountAcrossARestartWithOtherThreadsAndPartitions) {
  // The first run fixes 4 state partitions and runs on one thread; the restart asks for 2
  // partitions and two threads: the recorded 4 win, and the rows are exactly those expected.
  const Events ev = generate(400, 6);
  const int n = slices(ev);
  addSlices(ev, 0, n / 2);
  {
    Engine e;
    e.execute("SET spark.sql.shuffle.partitions = 4;\nSET sluice.exec.threads = 1;\n" +
              script("availableNow", with("LEFT OUTER JOIN")));
  }
  addSlices(ev, n / 2, n);
  {
    Engine e;
    e.execute("SET spark.sql.shuffle.partitions = 2;\nSET sluice.exec.threads = 2;\n" +
              script("availableNow", with("LEFT OUTER JOIN")));
  }
  EXPECT_EQ(output(), leftOuter(ev));
  for (int p = 0; p < 4; ++p)
    for (const char* side : {"left", "right"})
      EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / std::to_string(p) / side)) << p;
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "state" / "0" / "4"));
}

TEST_F(StreamJoinTest, OnePartitionStateOfAnEarlierReleaseContinuesAsOnePartition) {
  // Before join state was partitioned, its rows were all in state/<op>/0/ while the offsets
  // already recorded the aggregations' partition count (8): such a checkpoint continues with
  // one partition (reading 8 would look for keys where they never were).
  const Events ev = generate(400, 7);
  const int n = slices(ev);
  addSlices(ev, 0, n / 2);
  {
    Engine e;
    e.execute("SET spark.sql.shuffle.partitions = 1;\n" +
              script("availableNow", with("LEFT OUTER JOIN")));
  }
  for (const auto& f : fs::directory_iterator(dir_ / "cp" / "offsets")) {
    std::ifstream in(f.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "\"spark.sql.shuffle.partitions\":\"1\"";
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << text;
    text.replace(at, from.size(), "\"spark.sql.shuffle.partitions\":\"8\"");
    std::ofstream(f.path(), std::ios::trunc) << text;
  }
  addSlices(ev, n / 2, n);
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  EXPECT_EQ(output(), leftOuter(ev));
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "state" / "0" / "1"));
}

TEST_F(StreamJoinTest, UncommittedBatchIsReplayedOverTheStateOfTheBatchBefore) {
  const Events ev = generate(200, 3);
  addSlices(ev, 0, slices(ev));
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  // A crash after the last batch's state and sink output, before its commit: the replay must
  // load the state before that batch and produce exactly the same rows (the sink skips them).
  std::vector<int> commits;
  for (const auto& f : fs::directory_iterator(dir_ / "cp" / "commits"))
    commits.push_back(std::stoi(f.path().filename().string()));
  ASSERT_GE(commits.size(), 2u);
  fs::remove(dir_ / "cp" / "commits" /
             std::to_string(*std::max_element(commits.begin(), commits.end())));
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  EXPECT_EQ(output(), leftOuter(ev));
}

TEST_F(StreamJoinTest, RestartAfterAWatermarkMoveRunsTheNoDataBatchTheKilledRunDidNot) {
  // A kill after the commit of the batch that moved the watermark, before the no-data batch
  // that move calls for: the restart (no new data) must still emit the NULL-padded rows due.
  const Events ev = generate(200, 8);
  addSlices(ev, 0, slices(ev));
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  const auto expected = leftOuter(ev);
  ASSERT_EQ(output(), expected);
  std::vector<int> batches;
  for (const auto& f : fs::directory_iterator(dir_ / "cp" / "commits"))
    batches.push_back(std::stoi(f.path().filename().string()));
  const std::string last = std::to_string(*std::max_element(batches.begin(), batches.end()));
  // Undo the last (no-data) batch everywhere: offsets, commit, and the sink's files of it.
  std::ifstream meta(dir_ / "out" / "_spark_metadata" / last);
  ASSERT_TRUE(meta) << "the last batch wrote no NULL-padded rows";
  for (std::string l; std::getline(meta, l);) {
    const size_t at = l.find("\"path\":\"file://");
    if (at == std::string::npos) continue;
    const size_t from = at + 15, to = l.find('"', from);
    fs::remove(l.substr(from, to - from));
  }
  meta.close();
  fs::remove(dir_ / "out" / "_spark_metadata" / last);
  fs::remove(dir_ / "cp" / "offsets" / last);
  fs::remove(dir_ / "cp" / "commits" / last);
  ASSERT_NE(output(), expected);
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT OUTER JOIN")));
  }
  EXPECT_EQ(difference(expected, output()), "");
}

TEST_F(StreamJoinTest, RightFullOuterAndLeftSemiJoins) {
  const Events ev = generate(150, 4);
  addSlices(ev, 0, slices(ev));
  const int64_t w = finalWatermark(ev);
  {
    Engine e;
    e.execute(script("availableNow", with("RIGHT OUTER JOIN")));
  }
  std::vector<std::string> right = innerPairs(ev, true), full = right, semi;
  for (const auto& c : ev.clicks) {
    bool matched = false;
    for (const auto& i : ev.impressions) matched = matched || inRange(i, c);
    // A click can match impressions in [cts - 60 s, cts]: done once cts <= watermark.
    if (!matched && c.t <= w) {
      right.push_back(row(nullptr, &c));
      full.push_back(row(nullptr, &c));
    }
  }
  for (const auto& i : ev.impressions) {
    bool matched = false;
    for (const auto& c : ev.clicks) matched = matched || inRange(i, c);
    if (!matched && i.t + kRange <= w) full.push_back(row(&i, nullptr));
    if (matched) semi.push_back(row(&i, nullptr));
  }
  std::sort(right.begin(), right.end());
  std::sort(full.begin(), full.end());
  std::sort(semi.begin(), semi.end());
  EXPECT_EQ(output(), right);
  fs::remove_all(dir_ / "cp");
  fs::remove_all(dir_ / "out");
  {
    Engine e;
    e.execute(script("availableNow", with("FULL OUTER JOIN")));
  }
  EXPECT_EQ(output(), full);
  fs::remove_all(dir_ / "cp");
  fs::remove_all(dir_ / "out");
  {
    Engine e;
    e.execute(script("availableNow", with("LEFT SEMI JOIN"), "ad, ts", "ad INT, ts TIMESTAMP"));
  }
  EXPECT_EQ(output(2), semi);
}

TEST_F(StreamJoinTest, JoinsSparkRefusesAreRefusedWithWhatWouldWork) {
  auto error = [&](const std::string& join, const std::string& trigger = "availableNow",
                   const std::string& mode = "", const std::string& select = "ad, ts, cad, cts") {
    std::string s = script(trigger, join, select,
                           select == "ad, ts" ? "ad INT, ts TIMESTAMP"
                                              : "ad INT, ts TIMESTAMP, cad INT, cts TIMESTAMP");
    if (!mode.empty()) s.replace(s.find("', trigger"), 0, "', outputMode '" + mode);
    try {
      Engine e;
      e.execute(s);
    } catch (const std::exception& ex) {
      return std::string(ex.what());
    }
    return std::string("no error");
  };
  const std::string noWatermark = error(
      "STREAM i LEFT JOIN STREAM c ON ad = cad AND cts BETWEEN ts AND ts + INTERVAL 1 "
      "MINUTE");
  EXPECT_NE(noWatermark.find("LeftOuter join between two streams needs a WATERMARK on the right"),
            std::string::npos)
      << noWatermark;
  const std::string noRange = error(
      "STREAM i WATERMARK ts DELAY OF INTERVAL 1 MINUTE LEFT JOIN STREAM c WATERMARK cts "
      "DELAY OF INTERVAL 1 MINUTE ON ad = cad");
  EXPECT_NE(noRange.find("time range"), std::string::npos) << noRange;
  const std::string update = error("STREAM i JOIN STREAM c ON ad = cad", "availableNow", "update");
  EXPECT_NE(update.find("only in 'append'"), std::string::npos) << update;
  const std::string anti = error(with("LEFT ANTI JOIN"), "availableNow", "", "ad, ts");
  EXPECT_NE(anti.find("LeftAnti join between two streams is not supported"), std::string::npos)
      << anti;
  // Full outer needs both sides bounded: only the right side's time is bounded here.
  const std::string full = error(
      "STREAM i WATERMARK ts DELAY OF INTERVAL 1 MINUTE FULL JOIN STREAM c ON ad = cad AND "
      "cts BETWEEN ts AND ts + INTERVAL 1 MINUTE");
  EXPECT_NE(full.find("FullOuter join between two streams needs a WATERMARK on the right"),
            std::string::npos)
      << full;
}

// Runs `join` with SIGKILL at random moments while files keep arriving, then a clean
// availableNow run; the exactly-once sink must then hold exactly `expected`.
void killedAtRandomMoments(StreamJoinTest& t, const Events& ev, const std::string& join,
                           const std::vector<std::string>& expected);

TEST_F(StreamJoinTest, LeftOuterJoinKilledAtRandomMomentsLosesAndDoublesNothing) {
  const Events ev = generate(500, 5);
  killedAtRandomMoments(*this, ev, with("LEFT OUTER JOIN"), leftOuter(ev));
}

TEST_F(StreamJoinTest, InnerJoinKilledAtRandomMomentsLosesAndDoublesNothing) {
  const Events ev = generate(400, 6);
  std::vector<std::string> expected = innerPairs(ev, false);
  std::sort(expected.begin(), expected.end());
  killedAtRandomMoments(*this, ev, "STREAM i JOIN STREAM c ON ad = cad", expected);
}

void killedAtRandomMoments(StreamJoinTest& t, const Events& ev, const std::string& join,
                           const std::vector<std::string>& expected) {
  // The last slices are held back for the final run: only the global watermark survives a
  // restart (Spark keeps no per-input maxima), and an input without rows in a run holds it, so
  // the final watermark is min over both inputs only if the final run reads rows of both.
  const int n = t.slices(ev) - 2;
  std::mt19937 rng(99);
  int added = 0, killed = 0;
  const int rounds = 8;
  for (int round = 0; round < rounds; ++round) {
    std::ofstream(t.dir_ / "q.sql") << t.script("100 milliseconds", join);
    const int chunk = n / (2 * rounds) + 1;
    t.addSlices(ev, added, std::min(n, added + chunk));
    added = std::min(n, added + chunk);
    const pid_t pid = startSluiceRun(t.dir_);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));
    t.addSlices(ev, added, std::min(n, added + chunk));
    added = std::min(n, added + chunk);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 500)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }
  EXPECT_GE(killed, rounds - 1);
  t.addSlices(ev, added, n + 2);
  std::ofstream(t.dir_ / "q.sql") << t.script("availableNow", join);
  const pid_t pid = startSluiceRun(t.dir_);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "final run failed";
  const std::string diff = difference(expected, t.output());
  EXPECT_EQ(diff, "");
  if (getenv("SLUICE_KEEP_TEST_DIR") && !diff.empty())
    fs::copy(t.dir_, "/tmp/sjoin-failed-" + std::to_string(getpid()), fs::copy_options::recursive);
}

}  // namespace
}  // namespace sluice
