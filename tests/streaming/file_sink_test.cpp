// File sinks end to end: batch INSERT INTO and streaming queries into csv / json / parquet
// tables, read back by sluice; partition directories; Spark's _spark_metadata log, its
// compaction, and replays after a crash at each step of the commit protocol.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "planner/logical/scan.h"
#include "runtime/files/file_reader.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class FileSinkTest : public BrokerTestFixture {
 protected:
  FileSinkTest() : BrokerTestFixture({{"in", 2}}, "sluice-filesink-") {}

  // Every row of `sql` as tab-separated lines, sorted.
  std::vector<std::string> rows(Engine& e, const std::string& sql) {
    Table t = e.query(sql);
    std::vector<std::string> out;
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string line;
      for (int c = 0; c < t.columns(); ++c)
        line += (c ? "\t" : "") + (t.isNull(r, c) ? std::string("NULL") : t.getString(r, c));
      out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // Data files under `dir` (relative paths, sorted): names starting with `part-`.
  std::vector<std::string> dataFiles(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().filename().string().rfind("part-", 0) == 0)
        out.push_back(fs::relative(e.path(), dir).string());
    std::sort(out.begin(), out.end());
    return out;
  }

  void produce(int from, int to) {
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "in"}});
    for (int i = from; i < to; ++i)
      w.write("k" + std::to_string(i),
              "{\"id\":" + std::to_string(i) + ",\"g\":\"g" + std::to_string(i % 2) + "\"}");
    w.flush();
  }

  // A streaming query archiving topic `in` as `format` files partitioned by g, in batches of
  // at most `perBatch` records.
  std::string archive(const std::string& format, int perBatch) {
    return "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           broker_->bootstrapServers() +
           "', subscribe 'in', startingOffsets 'earliest', maxOffsetsPerTrigger '" +
           std::to_string(perBatch) + "');\nCREATE TABLE arch USING " + format +
           " PARTITIONED BY (g) OPTIONS (path '" + (dir_ / "arch").string() +
           "');\nCREATE STREAMING QUERY a OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', trigger 'availableNow') AS INSERT INTO arch SELECT j.* FROM (SELECT "
           "from_json(CAST(value AS STRING), 'id INT, g STRING') AS j FROM STREAM src);\n";
  }

  std::string countArchive(const std::string& format) {
    Engine e;
    e.execute("CREATE TABLE arch USING " + format + " OPTIONS (path '" + (dir_ / "arch").string() +
              "')");
    auto r = rows(e, "SELECT count(*), count(DISTINCT id), count(DISTINCT g) FROM arch");
    return r.at(0);
  }
};

TEST_F(FileSinkTest, BatchInsertRoundTripsEveryFormat) {
  for (const std::string format : {"csv", "json", "parquet"}) {
    SCOPED_TRACE(format);
    Engine e;
    const fs::path path = dir_ / format;
    e.execute(
        "CREATE TABLE t (i INT, s STRING, d DOUBLE, b BOOLEAN, day DATE, ts TIMESTAMP, "
        "dec DECIMAL(10,2)) USING " +
        format + " OPTIONS (path '" + path.string() + "', header 'true'" +
        (format == "csv" ? ", multiLine 'true'" : "") + ")");
    e.execute(
        "INSERT INTO t VALUES (1, 'plain', 1.5, true, DATE '2020-02-29', "
        "TIMESTAMP '2020-01-01 10:00:00.123', 12.34), (2, 'a \"quoted\", comma', -0.25, false, "
        "NULL, NULL, NULL), (3, NULL, NULL, NULL, DATE '1969-12-31', "
        "TIMESTAMP '1969-12-31 23:59:59', -1.00)");
    // A second INSERT appends files: it never replaces the first one's.
    e.execute("INSERT INTO t VALUES (4, 'line\nbreak', 0.0, true, NULL, NULL, 0.00)");
    EXPECT_EQ(dataFiles(path).size(), 2u);
    EXPECT_EQ(
        rows(e, "SELECT * FROM t"),
        (std::vector<std::string>{"1\tplain\t1.5\ttrue\t2020-02-29\t2020-01-01 10:00:00.123\t12.34",
                                  "2\ta \"quoted\", comma\t-0.25\tfalse\tNULL\tNULL\tNULL",
                                  "3\tNULL\tNULL\tNULL\t1969-12-31\t1969-12-31 23:59:59\t-1.00",
                                  "4\tline\nbreak\t0.0\ttrue\tNULL\tNULL\t0.00"}));
  }
}

