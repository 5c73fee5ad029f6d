// The streaming file source: a directory of files as a stream (Spark's FileStreamSource),
// files picked up while the query runs, maxFilesPerTrigger / latestFirst, its log in
// sources/<i>/, restarts that never take a file twice, and a file sink's output as input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "runtime/files/file_reader.h"
#include "sluice/engine.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FileStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-filestream-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A JSON-lines file of ids [from, to) appearing whole in in/ (written aside, then moved).
  void addFile(const std::string& name, int from, int to) {
    const fs::path tmp = dir_ / ("." + name);
    {
      std::ofstream out(tmp);
      for (int i = from; i < to; ++i) out << "{\"id\":" << i << ",\"s\":\"x" << i << "\"}\n";
    }
    fs::rename(tmp, dir_ / "in" / name);
  }

  std::string script(const std::string& trigger, const std::string& extra = "") {
    return "CREATE TABLE src (id INT, s STRING) USING json OPTIONS (path '" +
           (dir_ / "in").string() + "'" + extra +
           ");\nCREATE TABLE out USING parquet OPTIONS (path '" + (dir_ / "out").string() +
           "');\nCREATE STREAMING QUERY q OPTIONS (checkpointLocation '" + (dir_ / "cp").string() +
           "', trigger '" + trigger + "') AS INSERT INTO out SELECT id, s FROM STREAM src;\n";
  }

  // count(*), count(DISTINCT id) of the output ("0\t0" before any file exists).
  std::string counts() {
    if (!fs::exists(dir_ / "out" / "_spark_metadata")) return "0\t0";
    Engine e;
    e.execute("CREATE TABLE o (id INT, s STRING) USING parquet OPTIONS (path '" +
              (dir_ / "out").string() + "')");
    Table t = e.query("SELECT count(*), count(DISTINCT id) FROM o");
    return t.getString(0, 0) + "\t" + t.getString(0, 1);
  }

  size_t logged(const char* sub) {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir_ / "cp" / sub))
      n += e.path().filename().string()[0] != '.';
    return n;
  }

  fs::path dir_;
};

TEST_F(FileStreamTest, PicksUpFilesAddedWhileTheQueryRuns) {
  addFile("a.json", 0, 10);
  Engine e;
  std::thread runner([&] { e.execute(script("100 milliseconds")); });
  auto waitFor = [&](const std::string& want) {
    for (int i = 0; i < 200 && counts() != want; ++i) std::this_thread::sleep_for(50ms);
    return counts();
  };
  EXPECT_EQ(waitFor("10\t10"), "10\t10");
  addFile("b.json", 10, 25);
  EXPECT_EQ(waitFor("25\t25"), "25\t25");
  addFile("c.json", 25, 30);
  addFile("d.json", 30, 40);
  EXPECT_EQ(waitFor("40\t40"), "40\t40");
  e.requestStop();
  runner.join();
  // The source's own log (Spark's layout): one entry per file, none taken twice.
  std::ifstream first(dir_ / "cp" / "sources" / "0" / "0");
  std::string version, entry;
  std::getline(first, version);
  std::getline(first, entry);
  EXPECT_EQ(version, "v1");
  EXPECT_NE(entry.find("\"path\":\"file://" + (dir_ / "in" / "a.json").string() + "\""),
            std::string::npos)
      << entry;
  // A restart takes only files it has not seen.
  addFile("e.json", 40, 41);
  Engine again;
  again.execute(script("availableNow"));
  EXPECT_EQ(counts(), "41\t41");
}

TEST_F(FileStreamTest, MaxFilesPerTriggerSplitsBatchesAndAvailableNowTakesAll) {
  for (int f = 0; f < 5; ++f) addFile("f" + std::to_string(f) + ".json", f * 10, f * 10 + 10);
  Engine e;
  e.execute(script("availableNow", ", maxFilesPerTrigger '2'"));
  EXPECT_EQ(counts(), "50\t50");
  EXPECT_EQ(logged("commits"), 3u);  // 2 + 2 + 1 files
  EXPECT_EQ(logged("sources/0"), 3u);
}

TEST_F(FileStreamTest, ReplayedBatchReadsTheSameFiles) {
  addFile("a.json", 0, 5);
  {
    Engine e;
    e.execute(script("availableNow"));
  }
  // Crash before the commit: the batch is replayed with the files its log entry names, even
  // though another file arrived meanwhile (it goes to the next batch), and the sink skips what
  // it already wrote.
  fs::remove(dir_ / "cp" / "commits" / "0");
  addFile("b.json", 5, 8);
  {
    Engine e;
    e.execute(script("availableNow"));
  }
  EXPECT_EQ(counts(), "8\t8");
  EXPECT_EQ(logged("sources/0"), 2u);
}

TEST_F(FileStreamTest, StreamJoinsAParquetDimensionTable) {
  Engine e;
  // The static side: a Parquet table written by a batch INSERT.
  e.execute("CREATE TABLE dim (id INT, name STRING) USING parquet OPTIONS (path '" +
            (dir_ / "dim").string() + "')");
  e.execute("INSERT INTO dim VALUES (1, 'one'), (2, 'two'), (3, 'three')");
  addFile("a.json", 0, 3);
  addFile("b.json", 3, 5);
  e.execute("CREATE TABLE src (id INT, s STRING) USING json OPTIONS (path '" +
            (dir_ / "in").string() + "');\nCREATE TABLE joined USING json OPTIONS (path '" +
            (dir_ / "joined").string() +
            "');\nCREATE STREAMING QUERY j OPTIONS (checkpointLocation '" +
            (dir_ / "cpj").string() +
            "', trigger 'availableNow') AS INSERT INTO joined SELECT src.id, dim.name FROM "
            "STREAM src JOIN dim ON src.id = dim.id");
  Table t = e.query("SELECT id, name FROM joined ORDER BY id");
  ASSERT_EQ(t.rows(), 3);
  EXPECT_EQ(t.getString(0, 1), "one");
  EXPECT_EQ(t.getString(2, 1), "three");
}

TEST_F(FileStreamTest, JsonFilesStreamThroughTheKernelsInPieces) {
  // Pieces of 4 kB read on 3 threads: each batch of the stream reaches the kernels as many
  // chunks, in order, every row once.
  struct Reset {
    ~Reset() { setFileReadParallelism({}); }
  } reset;
  setFileReadParallelism({3, 1, 4096});
  addFile("a.json", 0, 3000);
  addFile("b.json", 3000, 5000);
  Engine e;
  e.execute(script("availableNow", ", maxFilesPerTrigger '1'"));
  EXPECT_EQ(counts(), "5000\t5000");
  EXPECT_EQ(logged("commits"), 2u);
}

TEST_F(FileStreamTest, BadStreamOptionsAreRefusedAtAnalysis) {
  Engine e;
  try {
    e.execute(script("availableNow", ", maxFilesPerTrigger '0'"));
    FAIL() << "accepted maxFilesPerTrigger 0";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("maxFilesPerTrigger"), std::string::npos) << err.what();
  }
}

}  // namespace
}  // namespace sluice
