#include "planner/sources/jdbc/jdbc_table.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "frontend/parser.h"
#include "planner/logical/all.h"
#include "planner/session/statement_planner.h"

namespace sluice {
namespace {

// Stands in for the server (the runtime installs the real reader): a table of three
// columns, and what the planner asked for.
std::string lastRelation;
TypePtr fakeServer(const JdbcOptions& o) {
  lastRelation = o.relation();
  return DataType::structOf({{"id", DataType::integer(), true},
                             {"name", DataType::string(), true},
                             {"score", DataType::doubleType(), true}});
}

class JdbcTableTest : public ::testing::Test {
 protected:
  void SetUp() override { setJdbcSchemaReader(&fakeServer); }
  Catalog catalog;
  std::vector<ast::Script> scripts;

  // Plans every statement of `sql`; returns the last one.
  PlannedStatement plan(const std::string& sql) {
    auto file = std::make_shared<SourceFile>();
    file->name = "test.sql";
    file->text = sql;
    scripts.push_back(parseScript(file));
    StatementPlanner planner(catalog);
    PlannedStatement last;
    for (const auto& s : scripts.back().statements) last = planner.plan(*s, file);
    return last;
  }

  std::string error(const std::string& sql) {
    try {
      plan(sql);
    } catch (const Error& e) {
      return e.render();
    }
    ADD_FAILURE() << "accepted: " << sql;
    return "";
  }

  static const Scan* scanOf(const PlanPtr& p) {
    if (const auto* s = as<Scan>(p)) return s;
    for (const auto& c : p->children())
      if (const Scan* s = scanOf(c)) return s;
    return nullptr;
  }
};

TEST_F(JdbcTableTest, SchemaFromTheServerWithCustomSchema) {
  plan(
      "CREATE TABLE t USING jdbc OPTIONS (url 'jdbc:postgresql://h/db', query 'SELECT 1', "
      "customSchema 'id DECIMAL(38, 0)')");
  EXPECT_EQ(lastRelation, "(SELECT 1) SPARK_GEN_SUBQ_0");
  const TableEntry* t = catalog.table("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema->toString(), "struct<id:decimal(38,0),name:string,score:double>");
  EXPECT_NE(error("CREATE TABLE u (a INT) USING jdbc OPTIONS (url 'postgresql://h', "
                  "dbtable 'x')")
                .find("customSchema"),
            std::string::npos);
  EXPECT_NE(error("CREATE TABLE u USING jdbc OPTIONS (url 'postgresql://h', dbtable 'x', "
                  "customSchema 'nope INT')")
                .find("no column 'nope'"),
            std::string::npos);
}

TEST_F(JdbcTableTest, ErrorsShowNoPassword) {
  const std::string e = error(
      "CREATE TABLE u USING jdbc OPTIONS (url 'postgresql://me:hunter2@h/db', "
      "password 'hunter3', dbtable 'x', fetchsize 'many')");
  EXPECT_NE(e.find("fetchsize"), std::string::npos) << e;
  EXPECT_NE(e.find("test.sql:1:1"), std::string::npos) << e;
  EXPECT_EQ(e.find("hunter"), std::string::npos) << e;
  const std::string unknown =
      error("CREATE TABLE u USING jdbc OPTIONS (pasword 'hunter3', url 'postgresql://h')");
  EXPECT_NE(unknown.find("did you mean 'password'"), std::string::npos) << unknown;
}

TEST_F(JdbcTableTest, PushedFiltersPerDialect) {
  plan(
      "CREATE TABLE pg USING jdbc OPTIONS (url 'postgresql://h/db', dbtable 'people');"
      "CREATE TABLE my USING jdbc OPTIONS (url 'mysql://h/db', dbtable 'people');"
      "CREATE TABLE off USING jdbc OPTIONS (url 'mysql://h/db', dbtable 'people', "
      "pushDownPredicate 'false')");
  const char* where = " WHERE id > 3 AND name < 'm' AND name = 'it\\'s' AND score IS NULL";
  auto pg = plan(std::string("SELECT name FROM pg") + where);
  const Scan* s = scanOf(pg.query->optimized.plan);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(jdbcScanSql(*s),
            "SELECT \"id\", \"name\", \"score\" FROM people WHERE \"id\" > 3 AND (\"name\" "
            "COLLATE \"C\") < 'm' AND (\"name\" COLLATE \"C\") = 'it''s' AND \"score\" IS NULL");
  EXPECT_NE(s->argString().find("PushedFilters: [GreaterThan(id,3), LessThan(name,m)"),
            std::string::npos)
      << s->argString();
  auto my = plan(std::string("SELECT name FROM my") + where);
  EXPECT_EQ(jdbcScanSql(*scanOf(my.query->optimized.plan)),
            "SELECT `id`, `name`, `score` FROM people WHERE `id` > 3 AND `name` = _utf8mb4 "
            "X'69742773' AND `score` IS NULL");
  auto off = plan(std::string("SELECT name FROM off") + where);
  EXPECT_TRUE(scanOf(off.query->optimized.plan)->pushedFilters.empty());
  // Only the columns a query reads are selected.
  auto few = plan("SELECT count(*) FROM pg");
  EXPECT_EQ(jdbcScanSql(*scanOf(few.query->optimized.plan)), "SELECT 1 FROM people");
}

TEST_F(JdbcTableTest, StreamStaticJoinRefreshesTheTable) {
  auto planned = plan(
      "CREATE TABLE events USING kafka OPTIONS ('kafka.bootstrap.servers' 'h:1', "
      "subscribe 'e');"
      "CREATE TABLE every USING jdbc OPTIONS (url 'postgresql://h/db', dbtable 'a');"
      "CREATE TABLE cached USING jdbc OPTIONS (url 'postgresql://h/db', dbtable 'b', "
      "refreshInterval '2 minutes');"
      "CREATE TABLE out USING console;"
      "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '/tmp/x') AS INSERT INTO out "
      "SELECT e.offset, a.name, b.score FROM STREAM events e "
      "JOIN every a ON CAST(e.value AS STRING) = a.name "
      "JOIN cached b ON a.id = b.id");
  ASSERT_TRUE(planned.query && planned.query->streaming) << planned.query->physicalError;
  const StreamingPlan& sp = *planned.query->streaming;
  EXPECT_EQ(sp.staticPipelines.size(), 2u);
  std::vector<int> statics(sp.staticPipelines.begin(), sp.staticPipelines.end());
  const std::string refresh = sp.staticRefresh.toString();
  EXPECT_NE(refresh.find("every batch"), std::string::npos) << refresh;
  EXPECT_NE(refresh.find("every 120000 ms"), std::string::npos) << refresh;
  // The cached one is due again only after its interval.
  int cachedId = -1, everyId = -1;
  for (int id : statics)
    (refresh.find("pipeline_" + std::to_string(id) + " every 120000") != std::string::npos
         ? cachedId
         : everyId) = id;
  const std::map<int, int64_t> ran = {{cachedId, 1000}, {everyId, 1000}};
  EXPECT_TRUE(sp.staticRefresh.due(everyId, 1001, ran, {}));
  EXPECT_FALSE(sp.staticRefresh.due(cachedId, 1000 + 119999, ran, {}));
  EXPECT_TRUE(sp.staticRefresh.due(cachedId, 1000 + 120000, ran, {}));
}

}  // namespace
}  // namespace sluice
