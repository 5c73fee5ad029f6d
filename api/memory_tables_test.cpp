// Memory tables and onBatch callbacks: batch INSERTs and streaming queries over the
// in-process broker deliver their rows to the host.
#include "api/memory_tables.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

TEST(MemoryTables, QueryRunsInsertsBeforeTheFinalSelect) {
  Engine e;
  Table t = e.query(
      "CREATE TABLE out (k STRING, n INT) USING memory;\n"
      "INSERT INTO out SELECT s, n * 10 FROM VALUES ('a', 1), ('b', 2) AS v(s, n);\n"
      "INSERT INTO out VALUES ('c', 3);\n"
      "SELECT k, n FROM out WHERE n > 5 ORDER BY k");
  ASSERT_EQ(t.rows(), 2);
  EXPECT_EQ(t.getString(0, 0), "a");
  EXPECT_EQ(t.getInt(0, 1), 10);
  EXPECT_EQ(t.getString(1, 0), "b");
  Table all = e.memoryTable("OUT");
  ASSERT_EQ(all.rows(), 3);
  EXPECT_EQ(all.columnName(1), "n");
  EXPECT_EQ(all.getString(2, 0), "c");
  EXPECT_THROW(e.memoryTable("nope"), ExecutionError);
}

TEST(MemoryTables, EmptyTableHasItsColumns) {
  Engine e;
  e.execute("CREATE TABLE m (a BIGINT, b DOUBLE) USING memory");
  Table t = e.memoryTable("m");
  EXPECT_EQ(t.rows(), 0);
  ASSERT_EQ(t.columns(), 2);
  EXPECT_EQ(t.columnType(1), "double");
  EXPECT_EQ(e.query("SELECT count(*) FROM m").getInt(0, 0), 0);
}

TEST(MemoryTables, OnBatchReceivesInsertedRows) {
  Engine e;
  std::vector<std::pair<int64_t, int64_t>> seen;  // (batch id, rows)
  e.onBatch("sink", [&](int64_t id, const Table& rows) { seen.emplace_back(id, rows.rows()); });
  e.execute(
      "CREATE TABLE sink (x INT) USING memory;"
      "INSERT INTO sink VALUES (1), (2), (3)");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, 0);
  EXPECT_EQ(seen[0].second, 3);
}

TEST(MemoryTables, ThrowingCallbackFailsTheStatementAndRecordsNothing) {
  Engine e;
  e.onBatch("sink", [](int64_t, const Table&) { throw std::runtime_error("host says no"); });
  e.execute("CREATE TABLE sink (x INT) USING memory");
  try {
    e.execute("INSERT INTO sink VALUES (1)");
    FAIL() << "expected ExecutionError";
  } catch (const ExecutionError& err) {
    EXPECT_NE(err.message().find("host says no"), std::string::npos) << err.message();
  }
  EXPECT_EQ(e.memoryTable("sink").rows(), 0);
}

TEST(MemoryTables, ConcatKeepsEveryColumnStore) {
  Engine e;
  Table a = e.query("SELECT 1 AS i, 'x' AS s, 1.5D AS d, CAST(NULL AS INT) AS n");
  Table b = e.query("SELECT 2 AS i, 'y' AS s, 2.5D AS d, 7 AS n");
  Table c = concatTables(a, b);
  ASSERT_EQ(c.rows(), 2);
  EXPECT_EQ(c.getInt(1, 0), 2);
  EXPECT_EQ(c.getString(1, 1), "y");
  EXPECT_DOUBLE_EQ(c.getDouble(0, 2), 1.5);
  EXPECT_TRUE(c.isNull(0, 3));
  EXPECT_EQ(c.getInt(1, 3), 7);
}

class MemoryStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    broker_ = std::make_unique<EmbeddedBroker>();
    broker_->createTopic("in", 2);
    dir_ = fs::temp_directory_path() /
           ("sluice-memory-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void produce(const std::vector<std::string>& values) {
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "in"}});
    for (const auto& v : values) w.write("k", v);
    w.flush();
  }

  std::string script(const std::string& mode, const std::string& select) {
    return "CREATE OR REPLACE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           broker_->bootstrapServers() +
           "', subscribe 'in', startingOffsets 'earliest');\n"
           "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
           (dir_ / "cp").string() + "', outputMode '" + mode +
           "', trigger 'availableNow') AS INSERT INTO results " + select + ";\n";
  }

  std::unique_ptr<EmbeddedBroker> broker_;
  fs::path dir_;
};

// A streaming query keeps its compiled kernels next to its checkpoint; a restart finds them
// (the same keys: no new entries) and runs them.
TEST_F(MemoryStreamTest, KernelsAreCachedNextToTheCheckpoint) {
  auto entries = [&] {
    size_t n = 0;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(dir_ / "cp" / "codegen", ec))
      n += f.path().extension() == ".o";
    return n;
  };
  int64_t rows = 0;
  {
    Engine e;
    e.onBatch("results", [&](int64_t, const Table& t) { rows += t.rows(); });
    e.execute("CREATE TABLE results (v STRING) USING memory");
    produce({"a", "b"});
    e.execute(script("append", "SELECT upper(CAST(value AS STRING)) AS v FROM STREAM src"));
  }
  EXPECT_EQ(rows, 2);
  const size_t cached = entries();
  EXPECT_GT(cached, 0u);
  {
    Engine e;
    e.onBatch("results", [&](int64_t, const Table& t) { rows += t.rows(); });
    e.execute("CREATE TABLE results (v STRING) USING memory");
    produce({"c"});
    e.execute(script("append", "SELECT upper(CAST(value AS STRING)) AS v FROM STREAM src"));
    Table t = e.query("SELECT v FROM results");
    ASSERT_EQ(t.rows(), 1);
    EXPECT_EQ(t.getString(0, 0), "C");
  }
  EXPECT_EQ(rows, 3);
  EXPECT_EQ(entries(), cached);
}

TEST_F(MemoryStreamTest, AppendBatchesReachTheHostAndTheTable) {
  Engine e;
  std::vector<int64_t> batches;
  int64_t rows = 0;
  e.onBatch("results", [&](int64_t id, const Table& t) {
    batches.push_back(id);
    rows += t.rows();
  });
  e.execute("CREATE TABLE results (v STRING) USING memory");
  produce({"a", "b", "c"});
  const std::string q = script("append", "SELECT CAST(value AS STRING) AS v FROM STREAM src");
  e.execute(q);
  ASSERT_FALSE(batches.empty());
  EXPECT_EQ(rows, 3);
  produce({"d"});
  e.execute(q);  // restarts from the checkpoint: only the new record
  EXPECT_EQ(rows, 4);
  Table t = e.query("SELECT v FROM results ORDER BY v");
  ASSERT_EQ(t.rows(), 4);
  EXPECT_EQ(t.getString(0, 0), "a");
  EXPECT_EQ(t.getString(3, 0), "d");
  EXPECT_TRUE(std::is_sorted(batches.begin(), batches.end()));
}

TEST_F(MemoryStreamTest, CompleteModeReplacesTheRows) {
  Engine e;
  std::map<std::string, int64_t> last;
  e.onBatch("results", [&](int64_t, const Table& t) {
    last.clear();
    for (int64_t r = 0; r < t.rows(); ++r) last[t.getString(r, 0)] = t.getInt(r, 1);
  });
  e.execute("CREATE TABLE results (v STRING, n BIGINT) USING memory");
  const std::string q = script(
      "complete", "SELECT CAST(value AS STRING) AS v, count(*) AS n FROM STREAM src GROUP BY 1");
  produce({"a", "b", "a"});
  e.execute(q);
  produce({"a", "c"});
  e.execute(q);
  EXPECT_EQ(last, (std::map<std::string, int64_t>{{"a", 3}, {"b", 1}, {"c", 1}}));
  Table t = e.memoryTable("results");
  EXPECT_EQ(t.rows(), 3);  // the last batch's rows only
}

}  // namespace
}  // namespace sluice