TEST_F(FileSinkTest, NestedValuesRoundTripThroughJsonAndParquet) {
  for (const std::string format : {"json", "parquet"}) {
    SCOPED_TRACE(format);
    Engine e;
    e.execute(
        "CREATE TABLE t (id INT, zones ARRAY<STRUCT<name: STRING, id: STRING>>, "
        "m MAP<STRING, INT>, ev STRUCT<person: BOOLEAN, ids: ARRAY<STRING>>) USING " +
        format + " OPTIONS (path '" + (dir_ / format).string() + "')");
    e.execute(
        "INSERT INTO t SELECT 1, array(named_struct('name', 'door', 'id', 'z1'), NULL), "
        "map('a', 1, 'b', NULL), named_struct('person', true, 'ids', array('x', NULL)) "
        "UNION ALL SELECT 2, array(), map(), named_struct('person', NULL, 'ids', NULL) "
        "UNION ALL SELECT 3, NULL, NULL, NULL");
    EXPECT_EQ(
        rows(e, "SELECT id, zones, m, ev FROM t"),
        (std::vector<std::string>{"1\t[{door, z1}, NULL]\t{a -> 1, b -> NULL}\t{true, [x, NULL]}",
                                  "2\t[]\t{}\t{NULL, NULL}", "3\tNULL\tNULL\tNULL"}));
  }
}

TEST_F(FileSinkTest, PartitionedInsertWritesHiveDirectoriesAndReadsThemBack) {
  Engine e;
  const fs::path path = dir_ / "p";
  e.execute(
      "CREATE TABLE t (id INT, g STRING, n INT) USING json PARTITIONED BY (g) "
      "OPTIONS (path '" +
      path.string() + "')");
  // Spark moves partition columns to the end of the schema.
  EXPECT_EQ(rows(e, "SELECT * FROM t WHERE false").size(), 0u);
  e.execute("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'x/y=z'), (3, 30, NULL), (4, 40, 'a')");
  auto files = dataFiles(path);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].substr(0, 30), "g=__HIVE_DEFAULT_PARTITION__/p");
  EXPECT_EQ(files[1].substr(0, 4), "g=a/");
  EXPECT_EQ(files[2].substr(0, 12), "g=x%2Fy%3Dz/");
  // The partition value is not stored in the files.
  std::ifstream in(path / files[1]);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "{\"id\":1,\"n\":10}");
  EXPECT_EQ(rows(e, "SELECT id, n, g FROM t"),
            (std::vector<std::string>{"1\t10\ta", "2\t20\tx/y=z", "3\t30\tNULL", "4\t40\ta"}));
  // A table declared without columns discovers the partition column and its type.
  e.execute("CREATE TABLE t2 USING json OPTIONS (path '" + path.string() + "')");
  EXPECT_EQ(rows(e, "SELECT g, sum(n) FROM t2 GROUP BY g"),
            (std::vector<std::string>{"NULL\t30", "a\t50", "x/y=z\t20"}));
}

TEST_F(FileSinkTest, StreamingArchiveWritesSparksLogAndCompactsIt) {
  produce(0, 24);
  {
    Engine e;
    e.execute(archive("parquet", 2));  // 12 batches: 0 .. 11
  }
  const fs::path log = dir_ / "arch" / "_spark_metadata";
  EXPECT_TRUE(fs::exists(log / "0"));
  EXPECT_TRUE(fs::exists(log / "9.compact"));  // Spark's compactInterval of 10
  EXPECT_FALSE(fs::exists(log / "9"));
  EXPECT_TRUE(fs::exists(log / "11"));
  std::ifstream in(log / "0");
  std::string version, entry;
  std::getline(in, version);
  std::getline(in, entry);
  EXPECT_EQ(version, "v1");
  EXPECT_NE(entry.find("\"path\":\"file:" + (dir_ / "arch").string() + "/g=g"), std::string::npos)
      << entry;
  EXPECT_NE(entry.find("\"action\":\"add\""), std::string::npos) << entry;
  EXPECT_EQ(countArchive("parquet"), "24\t24\t2");
}

TEST_F(FileSinkTest, ReplayedBatchesNeverDuplicateRows) {
  produce(0, 8);
  {
    Engine e;
    e.execute(archive("json", 4));  // batches 0 and 1
  }
  EXPECT_EQ(countArchive("json"), "8\t8\t2");
  // Crash after the sink logged batch 1 but before the checkpoint committed it: the replay
  // finds it in the log and skips it (Spark's FileStreamSink).
  fs::remove(dir_ / "cp" / "commits" / "1");
  produce(8, 12);
  {
    Engine e;
    e.execute(archive("json", 4));
  }
  EXPECT_EQ(countArchive("json"), "12\t12\t2");
  // Crash before the sink logged batch 2: its files were renamed by an older protocol step or
  // half written. Visible files of the unlogged batch and temp files are removed and the
  // batch is rewritten under the same names.
  fs::remove(dir_ / "cp" / "commits" / "2");
  fs::remove(dir_ / "arch" / "_spark_metadata" / "2");
  std::ofstream(dir_ / "arch" / "g=g0" / ".part-00002-00000.c001.json.tmp") << "{\"id\":";
  const auto before = dataFiles(dir_ / "arch");
  {
    Engine e;
    e.execute(archive("json", 4));
  }
  EXPECT_EQ(dataFiles(dir_ / "arch"), before);
  EXPECT_FALSE(fs::exists(dir_ / "arch" / "g=g0" / ".part-00002-00000.c001.json.tmp"));
  EXPECT_EQ(countArchive("json"), "12\t12\t2");
}

