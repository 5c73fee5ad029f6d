#include <gtest/gtest.h>

#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::dumpOf;
using testing::scriptError;
using testing::scriptMessage;
using testing::src;

ast::QueryPtr query(const std::string& text) {
  auto script = parseScript(src(text));
  EXPECT_EQ(script.statements.size(), 1u);
  return script.statements.at(0)->query;
}

TEST(ParserQuery, SelectItemsAndAliases) {
  EXPECT_EQ(dumpOf("SELECT DISTINCT a + 1 AS x, b y, `c`, t.*, s.f.*, * FROM t"),
            "Query\n"
            "  Select distinct=true\n"
            "    item: (a + 1) AS x\n"
            "    item: b AS y\n"
            "    item: c\n"
            "    item: t.*\n"
            "    item: s.f.*\n"
            "    item: *\n"
            "    from: Table t\n");
  EXPECT_EQ(dumpOf("SELECT ALL count(*) count, key value FROM t"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: count(*) AS count\n"
            "    item: key AS value\n"
            "    from: Table t\n");
}

TEST(ParserQuery, MultiAliasForGenerators) {
  const auto q = query("SELECT json_tuple(j, 'zip_code', 'window') AS (zip_code, window) FROM t");
  const auto& item = q->body->select->items.at(0);
  ASSERT_EQ(item.aliases.size(), 2u);
  EXPECT_EQ(item.aliases[0].name, "zip_code");
  EXPECT_EQ(item.aliases[1].name, "window");
  EXPECT_FALSE(item.alias.has_value());
}

TEST(ParserQuery, SelectWithoutFrom) {
  EXPECT_EQ(dumpOf("select 1"), "Query\n  Select distinct=false\n    item: 1\n");
}

TEST(ParserQuery, Clauses) {
  EXPECT_EQ(dumpOf("SELECT a, count(*) FROM t WHERE a > 1 GROUP BY a, window(ts, '1 hour') "
                   "HAVING count(*) > 2 ORDER BY a DESC NULLS FIRST, 2 LIMIT 10"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: a\n"
            "    item: count(*)\n"
            "    from: Table t\n"
            "    where: (a > 1)\n"
            "    groupBy: a\n"
            "    groupBy: window(ts, '1 hour')\n"
            "    having: (count(*) > 2)\n"
            "  orderBy: a DESC NULLS FIRST\n"
            "  orderBy: 2 ASC\n"
            "  limit: 10\n");
  const auto q = query("SELECT a FROM t GROUP BY ALL ORDER BY a ASC NULLS LAST LIMIT ALL");
  EXPECT_TRUE(q->body->select->groupByAll);
  EXPECT_EQ(q->orderBy.at(0).nullsFirst, std::optional<bool>(false));
  EXPECT_EQ(q->limit, nullptr);
}

TEST(ParserQuery, FromVariants) {
  EXPECT_EQ(dumpOf("SELECT * FROM db.t AS x, STREAM s, STREAM(u) v, "
                   "STREAM read_kafka(subscribe => 'x', startingOffsets => 'earliest') k, "
                   "range(10) AS r(id), (SELECT 1) sub"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: *\n"
            "    from: Join Cross\n"
            "      Join Cross\n"
            "        Join Cross\n"
            "          Join Cross\n"
            "            Join Cross\n"
            "              Table db.t AS x\n"
            "              Table STREAM s\n"
            "            Table STREAM u AS v\n"
            "          TableFunction STREAM read_kafka(subscribe => 'x', startingOffsets => "
            "'earliest') AS k\n"
            "        TableFunction range(10) AS r(id)\n"
            "      Subquery AS sub\n"
            "        Query\n"
            "          Select distinct=false\n"
            "            item: 1\n");
}

TEST(ParserQuery, StreamAloneIsATableName) {
  EXPECT_EQ(dumpOf("SELECT * FROM stream"),
            "Query\n  Select distinct=false\n    item: *\n    from: Table stream\n");
  EXPECT_EQ(dumpOf("SELECT * FROM stream JOIN x"),
            "Query\n  Select distinct=false\n    item: *\n    from: Join Inner\n"
            "      Table stream\n      Table x\n");
}

TEST(ParserQuery, Values) {
  EXPECT_EQ(dumpOf("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(n, s)"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: *\n"
            "    from: Values AS t(n, s)\n"
            "      row: 1, 'a'\n"
            "      row: 2, 'b'\n");
  EXPECT_EQ(dumpOf("VALUES 1, 2"), "Query\n  Values\n    row: 1\n    row: 2\n");
  EXPECT_EQ(dumpOf("VALUES (1, 2) t(a, b)"), "Query\n  Values AS t(a, b)\n    row: 1, 2\n");
  const auto q = query("(VALUES (1))");
  EXPECT_EQ(q->body->kind, ast::QueryBodyKind::Nested);
}

TEST(ParserQuery, Joins) {
  EXPECT_EQ(dumpOf("SELECT * FROM a JOIN b ON a.k = b.k INNER JOIN c USING (k, j) "
                   "LEFT JOIN d ON true LEFT OUTER JOIN e ON 1 = 1 RIGHT JOIN f "
                   "RIGHT OUTER JOIN g FULL JOIN h FULL OUTER JOIN i CROSS JOIN j "
                   "LEFT SEMI JOIN k SEMI JOIN l LEFT ANTI JOIN m ANTI JOIN n NATURAL JOIN o "
                   "NATURAL LEFT JOIN p"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: *\n"
            "    from: Join LeftOuter natural\n"
            "      Join Inner natural\n"
            "        Join LeftAnti\n"
            "          Join LeftAnti\n"
            "            Join LeftSemi\n"
            "              Join LeftSemi\n"
            "                Join Cross\n"
            "                  Join FullOuter\n"
            "                    Join FullOuter\n"
            "                      Join RightOuter\n"
            "                        Join RightOuter\n"
            "                          Join LeftOuter\n"
            "                            Join LeftOuter\n"
            "                              Join Inner\n"
            "                                Join Inner\n"
            "                                  Table a\n"
            "                                  Table b\n"
            "                                  on: (a.k = b.k)\n"
            "                                Table c\n"
            "                                using: k, j\n"
            "                              Table d\n"
            "                              on: TRUE\n"
            "                            Table e\n"
            "                            on: (1 = 1)\n"
            "                          Table f\n"
            "                        Table g\n"
            "                      Table h\n"
            "                    Table i\n"
            "                  Table j\n"
            "                Table k\n"
            "              Table l\n"
            "            Table m\n"
            "          Table n\n"
            "        Table o\n"
            "      Table p\n");
}

TEST(ParserQuery, ParenthesizedJoin) {
  EXPECT_EQ(dumpOf("SELECT * FROM (a JOIN b USING (k)) JOIN c ON x"),
            "Query\n  Select distinct=false\n    item: *\n    from: Join Inner\n"
            "      Join Inner\n        Table a\n        Table b\n        using: k\n"
            "      Table c\n      on: x\n");
}

TEST(ParserQuery, LateralView) {
  EXPECT_EQ(dumpOf("SELECT a, b FROM t, u LATERAL VIEW OUTER explode(m) e AS a, b "
                   "LATERAL VIEW posexplode(arr) p pos, v WHERE a"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: a\n"
            "    item: b\n"
            "    from: LateralView posexplode(arr) p AS pos, v\n"
            "      LateralView OUTER explode(m) e AS a, b\n"
            "        Join Cross\n"
            "          Table t\n"
            "          Table u\n"
            "    where: a\n");
  const auto q = query("SELECT * FROM t LATERAL VIEW explode(x) tbl");
  const auto& lv = q->body->select->from;
  EXPECT_EQ(lv->kind, ast::RelationKind::LateralView);
  EXPECT_FALSE(lv->outer);
  EXPECT_EQ(lv->alias->name, "tbl");
  EXPECT_TRUE(lv->columnAliases.empty());
  EXPECT_EQ(lv->generator->kind, ast::ExprKind::Call);
}

TEST(ParserQuery, Watermark) {
  EXPECT_EQ(dumpOf("SELECT * FROM STREAM t WATERMARK ts DELAY OF INTERVAL 10 MINUTES AS w "
                   "JOIN u USING (k)"),
            "Query\n"
            "  Select distinct=false\n"
            "    item: *\n"
            "    from: Join Inner\n"
            "      Watermark ts DELAY OF INTERVAL 10 MINUTES AS w\n"
            "        Table STREAM t\n"
            "      Table u\n"
            "      using: k\n");
  const auto q = query("SELECT * FROM STREAM events e WATERMARK e.ts DELAY OF INTERVAL '1' HOUR");
  const auto& w = q->body->select->from;
  ASSERT_EQ(w->kind, ast::RelationKind::Watermark);
  EXPECT_FALSE(w->alias.has_value());
  EXPECT_EQ(w->left->alias->name, "e");
  EXPECT_TRUE(w->left->stream);
  EXPECT_EQ(w->eventTime->name.toString(), "e.ts");
  EXPECT_EQ(w->delay->literalKind, ast::LiteralKind::Interval);
  EXPECT_EQ(scriptMessage("SELECT * FROM t WATERMARK ts INTERVAL 1 HOUR"),
            "syntax error at or near 'INTERVAL': expected DELAY");
}

TEST(ParserQuery, SetOperations) {
  // INTERSECT binds tighter than UNION and EXCEPT, which associate to the left.
  EXPECT_EQ(dumpOf("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4 "
                   "UNION ALL SELECT 5 UNION DISTINCT SELECT 6 MINUS SELECT 7"),
            "Query\n"
            "  Except\n"
            "    UnionDistinct\n"
            "      UnionAll\n"
            "        Except\n"
            "          UnionDistinct\n"
            "            Select distinct=false\n"
            "              item: 1\n"
            "            Intersect\n"
            "              Select distinct=false\n"
            "                item: 2\n"
            "              Select distinct=false\n"
            "                item: 3\n"
            "          Select distinct=false\n"
            "            item: 4\n"
            "        Select distinct=false\n"
            "          item: 5\n"
            "      Select distinct=false\n"
            "        item: 6\n"
            "    Select distinct=false\n"
            "      item: 7\n");
  EXPECT_EQ(scriptMessage("SELECT 1 EXCEPT ALL SELECT 2"), "no error");  // RewriteExceptAll
  EXPECT_EQ(scriptMessage("SELECT 1 INTERSECT ALL SELECT 2"), "no error");
}

TEST(ParserQuery, OrderAndLimitApplyToTheWholeSetOperation) {
  const auto q =
      query("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 5");
  EXPECT_EQ(q->body->kind, ast::QueryBodyKind::SetOp);
  EXPECT_EQ(q->orderBy.size(), 1u);
  ASSERT_NE(q->limit, nullptr);
  const auto& nested = q->body->left->nested;
  EXPECT_EQ(nested->orderBy.size(), 1u);
  EXPECT_NE(nested->limit, nullptr);
}

TEST(ParserQuery, With) {
  EXPECT_EQ(dumpOf("WITH a(x, y) AS (SELECT 1, 2), b AS (SELECT * FROM a) SELECT * FROM b"),
            "Query\n"
            "  with: a(x, y)\n"
            "    Query\n"
            "      Select distinct=false\n"
            "        item: 1\n"
            "        item: 2\n"
            "  with: b\n"
            "    Query\n"
            "      Select distinct=false\n"
            "        item: *\n"
            "        from: Table a\n"
            "  Select distinct=false\n"
            "    item: *\n"
            "    from: Table b\n");
}

TEST(ParserQuery, NestedParentheses) {
  const auto q = query("((SELECT 1))");
  EXPECT_EQ(q->body->kind, ast::QueryBodyKind::Nested);
  EXPECT_EQ(q->body->nested->body->kind, ast::QueryBodyKind::Nested);
  EXPECT_EQ(dumpOf("SELECT * FROM ((SELECT 1)) AS t"),
            "Query\n  Select distinct=false\n    item: *\n    from: Subquery AS t\n"
            "      Query\n        Nested\n          Query\n            Select distinct=false\n"
            "              item: 1\n");
}

TEST(ParserQuery, Spans) {
  const std::string text = "SELECT a AS x FROM t WHERE b ORDER BY a";
  const auto q = query(text);
  EXPECT_EQ(q->span.begin, 0u);
  EXPECT_EQ(q->span.end, text.size());
  const auto& core = *q->body->select;
  EXPECT_EQ(core.span.end, 28u);
  EXPECT_EQ(core.items[0].span.begin, 7u);
  EXPECT_EQ(core.items[0].span.end, 13u);
  EXPECT_EQ(core.from->span.begin, 19u);
  EXPECT_EQ(core.from->span.end, 20u);
}

TEST(ParserQuery, Errors) {
  EXPECT_EQ(scriptError("SELECT a,\nFROM t"),
            "test.sql:2:1: error: syntax error at or near 'FROM': expected an expression\n"
            "  FROM t\n"
            "  ^~~~");
  EXPECT_EQ(scriptError("SELECT a FROM t WHERE"),
            "test.sql:1:22: error: unexpected end of input: expected an expression\n"
            "  SELECT a FROM t WHERE\n"
            "                       ^");
  EXPECT_EQ(scriptError("SELECT a\nFROM\n\n"),
            "test.sql:2:5: error: unexpected end of input: expected a table name\n"
            "  FROM\n"
            "      ^");
  EXPECT_EQ(scriptMessage("SELECT a FROM t GROUP a"), "syntax error at or near 'a': expected BY");
  EXPECT_EQ(scriptMessage("SELECT a FROM t JOIN"),
            "unexpected end of input: expected a table name");
  EXPECT_EQ(scriptMessage("SELECT a FROM t NATURAL u"),
            "syntax error at or near 'u': expected JOIN");
  EXPECT_EQ(scriptMessage("SELECT a FROM t LEFT u"), "syntax error at or near 'u': expected JOIN");
  EXPECT_EQ(scriptMessage("SELECT a FROM (SELECT 1"), "unexpected end of input: expected ')'");
  EXPECT_EQ(scriptMessage("SELECT a AS FROM t"),
            "syntax error at or near 'FROM': expected an alias");
  EXPECT_EQ(scriptMessage("SELECT a FROM t AS"), "unexpected end of input: expected an alias");
  EXPECT_EQ(scriptMessage("WITH a AS SELECT 1 SELECT 2"),
            "syntax error at or near 'SELECT': expected '('");
  EXPECT_EQ(scriptMessage("SELECT a FROM t LATERAL explode(x)"),
            "syntax error at or near 'explode': expected VIEW");
  EXPECT_EQ(scriptMessage("(1)"), "syntax error at or near '(': expected a statement");
  EXPECT_EQ(scriptMessage("SELECT * FROM (SELECT 1) UNION (1)"),
            "syntax error at or near '1': expected SELECT, VALUES, WITH or '('");
  EXPECT_EQ(scriptMessage("SELECT * + 1 FROM t"),
            "syntax error at or near '+': expected ';' or end of input");
  EXPECT_EQ(scriptMessage("SELECT * FROM t ORDER a"), "syntax error at or near 'a': expected BY");
}

TEST(ParserQuery, WindowClause) {
  const auto q = query(
      "SELECT sum(v) OVER w1, rank() OVER w2 FROM t window WHERE v > 0 "
      "WINDOW w1 AS (PARTITION BY k), w2 AS w1 ORDER BY k");
  const auto& core = *q->body->select;
  // `t window` is the table t aliased `window`: WINDOW only starts the clause as `WINDOW w AS`.
  ASSERT_TRUE(core.from->alias);
  EXPECT_EQ(core.from->alias->name, "window");
  ASSERT_EQ(core.windows.size(), 2u);
  EXPECT_EQ(core.windows[0].first.name, "w1");
  EXPECT_EQ(core.windows[0].second.partitionBy.size(), 1u);
  ASSERT_TRUE(core.windows[1].second.name);
  EXPECT_EQ(core.windows[1].second.name->name, "w1");
  EXPECT_EQ(q->orderBy.size(), 1u);
  const auto q2 = query("SELECT 1 FROM t WINDOW w AS (ORDER BY a)");
  EXPECT_FALSE(q2->body->select->from->alias);
  EXPECT_EQ(q2->body->select->windows.size(), 1u);
}

}  // namespace
}  // namespace sluice
