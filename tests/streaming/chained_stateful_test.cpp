// Chained stateful operators (Spark 3.4+, append mode) end to end over streaming JSON
// directories, one file per batch (maxFilesPerTrigger 1, so batch boundaries and watermarks do
// not depend on timing): a time window aggregation feeding a second one through
// window_time(window), and a stream-stream time-interval join feeding a window aggregation.
// Generated data with late rows, a restart in the middle, SIGKILL at random moments, and the
// forms Spark refuses. Expected rows come from the small references below, which apply
// Spark's rules directly: the watermark of batch j is max(event time of files < j) - delay; a
// row whose (first) group the watermark has closed is dropped; every later operator keeps what
// the earlier one emits, and a group is in the output once the watermark (less the join's
// state bound, for an aggregation after a join) passes its end.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sluice/engine.h"
#include "tests/streaming/file_stream_fixture.h"
#include "tests/streaming/sluice_process.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

constexpr int64_t kBase = 1700000000;  // a multiple of 300 s: windows align with it

std::string timeText(int64_t secs) {
  const time_t t = static_cast<time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

int64_t floorTo(int64_t t, int64_t size) {
  return t - ((t % size) + size) % size;
}

std::string fileName(int f) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "f%03d.json", f);
  return buf;
}

class ChainedStatefulTest : public FileStreamFixture {
 protected:
  ChainedStatefulTest() : FileStreamFixture("chained") {}

  // Parquet output rows "c0|c1|c2", sorted.
  std::vector<std::string> output(const std::string& columns) {
    if (!fs::exists(dir_ / "out")) return {};
    Engine e;
    e.execute("CREATE TABLE r (" + columns + ") USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    const Table t = e.query("SELECT * FROM r");
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string s;
      for (int c = 0; c < 3; ++c) s += (c ? "|" : "") + t.getString(r, c);
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string error(const std::string& script) {
    try {
      Engine e;
      e.execute(script);
    } catch (const std::exception& ex) {
      return ex.what();
    }
    return "no error";
  }

  // Runs `script` (written to q.sql) in a child sluice process, SIGKILLed at random moments
  // while `addNext` keeps adding files; then one availableNow run to the end.
  void killRounds(const std::string& looping, const std::string& finishing,
                  const std::function<void(int)>& addUpTo, int files) {
    std::mt19937 rng(7);
    int added = 0, killed = 0;
    const int rounds = 5;
    for (int round = 0; round < rounds; ++round) {
      std::ofstream(dir_ / "q.sql") << looping;
      addUpTo(added += 3);
      const pid_t pid = startSluiceRun(dir_);
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));
      addUpTo(added += 3);
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 500)(rng)));
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
      killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }
    EXPECT_GE(killed, rounds - 1);
    addUpTo(files);
    std::ofstream(dir_ / "q.sql") << finishing;
    const pid_t pid = startSluiceRun(dir_);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "final run failed";
  }
};

// ---- window aggregation -> window aggregation --------------------------------------------

struct Row {
  std::string k;
  int64_t ts;
  int v;
};

// File j's rows are about j * 20 s after kBase, up to 25 s out of order, and one in ten is a
// late row 2-5 minutes older.
std::vector<std::vector<Row>> generateEvents(int files, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::vector<Row>> out(static_cast<size_t>(files));
  for (int f = 0; f < files; ++f) {
    const int64_t now = kBase + 20 * f;
    for (int i = 0; i < 6; ++i) {
      Row r{std::string(1, static_cast<char>('a' + rng() % 4)), now - rng() % 26,
            static_cast<int>(1 + rng() % 9)};
      if (rng() % 10 == 0) r.ts = now - 120 - rng() % 181;
      out[static_cast<size_t>(f)].push_back(r);
    }
  }
  return out;
}

constexpr int64_t kDelay = 30;

