// Registers one GoogleTest per tests/sql/**/*.test file (`Slt.binder_names` for
// tests/sql/binder/names.test) and checks the runner itself on inline scripts.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "tests/sql/slt_runner.h"

namespace sluice::slt {
namespace {

const std::string kSqlDir = std::string(SLUICE_SOURCE_DIR) + "/tests/sql";

void report(const std::string& name, const std::vector<Failure>& failures) {
  const std::string path = std::string(SLUICE_SOURCE_DIR) + "/" + name;
  for (const auto& f : failures) ADD_FAILURE_AT(path.c_str(), f.line) << f.message;
}

class SltFileTest : public ::testing::Test {
 public:
  explicit SltFileTest(std::string relative) : relative_(std::move(relative)) {}
  void TestBody() override {
    const std::string name = "tests/sql/" + relative_;
    report(name, runFile(kSqlDir + "/" + relative_, name));
  }

 private:
  std::string relative_;
};

// `binder/names.test` -> `binder_names`.
std::string testName(const std::string& relative) {
  std::string n = relative.substr(0, relative.size() - std::string(".test").size());
  for (auto& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

[[maybe_unused]] const bool kRegistered = [] {
  const auto files = discoverTestFiles(kSqlDir);
  for (const auto& f : files) {
    ::testing::RegisterTest("Slt", testName(f).c_str(), nullptr, f.c_str(), __FILE__, __LINE__,
                            [f]() -> ::testing::Test* { return new SltFileTest(f); });
  }
  if (files.empty()) {
    ::testing::RegisterTest("Slt", "NoTestFiles", nullptr, nullptr, __FILE__, __LINE__,
                            []() -> ::testing::Test* { return new SltFileTest("missing.test"); });
  }
  return true;
}();

// ---- the runner itself

std::vector<Failure> run(const std::string& text) {
  return runScript("inline.test", text);
}

std::string messages(const std::vector<Failure>& fs) {
  std::string out;
  for (const auto& f : fs) out += std::to_string(f.line) + ": " + f.message + "\n";
  return out;
}

TEST(SltRunner, RecordsShareOneEngine) {
  const auto fs =
      run("# a comment\n"
          "statement ok\n"
          "CREATE TABLE t (a INT, b STRING)\n"
          "USING memory\n"
          "\n"
          "statement error cannot resolve\n"
          "SELECT\n"
          "  c FROM t\n"
          "\n"
          "explain\n"
          "SELECT a + 1 AS b FROM t WHERE a > 1 + 1\n"
          "----\n"
          "Project [(a#1 + 1) AS b#\n"
          "Filter (a# > 2)\n"
          "Relation t[memory]\n"
          "\n"
          "halt\n"
          "\n"
          "this is not a record\n");
  EXPECT_TRUE(fs.empty()) << messages(fs);
}

TEST(SltRunner, ErrorLocationMustPointIntoTheRecord) {
  // The error is at line 3 col 3 of inline.test; the runner checks the rendered location.
  const auto ok = run("statement error cannot resolve\nSELECT\n  nope\n");
  EXPECT_TRUE(ok.empty()) << messages(ok);
  // An error in a view points at the view's definition, an earlier record.
  const auto view =
      run("statement ok\n"
          "CREATE TABLE t (a INT) USING memory\n"
          "\n"
          "statement ok\n"
          "CREATE VIEW v AS SELECT a FROM t\n"
          "\n"
          "statement ok\n"
          "CREATE OR REPLACE TABLE t (b INT) USING memory\n"
          "\n"
          "statement error in view 'v': cannot resolve column 'a'\n"
          "SELECT * FROM v\n");
  EXPECT_TRUE(view.empty()) << messages(view);
}

TEST(SltRunner, ReportsWrongOutcomes) {
  const auto fs =
      run("statement ok\n"
          "SELECT nope\n"
          "\n"
          "statement error something else\n"
          "SELECT nope\n"
          "\n"
          "statement error cannot\n"
          "SELECT 1\n"
          "\n"
          "explain\n"
          "SELECT 1 AS one\n"
          "----\n"
          "Filter\n");
  ASSERT_EQ(fs.size(), 4u) << messages(fs);
  EXPECT_EQ(fs[0].line, 1);
  EXPECT_NE(fs[0].message.find("inline.test:2:8: error:"), std::string::npos) << fs[0].message;
  EXPECT_EQ(fs[1].line, 4);
  EXPECT_NE(fs[1].message.find("does not contain `something else`"), std::string::npos);
  EXPECT_EQ(fs[2].line, 7);
  EXPECT_NE(fs[2].message.find("statement succeeded"), std::string::npos);
  EXPECT_EQ(fs[3].line, 10);
  EXPECT_NE(fs[3].message.find("the plan has no `Filter`;"), std::string::npos);
}

TEST(SltRunner, ExplainLinesMatchInOrder) {
  const auto fs =
      run("statement ok\n"
          "CREATE TABLE t (a INT) USING memory\n"
          "\n"
          "explain\n"
          "SELECT a + 1 AS b FROM t WHERE a > 2\n"
          "----\n"
          "Filter\n"
          "Project\n");
  ASSERT_EQ(fs.size(), 1u) << messages(fs);
  EXPECT_NE(fs[0].message.find("after the part matched before it"), std::string::npos)
      << fs[0].message;
}

TEST(SltRunner, QueryRecordsCheckRowsTypesAndOrder) {
  // Passing records: exact rows, NULLs, rowsort.
  EXPECT_TRUE(run("query IT\n"
                  "SELECT a, b FROM VALUES (2, 'x'), (NULL, 'y') AS t(a, b)\n"
                  "----\n"
                  "2\tx\n"
                  "NULL\ty\n"
                  "\n"
                  "query I rowsort\n"
                  "SELECT a FROM VALUES (3), (1), (2) AS t(a)\n"
                  "----\n"
                  "1\n"
                  "2\n"
                  "3\n")
                  .empty());
  // Failing records: wrong value, wrong type letter, wrong column count, unordered rows.
  const auto fs =
      run("query I\n"
          "SELECT 1\n"
          "----\n"
          "2\n"
          "\n"
          "query T\n"
          "SELECT 1\n"
          "----\n"
          "1\n"
          "\n"
          "query II\n"
          "SELECT 1\n"
          "----\n"
          "1\n"
          "\n"
          "query I\n"
          "SELECT a FROM VALUES (3), (1) AS t(a)\n"
          "----\n"
          "1\n"
          "3\n");
  ASSERT_EQ(fs.size(), 4u) << messages(fs);
  EXPECT_NE(fs[0].message.find("result differs"), std::string::npos) << fs[0].message;
  EXPECT_NE(fs[1].message.find("declares T"), std::string::npos) << fs[1].message;
  EXPECT_NE(fs[2].message.find("columns"), std::string::npos) << fs[2].message;
  EXPECT_NE(fs[3].message.find("result differs"), std::string::npos) << fs[3].message;
}

TEST(SltRunner, RefusesUnknownRecords) {
  const auto fs =
      run("query X\n"
          "SELECT 1\n"
          "----\n"
          "1\n"
          "\n"
          "statement maybe\n"
          "SELECT 1\n"
          "\n"
          "statement error\n"
          "SELECT 1\n"
          "\n"
          "explain\n"
          "SELECT 1\n");
  ASSERT_EQ(fs.size(), 4u) << messages(fs);
  EXPECT_NE(fs[0].message.find("needs column types"), std::string::npos) << fs[0].message;
  EXPECT_EQ(fs[1].line, 6);
  EXPECT_EQ(fs[2].line, 9);
  EXPECT_EQ(fs[3].line, 12);
}

TEST(SltRunner, EmptyFileFails) {
  EXPECT_EQ(run("# nothing\n\n").size(), 1u);
}

}  // namespace
}  // namespace sluice::slt
