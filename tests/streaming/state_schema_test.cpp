// State schema checks on restart: the checkpoint records each state operator's key and value
// schema (state/<op>/_metadata/schema); a restart whose query would read that state with other
// types, or has other state operators, is refused before any batch runs, naming the operator
// and the change; changes that leave the state alone (a new filter, a new output column
// computed from existing ones) are accepted and continue from the state.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sluice/engine.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class StateSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-sschema-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    fs::create_directories(dir_ / "in2");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void addFile(const std::string& sub, const std::string& name, const std::string& body) {
    std::ofstream(dir_ / ("." + name)) << body;
    fs::rename(dir_ / ("." + name), dir_ / sub / name);
  }

  std::string tables() {
    return "CREATE TABLE src (k INT, v INT, ts TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "');\n" +
           "CREATE TABLE src2 (k2 INT, ts2 TIMESTAMP) USING json OPTIONS (path '" +
           (dir_ / "in2").string() + "');\n" +
           "CREATE TABLE mem (k INT, n BIGINT) USING memory;\n" +
           "CREATE TABLE mem3 (k INT, n BIGINT, twice BIGINT) USING memory;\n";
  }

  std::string query(const std::string& body, const std::string& mode = "complete") {
    return "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', outputMode '" + mode + "', trigger 'availableNow') AS " + body + ";\n";
  }

  // The error of running `sql`, or "" when it ran.
  static std::string errorOf(Engine& e, const std::string& sql) {
    try {
      e.execute(sql);
    } catch (const std::exception& ex) {
      return ex.what();
    }
    return "";
  }

  fs::path dir_;
};

TEST_F(StateSchemaTest, IncompatibleAggregateChangeIsRefusedAndACompatibleOneContinues) {
  addFile("in", "a.json",
          "{\"k\":1,\"v\":5,\"ts\":\"2024-01-01 00:00:00\"}\n"
          "{\"k\":1,\"v\":6,\"ts\":\"2024-01-01 00:00:01\"}\n"
          "{\"k\":2,\"v\":7,\"ts\":\"2024-01-01 00:00:02\"}\n");
  Engine e;
  e.execute(tables());
  e.execute(query("INSERT INTO mem SELECT k, count(*) AS n FROM STREAM src GROUP BY k"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "_metadata" / "schema"));

  // The aggregate changed: refused before any batch, naming operator, change and file.
  addFile("in", "b.json", "{\"k\":1,\"v\":1,\"ts\":\"2024-01-01 00:00:03\"}\n");
  const std::string changed =
      errorOf(e, query("INSERT INTO mem SELECT k, sum(v) AS n FROM STREAM src GROUP BY k"));
  EXPECT_NE(changed.find("state operator 0 (stateStoreSave, key [k int])"), std::string::npos)
      << changed;
  EXPECT_NE(
      changed.find("value column 1 was count(1) count(int): bigint, now sum(v) sum(int): bigint"),
      std::string::npos)
      << changed;
  EXPECT_NE(changed.find("_metadata/schema"), std::string::npos) << changed;
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "commits" / "1")) << "a batch ran";

  // A grouping key added: refused too.
  const std::string key =
      errorOf(e, query("INSERT INTO mem SELECT k, count(*) AS n FROM STREAM src GROUP BY k, v"));
  EXPECT_NE(key.find("new key column v int"), std::string::npos) << key;

  // A new filter and a new output column computed from existing ones: accepted, and the
  // counts continue from the state (k=1: 2 + 1; k=3 filtered out).
  addFile("in", "c.json", "{\"k\":3,\"v\":1,\"ts\":\"2024-01-01 00:00:04\"}\n");
  e.execute(
      query("INSERT INTO mem3 SELECT k, count(*) AS n, count(*) * 2 AS twice FROM STREAM src "
            "WHERE k < 3 GROUP BY k"));
  Table t = e.query("SELECT k, n, twice FROM mem3 ORDER BY k");
  ASSERT_EQ(t.rows(), 2);
  EXPECT_EQ(t.getInt(0, 0), 1);
  EXPECT_EQ(t.getInt(0, 1), 3);
  EXPECT_EQ(t.getInt(0, 2), 6);
  EXPECT_EQ(t.getInt(1, 1), 1);
}

TEST_F(StateSchemaTest, AnotherOperatorLayoutIsRefused) {
  addFile("in", "a.json", "{\"k\":1,\"v\":5,\"ts\":\"2024-01-01 00:00:00\"}\n");
  addFile("in2", "a.json", "{\"k2\":1,\"ts2\":\"2024-01-01 00:00:00\"}\n");
  Engine e;
  e.execute(tables());
  e.execute(
      query("INSERT INTO mem SELECT k, v FROM STREAM src JOIN STREAM src2 ON k = k2", "append"));
  // The join became a deduplication: another operator at id 0.
  const std::string other =
      errorOf(e, query("INSERT INTO mem SELECT DISTINCT k, v FROM STREAM src", "append"));
  EXPECT_NE(other.find("holds the state of a symmetricHashJoin Inner, the query now has a dedupe"),
            std::string::npos)
      << other;
  // A stateless query on the same checkpoint: the join's state would be orphaned.
  const std::string gone =
      errorOf(e, query("INSERT INTO mem SELECT k, v FROM STREAM src", "append"));
  EXPECT_NE(gone.find("it no longer has state operator 0 (symmetricHashJoin Inner"),
            std::string::npos)
      << gone;
}

TEST_F(StateSchemaTest, AStatefulOperatorAddedToARunningQueryIsRefused) {
  addFile("in", "a.json", "{\"k\":1,\"v\":5,\"ts\":\"2024-01-01 00:00:00\"}\n");
  Engine e;
  e.execute(tables());
  e.execute(query("INSERT INTO mem SELECT k, CAST(v AS BIGINT) AS n FROM STREAM src", "append"));
  const std::string added = errorOf(
      e,
      query("INSERT INTO mem SELECT DISTINCT k, CAST(v AS BIGINT) AS n FROM STREAM src", "append"));
  EXPECT_NE(added.find("it has a new state operator 0 (dedupe"), std::string::npos) << added;
}

}  // namespace
}  // namespace sluice