// window(ts, 1 minute) per k with sum(v), then window(window_time(w1), 5 minutes) with the
// count of first-level windows and the sum of their sums: "start|windows|total".
std::vector<std::string> expectedChained(const std::vector<std::vector<Row>>& files) {
  std::map<std::pair<int64_t, std::string>, int64_t> first;
  int64_t maxTs = INT64_MIN;
  for (const auto& file : files) {
    const int64_t wm = maxTs == INT64_MIN ? 0 : maxTs - kDelay;
    for (const Row& r : file)
      if (floorTo(r.ts, 60) + 60 > wm) first[{floorTo(r.ts, 60), r.k}] += r.v;
    for (const Row& r : file) maxTs = std::max(maxTs, r.ts);
  }
  const int64_t finalWm = maxTs - kDelay;
  std::map<int64_t, std::pair<int64_t, int64_t>> second;
  for (const auto& [key, sum] : first) {
    // window_time = end - 1 microsecond, in the 5-minute window of the first one's start.
    auto& s = second[floorTo(key.first, 300)];
    ++s.first;
    s.second += sum;
  }
  std::vector<std::string> out;
  for (const auto& [start, s] : second)
    if (start + 300 <= finalWm)
      out.push_back(std::to_string(start) + "|" + std::to_string(s.first) + "|" +
                    std::to_string(s.second));
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kChainedColumns = "s BIGINT, windows BIGINT, total BIGINT";

class ChainedAggregationTest : public ChainedStatefulTest {
 protected:
  std::string script(const std::string& trigger, const std::string& mode = "append") const {
    return "CREATE TABLE src (k STRING, ts TIMESTAMP, v INT) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "', maxFilesPerTrigger '1');\nCREATE TABLE out (" +
           kChainedColumns + ") USING parquet OPTIONS (path '" + (dir_ / "out").string() +
           "');\nCREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', outputMode '" + mode + "', trigger '" + trigger +
           "') AS INSERT INTO out SELECT CAST(window.start AS BIGINT) AS s, count(*) AS windows, "
           "sum(n) AS total FROM (SELECT window AS w1, k, sum(v) AS n FROM STREAM src WATERMARK "
           "ts DELAY OF INTERVAL 30 SECONDS GROUP BY window(ts, '1 minute'), k) GROUP BY "
           "window(window_time(w1), '5 minutes');\n";
  }
  void add(const std::vector<std::vector<Row>>& files, int from, int to) {
    for (int f = from; f < to; ++f) {
      std::vector<std::string> lines;
      for (const Row& r : files[static_cast<size_t>(f)])
        lines.push_back("{\"k\":\"" + r.k + "\",\"ts\":\"" + timeText(r.ts) +
                        "\",\"v\":" + std::to_string(r.v) + "}");
      addFile(fileName(f), lines);
    }
  }
};

TEST_F(ChainedAggregationTest, SecondWindowAggregationMatchesTheReferenceAcrossARestart) {
  const auto files = generateEvents(40, 3);
  add(files, 0, 20);
  Engine{}.execute(script("availableNow"));
  add(files, 20, 40);
  Engine{}.execute(script("availableNow"));
  const auto expected = expectedChained(files);
  ASSERT_GE(expected.size(), 2u);
  EXPECT_EQ(output(kChainedColumns), expected);
  // Each operator keeps its own state: state/0 (per minute and key), state/1 (per 5 minutes).
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "1"));
  // Nothing open below the final watermark is left in the second operator's state.
  EXPECT_LE(stateKeys(dir_ / "cp", 1, 8), 2);
  // Running again over the same checkpoint changes nothing.
  Engine{}.execute(script("availableNow"));
  EXPECT_EQ(output(kChainedColumns), expected);
  // Another aggregate in the second operator cannot read its state: refused, naming it.
  std::string changed = script("availableNow");
  changed.replace(changed.find("sum(n) AS total"), std::string("sum(n) AS total").size(),
                  "max(n) AS total");
  const std::string refused = error(changed);
  EXPECT_NE(refused.find("state operator 1"), std::string::npos) << refused;
}

TEST_F(ChainedAggregationTest, KilledAtRandomMomentsLosesAndDoublesNothing) {
  const auto files = generateEvents(40, 5);
  int done = 0;
  killRounds(
      script("100 milliseconds"), script("availableNow"),
      [&](int n) {
        for (; done < std::min(n, 40); ++done) add(files, done, done + 1);
      },
      40);
  EXPECT_EQ(output(kChainedColumns), expectedChained(files));
}

// ---- stream-stream join -> window aggregation --------------------------------------------

struct Impression {
  int ad;
  int64_t ts;
};
struct Click {
  int ad;
  int64_t ts;
};

struct JoinInput {
  std::vector<std::vector<Impression>> i;
  std::vector<std::vector<Click>> c;
};

