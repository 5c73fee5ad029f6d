#include "planner/session/introspection.h"

#include <gtest/gtest.h>

#include "frontend/parser.h"
#include "planner/logical/all.h"
#include "planner/session/statement_planner.h"

namespace sluice {
namespace {

// The rows of the last statement of `sql` (an introspection statement: a VALUES scan), each
// row's values joined by '|'.
class IntrospectionTest : public ::testing::Test {
 protected:
  Catalog catalog;
  std::vector<ast::Script> scripts;

  std::vector<std::string> rows(const std::string& sql) {
    auto file = std::make_shared<SourceFile>();
    file->name = "test.sql";
    file->text = sql;
    scripts.push_back(parseScript(file));
    StatementPlanner planner(catalog);
    PlannedStatement last;
    for (const auto& s : scripts.back().statements) last = planner.plan(*s, file);
    const auto* scan = as<Scan>(last.query->analyzed);
    EXPECT_NE(scan, nullptr);
    std::vector<std::string> out;
    if (!scan) return out;
    for (const auto& r : scan->rows) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i)
        line += (i ? "|" : "") +
                (r[i]->value.isNull() ? std::string("NULL") : r[i]->value.toString(*r[i]->type));
      out.push_back(line);
    }
    return out;
  }
};

TEST_F(IntrospectionTest, DescribePartitionedTableListsPartitionColumnsAsSpark) {
  const auto r = rows(
      "CREATE TABLE p (a INT COMMENT 'the a', d DATE, k STRING) USING parquet PARTITIONED BY (k) "
      "OPTIONS (path '/tmp/sluice-introspection-p', compression 'zstd');"
      "DESCRIBE p");
  const std::vector<std::string> expected = {
      "a|int|the a",
      "d|date|NULL",
      "k|string|NULL",
      "# Partition Information||",
      "# col_name|data_type|comment",
      "k|string|NULL",
  };
  EXPECT_EQ(r, expected);
}

TEST_F(IntrospectionTest, DescribeExtendedAddsTheDetailedTableInformation) {
  const auto r = rows(
      "CREATE TABLE p (a INT, k STRING) USING json PARTITIONED BY (k) "
      "OPTIONS (path '/tmp/sluice-introspection-q');"
      "DESCRIBE TABLE EXTENDED p");
  const std::vector<std::string> expected = {
      "a|int|NULL",
      "k|string|NULL",
      "# Partition Information||",
      "# col_name|data_type|comment",
      "k|string|NULL",
      "||",
      "# Detailed Table Information||",
      "Catalog|spark_catalog|",
      "Database|default|",
      "Table|p|",
      "Type|EXTERNAL|",
      "Provider|json|",
      "Location|/tmp/sluice-introspection-q|",
      "Partition Provider|Catalog|",
      "Partition Columns|[k]|",
  };
  EXPECT_EQ(r, expected);
}

TEST_F(IntrospectionTest, ShowCreateTableReparses) {
  const auto r = rows(
      "CREATE TABLE `odd name` (`a b` INT NOT NULL, m MAP<STRING, ARRAY<INT>>) USING json "
      "PARTITIONED BY (m) OPTIONS (path '/tmp/it\\'s');"
      "SHOW CREATE TABLE `odd name`");
  ASSERT_EQ(r.size(), 1u);
  // The statement is one that creates the same table again.
  Catalog again;
  auto file = std::make_shared<SourceFile>();
  file->name = "again.sql";
  file->text = r[0];
  scripts.push_back(parseScript(file));
  StatementPlanner planner(again);
  planner.plan(*scripts.back().statements[0], file);
  const TableEntry* t = again.table("odd name");
  ASSERT_NE(t, nullptr) << r[0];
  EXPECT_EQ(t->schema->toString(), catalog.table("odd name")->schema->toString());
  EXPECT_EQ(t->partitionBy, catalog.table("odd name")->partitionBy);
  EXPECT_EQ(t->options, catalog.table("odd name")->options);
}

TEST_F(IntrospectionTest, ShowPatternsAreSparksFilterPattern) {
  EXPECT_TRUE(matchesShowPattern("people", "p*"));
  EXPECT_TRUE(matchesShowPattern("people", "P*"));
  EXPECT_TRUE(matchesShowPattern("people", "x*|peo*"));
  EXPECT_FALSE(matchesShowPattern("people", "eop"));
  EXPECT_TRUE(matchesShowPattern("people", "peopl."));
  EXPECT_FALSE(matchesShowPattern("people", "(unbalanced"));
}

}  // namespace
}  // namespace sluice
