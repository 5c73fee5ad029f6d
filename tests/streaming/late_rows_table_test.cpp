// Late data you can see: OPTIONS (lateRowsTable 't') routes the rows a streaming aggregation
// drops as late into table t (the row's grouping keys as JSON, the reason, the group's event
// time, the watermark, the batch), in every output mode that drops rows, and refuses tables
// that cannot take those columns.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sluice/engine.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class LateRowsTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-laterows-" + std::to_string(::getpid()) + "-" +
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
  std::string script(const std::string& mode, const std::string& lateTable) {
    return "CREATE TABLE ev (ts TIMESTAMP, k STRING) USING json OPTIONS (path '" +
           (dir_ / "in").string() +
           "', maxFilesPerTrigger '1');\n"
           "CREATE TABLE counts (k STRING, w STRUCT<start: TIMESTAMP, `end`: TIMESTAMP>, n "
           "BIGINT) USING memory;\n"
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
           (dir_ / "cp").string() + "', outputMode '" + mode +
           "', trigger 'availableNow', lateRowsTable '" + lateTable +
           "') AS INSERT INTO counts SELECT k, window(ts, '1 minute') AS w, count(*) AS n\n"
           "FROM STREAM ev WATERMARK ts DELAY OF INTERVAL 30 SECONDS\n"
           "GROUP BY k, window(ts, '1 minute');\n";
  }
  fs::path dir_;
};

TEST_F(LateRowsTableTest, DroppedRowsLandInTheTableWithReasonAndWatermark) {
  for (const std::string mode : {"update", "append"}) {
    SCOPED_TRACE(mode);
    fs::remove_all(dir_ / "cp");
    fs::remove_all(dir_ / "in");
    fs::create_directories(dir_ / "in");
    addFile("f1.json", at(1, 10, "a"));
    addFile("f2.json", at(3, 10, "a"));  // watermark after it: 00:02:40
    addFile("f3.json", at(0, 5, "late") + at(1, 59, "late2") + at(3, 20, "ok"));
    Engine e;
    e.execute(
        "CREATE TABLE late (row STRING, reason STRING, eventTime TIMESTAMP, watermark "
        "TIMESTAMP, batchId BIGINT, operatorId INT) USING memory");
    e.execute(script(mode, "late"));
    Table t = e.query(
        "SELECT row, reason, CAST(eventTime AS STRING), CAST(watermark AS STRING), "
        "batchId, operatorId FROM late ORDER BY eventTime");
    ASSERT_EQ(t.rows(), 2) << t.show();
    EXPECT_EQ(
        t.getString(0, 0),
        R"({"k":"late","window":{"start":"2024-01-01T00:00:00.000Z","end":"2024-01-01T00:01:00.000Z"}})");
    EXPECT_EQ(
        t.getString(1, 0),
        R"({"k":"late2","window":{"start":"2024-01-01T00:01:00.000Z","end":"2024-01-01T00:02:00.000Z"}})");
    EXPECT_NE(t.getString(0, 1).find("at or before the watermark 2024-01-01T00:02:40.000Z"),
              std::string::npos)
        << t.getString(0, 1);
    EXPECT_EQ(t.getString(0, 2), "2024-01-01 00:01:00");
    EXPECT_EQ(t.getString(0, 3), "2024-01-01 00:02:40");
    EXPECT_EQ(t.getString(0, 4), "2");  // the third batch dropped them
    EXPECT_EQ(t.getString(0, 5), "0");
    // The on-time row of the same batch was counted, not routed.
    Table ok = e.query("SELECT count(*) FROM counts WHERE k = 'ok'");
    EXPECT_EQ(ok.getString(0, 0), mode == "update" ? "1" : "0") << "append emits it later";
  }
}

TEST_F(LateRowsTableTest, RefusesMissingAndKafkaTablesAndMisspelledOption) {
  addFile("f1.json", at(1, 10, "a"));
  Engine e;
  try {
    e.execute(script("update", "nowhere"));
    FAIL() << "accepted a missing late table";
  } catch (const Error& err) {
    EXPECT_NE(err.render().find("lateRowsTable 'nowhere': no such table"), std::string::npos)
        << err.render();
  }
  Engine e2;
  e2.execute(
      "CREATE TABLE k USING kafka OPTIONS ('kafka.bootstrap.servers' 'localhost:1', topic "
      "'x')");
  try {
    e2.execute(script("update", "k"));
    FAIL() << "accepted a kafka late table";
  } catch (const Error& err) {
    EXPECT_NE(err.render().find("a kafka table cannot take late rows"), std::string::npos)
        << err.render();
  }
  std::string bad = script("update", "k");
  bad.replace(bad.find("lateRowsTable"), 13, "lateRowTable");
  try {
    Engine e3;
    e3.execute(bad);
    FAIL() << "accepted a misspelled option";
  } catch (const Error& err) {
    EXPECT_NE(err.render().find("did you mean 'lateRowsTable'"), std::string::npos) << err.render();
  }
}

}  // namespace
}  // namespace sluice