// File j: impressions about j * 15 s after kBase; half of them get a click 1-55 s later, put
// in the file of its time; every click file also holds a click of no impression, so each
// side's watermark moves every batch.
JoinInput generateJoin(int files, unsigned seed) {
  std::mt19937 rng(seed);
  JoinInput in;
  in.i.resize(static_cast<size_t>(files));
  in.c.resize(static_cast<size_t>(files));
  int ad = 0;
  for (int f = 0; f < files; ++f) {
    const int64_t now = kBase + 15 * f;
    in.c[static_cast<size_t>(f)].push_back({-1, now});
    for (int n = 0; n < 3; ++n) {
      const Impression imp{++ad, now - static_cast<int64_t>(rng() % 6)};
      in.i[static_cast<size_t>(f)].push_back(imp);
      if (rng() % 2) continue;
      const int64_t cts = imp.ts + 1 + rng() % 55;
      const int64_t cf = std::min<int64_t>(files - 1, (cts - kBase + 14) / 15);
      if (cf > f) in.c[static_cast<size_t>(cf)].push_back({imp.ad, cts});
    }
  }
  return in;
}

// Inner join on ad = cad AND cts BETWEEN ts AND ts + 1 minute (watermark delays 10 s), then
// count(*) per window(ts, 1 minute): "start|clicks|sum of ads". A row at or below its batch's
// watermark (the smaller of the two sides') is late; the aggregation's windows close at the
// final watermark less the join's one-minute state bound.
std::vector<std::string> expectedJoined(const JoinInput& in) {
  std::vector<Impression> imps;
  std::vector<Click> clicks;
  int64_t maxI = INT64_MIN, maxC = INT64_MIN;
  auto wm = [&] {
    if (maxI == INT64_MIN && maxC == INT64_MIN) return int64_t{0};
    return std::min(maxI == INT64_MIN ? INT64_MAX : maxI - 10,
                    maxC == INT64_MIN ? INT64_MAX : maxC - 10);
  };
  for (size_t f = 0; f < in.i.size(); ++f) {
    const int64_t w = wm();
    for (const auto& r : in.i[f])
      if (r.ts > w) imps.push_back(r);
    for (const auto& r : in.c[f])
      if (r.ts > w) clicks.push_back(r);
    for (const auto& r : in.i[f]) maxI = std::max(maxI, r.ts);
    for (const auto& r : in.c[f]) maxC = std::max(maxC, r.ts);
  }
  const int64_t closed = wm() - 60;
  std::map<int64_t, std::pair<int64_t, int64_t>> windows;
  for (const auto& imp : imps)
    for (const auto& c : clicks)
      if (c.ad == imp.ad && c.ts >= imp.ts && c.ts <= imp.ts + 60) {
        auto& w = windows[floorTo(imp.ts, 60)];
        ++w.first;
        w.second += imp.ad;
      }
  std::vector<std::string> out;
  for (const auto& [start, w] : windows)
    if (start + 60 <= closed)
      out.push_back(std::to_string(start) + "|" + std::to_string(w.first) + "|" +
                    std::to_string(w.second));
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kJoinedColumns = "s BIGINT, clicks BIGINT, ads BIGINT";

class JoinThenAggregationTest : public ChainedStatefulTest {
 protected:
  void SetUp() override {
    ChainedStatefulTest::SetUp();
    fs::create_directories(dir_ / "i");
    fs::create_directories(dir_ / "c");
  }
  std::string script(const std::string& trigger) const {
    return "CREATE TABLE i (ad INT, ts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "i").string() +
           "', maxFilesPerTrigger '1');\nCREATE TABLE c (cad INT, cts TIMESTAMP) USING json "
           "OPTIONS (path '" +
           (dir_ / "c").string() + "', maxFilesPerTrigger '1');\nCREATE TABLE out (" +
           kJoinedColumns + ") USING parquet OPTIONS (path '" + (dir_ / "out").string() +
           "');\nCREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', outputMode 'append', trigger '" + trigger +
           "') AS INSERT INTO out SELECT CAST(window.start AS BIGINT) AS s, count(*) AS clicks, "
           "sum(CAST(ad AS BIGINT)) AS ads FROM STREAM i WATERMARK ts DELAY OF INTERVAL 10 "
           "SECONDS JOIN STREAM c WATERMARK cts DELAY OF INTERVAL 10 SECONDS ON ad = cad AND "
           "cts BETWEEN ts AND ts + INTERVAL 1 MINUTE GROUP BY window(ts, '1 minute');\n";
  }
  // Both sides' file j, click side first: a batch never sees an impression file without its
  // click file (each directory is read one file per batch).
  void add(const JoinInput& in, int from, int to) {
    for (int f = from; f < to; ++f) {
      std::vector<std::string> ci, ii;
      for (const auto& r : in.c[static_cast<size_t>(f)])
        ci.push_back("{\"cad\":" + std::to_string(r.ad) + ",\"cts\":\"" + timeText(r.ts) + "\"}");
      for (const auto& r : in.i[static_cast<size_t>(f)])
        ii.push_back("{\"ad\":" + std::to_string(r.ad) + ",\"ts\":\"" + timeText(r.ts) + "\"}");
      addTo("c", fileName(f), ci);
      addTo("i", fileName(f), ii);
    }
  }
  void addTo(const std::string& sub, const std::string& name,
             const std::vector<std::string>& lines) {
    const fs::path tmp = dir_ / ("." + sub + name);
    {
      std::ofstream out(tmp);
      for (const auto& l : lines) out << l << "\n";
    }
    fs::rename(tmp, dir_ / sub / name);
  }
};

TEST_F(JoinThenAggregationTest, WindowCountsOfJoinedRowsMatchTheReferenceAcrossARestart) {
  const JoinInput in = generateJoin(40, 9);
  add(in, 0, 20);
  Engine{}.execute(script("availableNow"));
  add(in, 20, 40);
  Engine{}.execute(script("availableNow"));
  const auto expected = expectedJoined(in);
  ASSERT_GE(expected.size(), 5u);
  // With the query's watermark instead of the join's output watermark, joined rows whose
  // impression window the watermark had already passed would be dropped as late.
  EXPECT_EQ(output(kJoinedColumns), expected);
}

TEST_F(JoinThenAggregationTest, KilledAtRandomMomentsLosesAndDoublesNothing) {
  const JoinInput in = generateJoin(40, 13);
  int done = 0;
  killRounds(
      script("100 milliseconds"), script("availableNow"),
      [&](int n) {
        for (; done < std::min(n, 40); ++done) add(in, done, done + 1);
      },
      40);
  EXPECT_EQ(output(kJoinedColumns), expectedJoined(in));
}

// ---- what Spark (or sluice) refuses ---------------------------------------------------------

TEST_F(ChainedAggregationTest, ChainsSparkRefusesAreRefusedWithWhatWouldWork) {
  const std::string update = error(script("availableNow", "update"));
  EXPECT_NE(update.find("multiple streaming aggregations are not supported in 'update' output "
                        "mode"),
            std::string::npos)
      << update;
  const std::string complete = error(script("availableNow", "complete"));
  EXPECT_NE(complete.find("use 'append'"), std::string::npos) << complete;
  // The second aggregation groups by a plain key: the watermark can never close its groups.
  std::string s = script("availableNow");
  s.replace(s.find("window(window_time(w1), '5 minutes')"),
            std::string("window(window_time(w1), '5 minutes')").size(), "k");
  s.replace(s.find("CAST(window.start AS BIGINT) AS s"),
            std::string("CAST(window.start AS BIGINT) AS s").size(), "CAST(0 AS BIGINT) AS s");
  const std::string plain = error(s);
  EXPECT_NE(plain.find("each one must group by the watermarked event time"), std::string::npos)
      << plain;
  // DISTINCT after an aggregation, and a join after an aggregation: not run by sluice yet.
  const std::string src =
      "CREATE TABLE src (k STRING, ts TIMESTAMP, v INT) USING json OPTIONS (path '" +
      (dir_ / "in").string() + "');\nCREATE TABLE o (k STRING) USING memory;\n";
  auto query = [&](const std::string& select) {
    return src + "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', trigger 'availableNow') AS INSERT INTO o " + select;
  };
  const std::string inner =
      "(SELECT window AS w1, k FROM STREAM src WATERMARK ts DELAY OF INTERVAL 30 SECONDS "
      "GROUP BY window(ts, '1 minute'), k)";
  const std::string distinct = error(query("SELECT DISTINCT k FROM " + inner));
  EXPECT_NE(distinct.find("deduplication (DISTINCT) after a streaming aggregation"),
            std::string::npos)
      << distinct;
  const std::string join =
      error(query("SELECT a.k FROM " + inner + " a JOIN STREAM src b ON " + "a.k = b.k"));
  EXPECT_NE(join.find("a join after a streaming aggregation is not supported"), std::string::npos)
      << join;
}

}  // namespace
}  // namespace sluice
