// GROUP BY window(...), ROLLUP(...) on a stream in append mode: every grouping set keeps the
// window, so the watermark closes each window's rows of every set (the per-key rows and the
// rolled-up total) once, and rows of windows still open are not emitted.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sluice/engine.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class StreamingGroupingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-grouping-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void addFile(const std::string& name, const std::string& lines) {
    std::ofstream(dir_ / ("." + name)) << lines;
    fs::rename(dir_ / ("." + name), dir_ / "in" / name);
  }
  static std::string at(int minute, int second, const std::string& k) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "{\"ts\":\"2024-01-01T00:%02d:%02dZ\",\"k\":\"%s\"}\n", minute,
                  second, k.c_str());
    return buf;
  }
  fs::path dir_;
};

TEST_F(StreamingGroupingTest, RollupOverAWindowInAppendMode) {
  addFile("f1.json", at(0, 10, "a") + at(0, 20, "b") + at(0, 30, "a"));
  addFile("f2.json", at(1, 10, "a"));
  addFile("f3.json", at(2, 40, "c"));  // watermark after it: 00:02:10
  Engine e;
  e.execute("CREATE TABLE ev (ts TIMESTAMP, k STRING) USING json OPTIONS (path '" +
            (dir_ / "in").string() +
            "', maxFilesPerTrigger '1');\n"
            "CREATE TABLE counts (w STRING, k STRING, gk TINYINT, n BIGINT) USING memory;\n"
            "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
            (dir_ / "cp").string() +
            "', outputMode 'append', trigger 'availableNow') AS INSERT INTO counts\n"
            "SELECT CAST(window(ts, '1 minute').start AS STRING) AS w, k, grouping(k), count(*)\n"
            "FROM STREAM ev WATERMARK ts DELAY OF INTERVAL 30 SECONDS\n"
            "GROUP BY window(ts, '1 minute'), ROLLUP(k);\n");
  Table t = e.query("SELECT w, k, gk, n FROM counts ORDER BY w, gk, k");
  // The windows closed by the watermark, each row once; 00:02's window is still open.
  EXPECT_EQ(t.show(), Engine()
                          .query("SELECT * FROM VALUES "
                                 "('2024-01-01 00:00:00', 'a', CAST(0 AS TINYINT), 2L), "
                                 "('2024-01-01 00:00:00', 'b', CAST(0 AS TINYINT), 1L), "
                                 "('2024-01-01 00:00:00', NULL, CAST(1 AS TINYINT), 3L), "
                                 "('2024-01-01 00:01:00', 'a', CAST(0 AS TINYINT), 1L), "
                                 "('2024-01-01 00:01:00', NULL, CAST(1 AS TINYINT), 1L) "
                                 "AS t(w, k, gk, n)")
                          .show());
}

TEST_F(StreamingGroupingTest, RollingUpTheWindowIsRefusedInAppendMode) {
  Engine e;
  e.execute("CREATE TABLE ev (ts TIMESTAMP, k STRING) USING json OPTIONS (path '" +
            (dir_ / "in").string() +
            "');\nCREATE TABLE counts (k STRING, n BIGINT) USING memory;\n");
  try {
    e.execute("CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
              "', outputMode 'append') AS INSERT INTO counts SELECT k, count(*) "
              "FROM STREAM ev WATERMARK ts DELAY OF INTERVAL 30 SECONDS "
              "GROUP BY ROLLUP(window(ts, '1 minute'), k)");
    FAIL() << "append mode accepted a rolled-up window (its NULL-window rows never close)";
  } catch (const Error& err) {
    EXPECT_NE(err.render().find("append"), std::string::npos) << err.render();
  }
}

}  // namespace
}  // namespace sluice
