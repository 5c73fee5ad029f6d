#include "planner/binder/binder.h"

#include <gtest/gtest.h>

#include "frontend/parser.h"
#include "planner/logical/all.h"
#include "planner/session/statement_planner.h"

namespace sluice {
namespace {

// Runs a script's statements through the statement planner and returns the last plan.
class BinderTest : public ::testing::Test {
 protected:
  Catalog catalog;
  std::vector<ast::Script> scripts;  // keeps ASTs alive (views refer to them)

  PlannedStatement run(const std::string& sql) {
    auto file = std::make_shared<SourceFile>();
    file->name = "test.sql";
    file->text = sql;
    scripts.push_back(parseScript(file));
    StatementPlanner planner(catalog);
    PlannedStatement last;
    for (const auto& s : scripts.back().statements) last = planner.plan(*s, file);
    return last;
  }
  PlanPtr analyzed(const std::string& sql) { return run(sql).query->analyzed; }
  std::string error(const std::string& sql) {
    try {
      run(sql);
    } catch (const Error& e) {
      return e.render();
    }
    return "<no error>";
  }

  void SetUp() override {
    run("CREATE TABLE t (a INT, b STRING, s STRUCT<x: INT, y: STRUCT<z: STRING>>, "
        "m MAP<STRING, INT>, arr ARRAY<INT>, ts TIMESTAMP) USING csv OPTIONS (path 't.csv');"
        "CREATE TABLE u (a INT, c DOUBLE) USING csv OPTIONS (path 'u.csv');"
        "CREATE TABLE k USING kafka OPTIONS ('kafka.bootstrap.servers' 'h:1', subscribe 'x', "
        "topic 'out');");
  }
};

std::vector<std::string> names(const PlanPtr& p) {
  std::vector<std::string> out;
  for (const auto& a : p->output()) out.push_back(a.name + ":" + a.type->toString());
  return out;
}

TEST_F(BinderTest, ResolvesColumnsQualifiedAndNestedFields) {
  auto p = analyzed("SELECT a, t.b, s.x, t.s.y.z, m['k'], arr[0] FROM t");
  EXPECT_EQ(names(p), (std::vector<std::string>{"a:int", "b:string", "x:int", "z:string",
                                                "m[k]:int", "arr[0]:int"}));
}

TEST_F(BinderTest, CaseInsensitiveNames) {
  // Output columns keep the name the table declares.
  EXPECT_EQ(names(analyzed("SELECT A, T.B FROM T")),
            (std::vector<std::string>{"a:int", "b:string"}));
}

TEST_F(BinderTest, StarExpansion) {
  EXPECT_EQ(analyzed("SELECT * FROM t")->output().size(), 6u);
  EXPECT_EQ(names(analyzed("SELECT s.* FROM t")),
            (std::vector<std::string>{"x:int", "y:struct<z:string>"}));
  EXPECT_EQ(analyzed("SELECT t.*, u.* FROM t, u")->output().size(), 8u);
}

TEST_F(BinderTest, UnknownColumnPointsAtIt) {
  const std::string e = error("SELECT nope FROM t");
  EXPECT_NE(e.find("test.sql:1:8: error: cannot resolve column 'nope'"), std::string::npos) << e;
  EXPECT_NE(e.find("       ^~~~"), std::string::npos) << e;
}

TEST_F(BinderTest, AmbiguousColumn) {
  EXPECT_NE(error("SELECT a FROM t, u").find("ambiguous"), std::string::npos);
  EXPECT_EQ(names(analyzed("SELECT t.a FROM t, u")), (std::vector<std::string>{"a:int"}));
}

TEST_F(BinderTest, UsingJoinMergesKey) {
  auto p = analyzed("SELECT * FROM t JOIN u USING (a)");
  auto n = names(p);
  ASSERT_EQ(n.size(), 7u);
  EXPECT_EQ(n[0], "a:int");
  EXPECT_EQ(n[6], "c:double");
  EXPECT_NE(error("SELECT * FROM t JOIN u USING (zz)").find("USING column 'zz'"),
            std::string::npos);
}

TEST_F(BinderTest, ImplicitCastsInArithmeticAndComparison) {
  auto p = analyzed("SELECT a + c, a = '1' FROM t JOIN u USING (a)");
  EXPECT_EQ(p->output()[0].type->toString(), "double");
  EXPECT_EQ(p->output()[1].type->toString(), "boolean");
}

TEST_F(BinderTest, LiteralTypes) {
  auto p = analyzed(
      "SELECT 1, 3000000000, 1L, 1.5, 1.5D, 1e2, 'x', X'0A', DATE '2020-01-02', "
      "TIMESTAMP '2020-01-02 03:04:05', INTERVAL 10 MINUTES, NULL");
  std::vector<std::string> types;
  for (const auto& a : p->output()) types.push_back(a.type->toString());
  EXPECT_EQ(types, (std::vector<std::string>{"int", "bigint", "bigint", "decimal(2,1)", "double",
                                             "double", "string", "binary", "date", "timestamp",
                                             "interval minute", "void"}));
}

TEST_F(BinderTest, AggregatesAndGrouping) {
  auto p = analyzed("SELECT b, count(*) AS n, sum(a) FROM t GROUP BY b HAVING count(*) > 1");
  EXPECT_EQ(names(p), (std::vector<std::string>{"b:string", "n:bigint", "sum(a):bigint"}));
  EXPECT_NE(error("SELECT a, count(*) FROM t GROUP BY b").find("neither in GROUP BY"),
            std::string::npos);
  EXPECT_NE(error("SELECT a FROM t WHERE count(*) > 1").find("not allowed in the WHERE"),
            std::string::npos);
  // Group by ordinal and by select alias.
  EXPECT_EQ(names(analyzed("SELECT upper(b) AS ub, count(*) FROM t GROUP BY 1"))[0], "ub:string");
  EXPECT_EQ(names(analyzed("SELECT upper(b) AS ub, count(*) FROM t GROUP BY ub"))[0], "ub:string");
}

TEST_F(BinderTest, WindowGroupingIsANamedColumn) {
  auto p = analyzed("SELECT window, count(*) FROM t GROUP BY window(ts, '1 hour')");
  EXPECT_EQ(names(p)[0], "window:struct<start:timestamp,end:timestamp>");
  auto q =
      analyzed("SELECT to_json(struct(b, window)) AS k FROM t GROUP BY b, window(ts, '1 hour')");
  EXPECT_EQ(names(q)[0], "k:string");
}

TEST_F(BinderTest, GeneratorsInSelectAndLateralView) {
  EXPECT_EQ(names(analyzed("SELECT explode(m) FROM t")),
            (std::vector<std::string>{"key:string", "value:int"}));
  EXPECT_EQ(names(analyzed("SELECT a, explode(arr) AS e FROM t")),
            (std::vector<std::string>{"a:int", "e:int"}));
  EXPECT_EQ(names(analyzed("SELECT a, e FROM t LATERAL VIEW explode(arr) x AS e")),
            (std::vector<std::string>{"a:int", "e:int"}));
  EXPECT_EQ(names(analyzed("SELECT json_tuple(b, 'p', 'q') AS (p, q) FROM t")),
            (std::vector<std::string>{"p:string", "q:string"}));
  EXPECT_NE(error("SELECT explode(arr), explode(arr) FROM t").find("one generator"),
            std::string::npos);
}

TEST_F(BinderTest, ViewsAreReboundWithFreshIds) {
  run("CREATE TEMPORARY VIEW v AS SELECT a FROM t");
  auto p = analyzed("SELECT x.a, y.a FROM v x JOIN v y ON x.a = y.a");
  auto out = p->output();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NE(out[0].id, out[1].id);
}

TEST_F(BinderTest, KafkaSchemaAndOptions) {
  auto p = run("SELECT * FROM k").query->analyzed;
  EXPECT_EQ(names(p), (std::vector<std::string>{"key:binary", "value:binary", "topic:string",
                                                "partition:int", "offset:bigint",
                                                "timestamp:timestamp", "timestampType:int"}));
  EXPECT_NE(error("SELECT * FROM read_kafka(bootstrapServers => 'h:1')").find("exactly one"),
            std::string::npos);
  EXPECT_NE(error("SELECT * FROM read_kafka(bootstrapServers => 'h:1', subscribe => 'x', "
                  "`kafka.auto.offset.reset` => 'earliest')")
                .find("startingOffsets"),
            std::string::npos);
  EXPECT_NE(error("SELECT * FROM read_kafka(bootstrapServers => 'h:1', subscribe => 'x', "
                  "startingOffsets => 'latest')")
                .find("batch"),
            std::string::npos);
}

TEST_F(BinderTest, BatchQueryOverStreamIsRefused) {
  EXPECT_NE(error("SELECT * FROM STREAM k").find("CREATE STREAMING QUERY"), std::string::npos);
}

TEST_F(BinderTest, OutputModeMatrix) {
  const std::string agg =
      "CREATE STREAMING QUERY q OPTIONS (checkpointLocation 'c', outputMode '%s') AS INSERT INTO "
      "k SELECT CAST(count(*) AS STRING) AS value FROM STREAM k GROUP BY topic";
  auto with = [&](const char* mode) {
    std::string s = agg;
    s.replace(s.find("%s"), 2, mode);
    return s;
  };
  EXPECT_NO_THROW(run(with("complete")));
  EXPECT_NO_THROW(run(with("update")));
  const std::string e = error(with("append"));
  EXPECT_NE(e.find("WATERMARK"), std::string::npos) << e;
  EXPECT_NE(e.find("'update' or 'complete'"), std::string::npos) << e;
  const std::string e2 = error(
      "CREATE STREAMING QUERY q OPTIONS (checkpointLocation 'c', outputMode 'complete') AS "
      "INSERT INTO k SELECT value FROM STREAM k");
  EXPECT_NE(e2.find("needs a streaming aggregation"), std::string::npos) << e2;
  // With a watermark on the grouped event time, append works.
  EXPECT_NO_THROW(run(
      "CREATE STREAMING QUERY q2 OPTIONS (checkpointLocation 'c', outputMode 'append') AS "
      "INSERT INTO k SELECT CAST(count(*) AS STRING) AS value FROM STREAM k WATERMARK timestamp "
      "DELAY OF INTERVAL 10 MINUTES GROUP BY window(timestamp, '1 hour')"));
}

TEST_F(BinderTest, KafkaSinkNeedsValue) {
  EXPECT_NE(error("CREATE STREAMING QUERY q OPTIONS (checkpointLocation 'c') AS INSERT INTO k "
                  "SELECT key FROM STREAM k")
                .find("'value'"),
            std::string::npos);
  EXPECT_NE(error("CREATE STREAMING QUERY q AS INSERT INTO k SELECT value FROM STREAM k")
                .find("checkpointLocation"),
            std::string::npos);
}

TEST_F(BinderTest, StreamStaticJoinRules) {
  EXPECT_NO_THROW(
      run("CREATE STREAMING QUERY q OPTIONS (checkpointLocation 'c') AS INSERT INTO k "
          "SELECT CAST(u.c AS STRING) AS value FROM STREAM k LEFT JOIN u ON "
          "k.partition = u.a"));
  EXPECT_NE(error("CREATE STREAMING QUERY q OPTIONS (checkpointLocation 'c') AS INSERT INTO k "
                  "SELECT CAST(u.c AS STRING) AS value FROM STREAM k FULL JOIN u ON "
                  "k.partition = u.a")
                .find("not supported"),
            std::string::npos);
}

TEST_F(BinderTest, OrderByOutputAliasAndHiddenColumn) {
  auto p = analyzed("SELECT b AS bb FROM t ORDER BY bb DESC");
  EXPECT_EQ(p->kind(), PlanKind::Sort);
  auto q = analyzed("SELECT b FROM t ORDER BY a");
  EXPECT_EQ(names(q), (std::vector<std::string>{"b:string"}));
}

TEST_F(BinderTest, UnionWidensTypes) {
  auto p = analyzed("SELECT a FROM t UNION ALL SELECT c FROM u");
  EXPECT_EQ(p->output()[0].type->toString(), "double");
  EXPECT_NE(error("SELECT a, b FROM t UNION ALL SELECT c FROM u").find("same number"),
            std::string::npos);
}

TEST_F(BinderTest, CteAndSubqueryAliases) {
  auto p =
      analyzed("WITH w AS (SELECT a AS z FROM t) SELECT w.z, q.z FROM w JOIN w q ON w.z = q.z");
  EXPECT_EQ(p->output().size(), 2u);
}

TEST_F(BinderTest, FunctionErrors) {
  EXPECT_NE(error("SELECT nosuchfn(a) FROM t").find("undefined function 'nosuchfn'"),
            std::string::npos);
  EXPECT_NE(error("SELECT upper(a, b) FROM t").find("argument"), std::string::npos);
  EXPECT_NE(error("SELECT CAST(arr AS INT) FROM t").find("cannot cast"), std::string::npos);
}

}  // namespace
}  // namespace sluice
