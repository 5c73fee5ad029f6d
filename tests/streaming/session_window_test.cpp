// Streaming session windows (GROUP BY k, session_window(ts, gap)) end to end over a streaming
// JSON directory: sessions merged across batches (a row in a later batch bridging two stored
// sessions), append mode emitting a session only once the watermark passes its end, update
// and complete modes, a restart in the middle, and SIGKILL at random moments while files keep
// arriving. Expected rows are worked out by hand or by the small reference below (sort each
// key's rows by time, merge overlapping [ts, ts + gap) intervals).
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

// A JSON row; `secs` since the epoch as a timestamp string.
std::string line(const std::string& k, int64_t secs, int v) {
  const time_t t = static_cast<time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return "{\"k\":\"" + k + "\",\"ts\":\"" + buf + "\",\"v\":" + std::to_string(v) + "}";
}

constexpr const char* kColumns = "k STRING, s BIGINT, e BIGINT, n BIGINT, total BIGINT";

class SessionWindowTest : public FileStreamFixture {
 protected:
  SessionWindowTest() : FileStreamFixture("session") {}

 public:
  std::string source() const {
    return "CREATE TABLE src (k STRING, ts TIMESTAMP, v INT) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "', maxFilesPerTrigger '1');\n";
  }

  static std::string select(const std::string& delay, const std::string& gap) {
    return "SELECT k, CAST(session_window.start AS BIGINT) AS s, "
           "CAST(session_window.end AS BIGINT) AS e, count(*) AS n, sum(v) AS total "
           "FROM STREAM src WATERMARK ts DELAY OF INTERVAL " +
           delay + " GROUP BY k, session_window(ts, " + gap + ")";
  }

  // Append mode into an exactly-once Parquet directory.
  std::string appendScript(const std::string& trigger, const std::string& delay,
                           const std::string& gap) const {
    return source() + "CREATE TABLE out (" + kColumns + ") USING parquet OPTIONS (path '" +
           (dir_ / "out").string() + "');\nCREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
           (dir_ / "cp").string() + "', outputMode 'append', trigger '" + trigger +
           "') AS INSERT INTO out " + select(delay, gap) + ";\n";
  }

  // The Parquet sink's rows "k|s|e|n|total", sorted.
  std::vector<std::string> output() {
    if (!fs::exists(dir_ / "out")) return {};
    Engine e;
    e.execute("CREATE TABLE r (" + std::string(kColumns) + ") USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    return rows(e.query("SELECT * FROM r"));
  }

  static std::vector<std::string> rows(const Table& t) {
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string s;
      for (int c = 0; c < 5; ++c) s += (c ? "|" : "") + t.getString(r, c);
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

// The hand-worked scenario: gap 30 s, watermark delay 100 s, one file per batch.
//   batch 0: a@1000, a@1050 (two sessions), b@1000          -> watermark 950
//   batch 1: a@1025 bridges [1000,1030) and [1050,1080); b@1200 -> watermark 1100
//   batch 2: a@1500                                          -> watermark 1400
//   batch 3: a@1010, late (1010 + 30 <= 1400): dropped in append and update mode
void addScenario(SessionWindowTest& t, int from, int to) {
  const std::vector<std::vector<std::string>> files = {
      {line("a", 1000, 1), line("a", 1050, 2), line("b", 1000, 5)},
      {line("a", 1025, 3), line("b", 1200, 7)},
      {line("a", 1500, 4)},
      {line("a", 1010, 100)},
  };
  for (int f = from; f < to; ++f)
    t.addFile("f" + std::to_string(f) + ".json", files[static_cast<size_t>(f)]);
}

TEST_F(SessionWindowTest, AppendEmitsMergedSessionsOnceTheWatermarkPassesTheirEnd) {
  const std::string script = appendScript("availableNow", "100 SECONDS", "'30 seconds'");
  addScenario(*this, 0, 1);
  Engine{}.execute(script);
  // Watermark 950: no session has ended below it yet.
  EXPECT_EQ(output(), std::vector<std::string>{});
  // A restart: the two stored sessions of a are bridged by a row of the next batch.
  addScenario(*this, 1, 4);
  Engine{}.execute(script);
  EXPECT_EQ(output(),
            (std::vector<std::string>{"a|1000|1080|3|6", "b|1000|1030|1|5", "b|1200|1230|1|7"}));
  // Replaying from the checkpoint again changes nothing; a@1500 is still open.
  Engine{}.execute(script);
  EXPECT_EQ(output().size(), 3u);
}

TEST_F(SessionWindowTest, UpdateEmitsChangedSessionsAndCompleteAllSessions) {
  Engine e;
  e.execute(source() + "CREATE TABLE upd (" + kColumns + ") USING memory;\nCREATE TABLE cmp (" +
            kColumns + ") USING memory;");
  auto query = [&](const std::string& name, const std::string& mode) {
    return "CREATE STREAMING QUERY " + name + " OPTIONS (checkpointLocation '" +
           (dir_ / name).string() + "', outputMode '" + mode +
           "', trigger 'availableNow') AS INSERT INTO " + (mode == "update" ? "upd " : "cmp ") +
           select("100 SECONDS", "'30 seconds'");
  };
  addScenario(*this, 0, 2);
  e.execute(query("qu", "update"));
  e.execute(query("qc", "complete"));
  addScenario(*this, 2, 4);
  e.execute(query("qu", "update"));  // restarted from its checkpoint
  e.execute(query("qc", "complete"));
  // Update: every batch's changed sessions; the bridged session once more when it merged.
  EXPECT_EQ(rows(e.query("SELECT * FROM upd")),
            (std::vector<std::string>{"a|1000|1030|1|1", "a|1000|1080|3|6", "a|1050|1080|1|2",
                                      "a|1500|1530|1|4", "b|1000|1030|1|5", "b|1200|1230|1|7"}));
  // Complete: every session of the last batch; the watermark drops nothing and evicts nothing
  // in complete mode (as in Spark), so a@1010 joins a's first session.
  EXPECT_EQ(rows(e.query("SELECT * FROM cmp")),
            (std::vector<std::string>{"a|1000|1080|4|106", "a|1500|1530|1|4", "b|1000|1030|1|5",
                                      "b|1200|1230|1|7"}));
}

// Generated events that are never late: file i holds times in [base + 20 i, base + 20 i + 15],
// so every row is later than the watermark (max - 60 s) of the batch it comes in.
struct Events {
  std::vector<std::vector<std::string>> files;
  struct Row {
    std::string k;
    int64_t ts;
    int v;
  };
  std::vector<Row> all;
};

Events generate(int files, unsigned seed) {
  std::mt19937 rng(seed);
  Events ev;
  const int64_t base = 1700000000;
  for (int f = 0; f < files; ++f) {
    std::vector<std::string> lines;
    for (int i = 0; i < 12; ++i) {
      const std::string k = "k" + std::to_string(std::uniform_int_distribution<int>(0, 5)(rng));
      const int64_t ts = base + 20 * f + std::uniform_int_distribution<int>(0, 15)(rng);
      const int v = std::uniform_int_distribution<int>(1, 100)(rng);
      lines.push_back(line(k, ts, v));
      ev.all.push_back({k, ts, v});
    }
    ev.files.push_back(std::move(lines));
  }
  return ev;
}

// The dynamic gap of the scenario below, as the query's CASE computes it.
int64_t gapOf(const std::string& k) {
  return (k.back() - '0') % 2 == 0 ? 10 : 40;
}
constexpr const char* kDynamicGap =
    "CASE WHEN CAST(substr(k, 2) AS INT) % 2 = 0 THEN '10 seconds' ELSE '40 seconds' END";

// The reference: per key, rows sorted by time, [ts, ts + gap) merged while they overlap or
// touch; sessions that end at or below the final watermark (max time - 60 s) are emitted.
std::vector<std::string> expectedSessions(const Events& ev) {
  std::map<std::string, std::vector<Events::Row>> byKey;
  int64_t maxTs = INT64_MIN;
  for (const auto& r : ev.all) {
    byKey[r.k].push_back(r);
    maxTs = std::max(maxTs, r.ts);
  }
  const int64_t watermark = maxTs - 60;
  std::vector<std::string> out;
  for (auto& [k, rs] : byKey) {
    std::sort(rs.begin(), rs.end(), [](const auto& a, const auto& b) { return a.ts < b.ts; });
    size_t i = 0;
    while (i < rs.size()) {
      const int64_t start = rs[i].ts;
      int64_t end = rs[i].ts + gapOf(k), n = 0, total = 0;
      for (; i < rs.size() && rs[i].ts <= end; ++i) {
        end = std::max(end, rs[i].ts + gapOf(k));
        ++n;
        total += rs[i].v;
      }
      if (end <= watermark)
        out.push_back(k + "|" + std::to_string(start) + "|" + std::to_string(end) + "|" +
                      std::to_string(n) + "|" + std::to_string(total));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// File names that sort in the order they are added (the file source takes them in name order).
std::string fileName(int f) {
  char buf[24];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "f%03d.json", f);
  return buf;
}

TEST_F(SessionWindowTest, DynamicGapsMatchTheReferenceAcrossBatchesAndARestart) {
  const Events ev = generate(30, 11);
  const std::string script = appendScript("availableNow", "60 SECONDS", kDynamicGap);
  for (int f = 0; f < 15; ++f) addFile(fileName(f), ev.files[static_cast<size_t>(f)]);
  Engine{}.execute(script);
  for (int f = 15; f < 30; ++f) addFile(fileName(f), ev.files[static_cast<size_t>(f)]);
  Engine{}.execute(script);
  const auto expected = expectedSessions(ev);
  ASSERT_GT(expected.size(), 20u);
  EXPECT_EQ(output(), expected);
}

TEST_F(SessionWindowTest, KilledAtRandomMomentsLosesAndDoublesNothing) {
  const Events ev = generate(40, 12);
  std::mt19937 rng(7);
  int added = 0, killed = 0;
  const int rounds = 6;
  auto addUpTo = [&](int n) {
    for (; added < std::min(n, 40); ++added)
      addFile(fileName(added), ev.files[static_cast<size_t>(added)]);
  };
  for (int round = 0; round < rounds; ++round) {
    std::ofstream(dir_ / "q.sql") << appendScript("100 milliseconds", "60 SECONDS", kDynamicGap);
    addUpTo(added + 3);
    const pid_t pid = startSluiceRun(dir_);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));
    addUpTo(added + 3);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 500)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }
  EXPECT_GE(killed, rounds - 1);
  addUpTo(40);
  std::ofstream(dir_ / "q.sql") << appendScript("availableNow", "60 SECONDS", kDynamicGap);
  const pid_t pid = startSluiceRun(dir_);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "final run failed";
  EXPECT_EQ(output(), expectedSessions(ev));
}

}  // namespace
}  // namespace sluice