TEST_F(FileSinkTest, CommittedTempFilesAreRolledForward) {
  produce(0, 4);
  {
    Engine e;
    e.execute(archive("csv", 4));  // batch 0
  }
  // Crash between the log entry and the renames: the committed batch's files are still temp
  // files. The restart renames them into view; the batch is not rerun (its log entry exists).
  for (const auto& f : dataFiles(dir_ / "arch")) {
    const fs::path p = dir_ / "arch" / f;
    fs::rename(p, p.parent_path() / ("." + p.filename().string() + ".tmp"));
  }
  fs::remove(dir_ / "cp" / "commits" / "0");
  {
    Engine e;
    e.execute(archive("csv", 4));
  }
  EXPECT_EQ(dataFiles(dir_ / "arch").size(), 2u);
  Engine e;
  e.execute("CREATE TABLE arch (id INT, g STRING) USING csv OPTIONS (path '" +
            (dir_ / "arch").string() + "')");
  EXPECT_EQ(rows(e, "SELECT count(*), count(DISTINCT id) FROM arch"),
            (std::vector<std::string>{"4\t4"}));
}

TEST_F(FileSinkTest, ParquetRowGroupsAreSkippedByPushedFilters) {
  Engine e;
  const fs::path path = dir_ / "rg";
  // A tiny row group size: every row group holds a few rows, with its own min / max.
  e.execute("CREATE TABLE t (id INT, s STRING) USING parquet OPTIONS (path '" + path.string() +
            "', 'parquet.block.size' '1')");
  std::string values;
  for (int i = 0; i < 100; ++i)
    values += (i ? ", (" : "(") + std::to_string(i) + ", 's" + std::to_string(i) + "')";
  e.execute("INSERT INTO t VALUES " + values);
  const std::string plan =
      e.explain("SELECT s FROM t WHERE id >= 95 AND s IS NOT NULL", ExplainLevel::Simple);
  EXPECT_NE(plan.find("PushedFilters: [GreaterThanOrEqual(id,95), IsNotNull(s)]"),
            std::string::npos)
      << plan;
  EXPECT_EQ(rows(e, "SELECT count(*), min(id) FROM t WHERE id >= 95"),
            (std::vector<std::string>{"5\t95"}));
  // The scan alone (what the reader returns before the Filter) skips the other row groups.
  Scan scan(SourceKind::File, "t", "parquet",
            {{"path", path.string()},
             {"sluice.resolved.path", path.string()},
             {"sluice.table.schema", "id INT, s STRING"}},
            {Attribute{newExprId(), "id", DataType::integer(), true, "t"}}, false);
  EXPECT_EQ(readFileTable(scan).rows(), 100);
  scan.pushedFilters.push_back({"id", ">=", Value::integer(95), DataType::integer()});
  EXPECT_LT(readFileTable(scan).rows(), 50);
}

TEST_F(FileSinkTest, BadSinkOptionsAndTypesAreRefusedAtAnalysis) {
  Engine e;
  auto error = [&](const std::string& sql) {
    try {
      e.execute(sql);
    } catch (const Error& err) {
      return std::string(err.what());
    }
    return std::string("<no error>");
  };
  EXPECT_NE(error("CREATE TABLE c USING csv OPTIONS (path '" + (dir_ / "c").string() +
                  "', compression 'lz4')")
                .find("csv option compression: unknown codec 'lz4'"),
            std::string::npos);
  // gzip is written and read back (by file extension).
  e.execute("CREATE TABLE z (a INT) USING json OPTIONS (path '" + (dir_ / "z").string() +
            "', compression 'gzip')");
  e.execute("INSERT INTO z VALUES (7), (8)");
  EXPECT_EQ(dataFiles(dir_ / "z").at(0).substr(dataFiles(dir_ / "z").at(0).size() - 8), ".json.gz");
  EXPECT_EQ(rows(e, "SELECT sum(a) FROM z"), (std::vector<std::string>{"15"}));
  e.execute("CREATE TABLE c2 USING csv OPTIONS (path '" + (dir_ / "c2").string() + "')");
  EXPECT_NE(error("INSERT INTO c2 SELECT named_struct('a', 1) AS s")
                .find("CSV data source does not support struct<a:int> data type"),
            std::string::npos);
  e.execute("CREATE TABLE p USING parquet PARTITIONED BY (nope) OPTIONS (path '" +
            (dir_ / "p").string() + "')");
  EXPECT_NE(error("INSERT INTO p SELECT 1 AS a").find("partition column 'nope'"),
            std::string::npos);
  EXPECT_NE(error("CREATE TABLE k USING console PARTITIONED BY (a)")
                .find("PARTITIONED BY applies to file tables"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice
