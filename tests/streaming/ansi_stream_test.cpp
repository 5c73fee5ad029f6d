// spark.sql.ansi.enabled in a streaming query: a run-time ANSI error in a batch stops the
// query with the error and the batch is not committed (its offsets are logged, so a restart
// after fixing the query or the data runs it again); the mode is the one of the CREATE.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sluice/engine.h"
#include "sluice/error.h"

namespace sluice {
namespace {
namespace fs = std::filesystem;

class AnsiStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sluice-ansistream-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    std::ofstream(dir_ / "in" / "a.json") << "{\"id\":1}\n{\"id\":2147483647}\n{\"id\":3}\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string script(const std::string& ansi, const std::string& checkpoint) {
    return "SET spark.sql.ansi.enabled = " + ansi +
           ";\nCREATE TABLE src (id INT) USING json OPTIONS (path '" + (dir_ / "in").string() +
           "');\nCREATE TABLE out USING json OPTIONS (path '" + (dir_ / checkpoint).string() +
           "-out');\nCREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
           (dir_ / checkpoint).string() +
           "', trigger 'availableNow') AS INSERT INTO out SELECT id + 1 AS n FROM STREAM src;\n";
  }

  fs::path dir_;
};

TEST_F(AnsiStreamTest, AnOverflowStopsTheQueryWithoutCommittingTheBatch) {
  Engine e;
  try {
    e.execute(script("true", "cp"));
    ADD_FAILURE() << "the query did not fail";
  } catch (const Error& err) {
    EXPECT_NE(err.message().find("[ARITHMETIC_OVERFLOW] integer overflow"), std::string::npos)
        << err.message();
  }
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "offsets" / "0"));
  EXPECT_FALSE(fs::exists(dir_ / "cp" / "commits" / "0"));
}

TEST_F(AnsiStreamTest, LegacyModeWrapsAndCommits) {
  Engine e;
  e.execute(script("false", "cp"));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "commits" / "0"));
  Engine reader;
  reader.execute("CREATE TABLE o (n INT) USING json OPTIONS (path '" + (dir_ / "cp").string() +
                 "-out')");
  Table t = reader.query("SELECT n FROM o ORDER BY n");
  ASSERT_EQ(t.rows(), 3);
  EXPECT_EQ(t.getString(0, 0), "-2147483648");
  EXPECT_EQ(t.getString(1, 0), "2");
  EXPECT_EQ(t.getString(2, 0), "4");
}

}  // namespace
}  // namespace sluice
