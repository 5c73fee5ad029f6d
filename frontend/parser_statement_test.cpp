#include <gtest/gtest.h>

#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::dumpOf;
using testing::scriptError;
using testing::scriptMessage;
using testing::src;

ast::StatementPtr statement(const std::string& text) {
  auto script = parseScript(src(text));
  EXPECT_EQ(script.statements.size(), 1u);
  return script.statements.at(0);
}

TEST(ParserStatement, ScriptSeparatorsAndSpans) {
  const std::string text = ";; SELECT 1 ;\n\n  SELECT 2;;  -- done\n";
  const auto script = parseScript(src(text));
  ASSERT_EQ(script.statements.size(), 2u);
  EXPECT_EQ(script.file->text, text);
  const auto& s1 = script.statements[0]->span;
  EXPECT_EQ(text.substr(s1.begin, s1.end - s1.begin), "SELECT 1");
  const auto& s2 = script.statements[1]->span;
  EXPECT_EQ(text.substr(s2.begin, s2.end - s2.begin), "SELECT 2");
  EXPECT_TRUE(parseScript(src("")).statements.empty());
  EXPECT_TRUE(parseScript(src(" -- nothing\n ; ")).statements.empty());
  EXPECT_EQ(parseScript(src("SELECT 1")).statements.size(), 1u);  // final ';' optional
}

TEST(ParserStatement, CreateView) {
  const auto s = statement("CREATE OR REPLACE TEMPORARY VIEW v (a COMMENT 'x', b) AS SELECT 1, 2");
  EXPECT_EQ(s->kind, ast::StatementKind::CreateView);
  EXPECT_TRUE(s->orReplace);
  EXPECT_TRUE(s->temporary);
  EXPECT_EQ(s->name.toString(), "v");
  ASSERT_EQ(s->viewColumns.size(), 2u);
  EXPECT_EQ(s->viewColumns[1].name, "b");
  EXPECT_EQ(dumpOf("CREATE TEMP VIEW IF NOT EXISTS db.v AS SELECT * FROM t"),
            "CreateView db.v temporary ifNotExists\n"
            "  Query\n"
            "    Select distinct=false\n"
            "      item: *\n"
            "      from: Table t\n");
  EXPECT_EQ(scriptMessage("CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT 1"),
            "CREATE VIEW cannot use both OR REPLACE and IF NOT EXISTS");
  EXPECT_EQ(scriptMessage("CREATE VIEW v SELECT 1"),
            "syntax error at or near 'SELECT': expected AS");
}

TEST(ParserStatement, CreateTableUsingKafka) {
  const auto s = statement(
      "CREATE TABLE IF NOT EXISTS nest_logs USING kafka OPTIONS ("
      "'kafka.bootstrap.servers' 'host:9092', subscribe 'nest-logs', startingOffsets = 'earliest', "
      "kafka.security.protocol 'PLAINTEXT', failOnDataLoss false, maxOffsetsPerTrigger 1000, "
      "minPartitions = -2, kafka.group.id 'g')");
  EXPECT_EQ(s->kind, ast::StatementKind::CreateTable);
  EXPECT_TRUE(s->ifNotExists);
  EXPECT_EQ(s->usingFormat->name, "kafka");
  ASSERT_EQ(s->options.size(), 8u);
  EXPECT_EQ(s->options[0].key, "kafka.bootstrap.servers");
  EXPECT_EQ(s->options[0].value, "host:9092");
  EXPECT_EQ(s->options[1].key, "subscribe");
  EXPECT_EQ(s->options[2].value, "earliest");
  EXPECT_EQ(s->options[3].key, "kafka.security.protocol");
  EXPECT_EQ(s->options[4].value, "false");
  EXPECT_EQ(s->options[5].value, "1000");
  EXPECT_EQ(s->options[6].value, "-2");
  EXPECT_EQ(s->options[7].key, "kafka.group.id");
  EXPECT_EQ(s->query, nullptr);
  EXPECT_TRUE(s->columns.empty());
  const std::string text = "CREATE TABLE t USING x OPTIONS (a 'bc')";
  const auto o = statement(text)->options.at(0);
  EXPECT_EQ(text.substr(o.keySpan.begin, o.keySpan.end - o.keySpan.begin), "a");
  EXPECT_EQ(text.substr(o.valueSpan.begin, o.valueSpan.end - o.valueSpan.begin), "'bc'");
}

TEST(ParserStatement, CreateTableWithSchemaAndClauses) {
  EXPECT_EQ(dumpOf("CREATE OR REPLACE TABLE loc (device_id STRING NOT NULL COMMENT 'id', "
                   "zip_code string, tags array<string>, `from` int) "
                   "PARTITIONED BY (zip_code) USING parquet OPTIONS (path '/tmp/x')"),
            "CreateTable loc orReplace using=parquet\n"
            "  column: device_id string NOT NULL COMMENT 'id'\n"
            "  column: zip_code string\n"
            "  column: tags array<string>\n"
            "  column: `from` int\n"
            "  option: path = /tmp/x\n"
            "  partitionBy: zip_code\n");
  EXPECT_EQ(dumpOf("CREATE TABLE t USING parquet AS SELECT 1"),
            "CreateTable t using=parquet\n"
            "  as: Query\n"
            "    Select distinct=false\n"
            "      item: 1\n");
  EXPECT_NE(statement("CREATE TABLE t USING parquet SELECT 1")->query, nullptr);
  EXPECT_EQ(statement("CREATE TABLE t (a int)")->usingFormat, std::nullopt);
  EXPECT_EQ(scriptMessage("CREATE TABLE t USING a USING b"), "duplicate USING clause");
  EXPECT_EQ(scriptMessage("CREATE TABLE t USING a OPTIONS (k 'v', k 'w')"), "duplicate option 'k'");
  EXPECT_EQ(scriptMessage("CREATE TABLE t USING a OPTIONS (k v)"),
            "syntax error at or near 'v': expected an option value (a string, number or boolean)");
  EXPECT_EQ(scriptMessage("CREATE TEMPORARY TABLE t USING a"),
            "CREATE TEMPORARY TABLE is not supported; use a view");
  EXPECT_EQ(scriptMessage("CREATE TABLE t (a)"),
            "syntax error at or near ')': expected a data type");
  EXPECT_EQ(scriptMessage("CREATE TABLE t USING a AS"),
            "unexpected end of input: expected a query");
  EXPECT_EQ(scriptMessage("CREATE INDEX i"),
            "syntax error at or near 'INDEX': expected TABLE, VIEW or STREAMING QUERY");
}

TEST(ParserStatement, Drop) {
  EXPECT_EQ(dumpOf("DROP TABLE t; DROP VIEW IF EXISTS db.v"),
            "Drop TABLE t\nDrop VIEW db.v ifExists\n");
  EXPECT_EQ(scriptMessage("DROP INDEX i"),
            "syntax error at or near 'INDEX': expected TABLE or VIEW");
  EXPECT_EQ(scriptMessage("DROP TABLE IF t"), "syntax error at or near 't': expected EXISTS");
}

TEST(ParserStatement, Insert) {
  EXPECT_EQ(
      dumpOf("INSERT INTO sink SELECT * FROM src"),
      "Insert sink\n  Query\n    Select distinct=false\n      item: *\n      from: Table src\n");
  const auto s = statement("INSERT OVERWRITE TABLE db.sink VALUES (1)");
  EXPECT_EQ(s->kind, ast::StatementKind::Insert);
  EXPECT_TRUE(s->overwrite);
  EXPECT_EQ(s->name.toString(), "db.sink");
  EXPECT_EQ(scriptMessage("INSERT sink SELECT 1"),
            "syntax error at or near 'sink': expected INTO or OVERWRITE");
  EXPECT_EQ(scriptMessage("INSERT INTO sink"), "unexpected end of input: expected a query");
}

TEST(ParserStatement, Set) {
  const auto s = statement("SET sluice.codegen.optLevel = 2");
  EXPECT_EQ(s->kind, ast::StatementKind::Set);
  EXPECT_EQ(s->setKey, "sluice.codegen.optLevel");
  EXPECT_EQ(s->setValue, "2");
  EXPECT_TRUE(s->setHasValue);
  EXPECT_EQ(statement("SET a='x y'")->setValue, "x y");
  EXPECT_EQ(statement("SET a = \"it's\"")->setValue, "it's");
  EXPECT_EQ(statement("SET a = 'x' 'y'")->setValue, "'x' 'y'");  // not one literal: raw
  EXPECT_EQ(statement("SET path = /tmp/$x -- comment")->setValue, "/tmp/$x");
  EXPECT_EQ(statement("SET hosts = a:9092,b:9092")->setValue, "a:9092,b:9092");
  EXPECT_EQ(statement("SET a = ")->setValue, "");
  EXPECT_TRUE(statement("SET a = ")->setHasValue);
  EXPECT_EQ(statement("SET `spark.x` = 1")->setKey, "spark.x");
  const auto show = statement("SET spark.sql.shuffle.partitions");
  EXPECT_EQ(show->setKey, "spark.sql.shuffle.partitions");
  EXPECT_FALSE(show->setHasValue);
  const auto all = statement("SET");
  EXPECT_EQ(all->setKey, "");
  EXPECT_FALSE(all->setHasValue);
  // The statement ends at the first ';' outside quotes; its span excludes trailing space.
  const std::string text = "SET a = 'x;y'  ; SELECT 1";
  const auto script = parseScript(src(text));
  ASSERT_EQ(script.statements.size(), 2u);
  EXPECT_EQ(script.statements[0]->setValue, "x;y");
  EXPECT_EQ(script.statements[0]->span.end, 13u);
  EXPECT_EQ(script.statements[1]->kind, ast::StatementKind::Query);
  EXPECT_EQ(scriptError("SET = 1"),
            "test.sql:1:5: error: SET: expected a configuration key before '='\n"
            "  SET = 1\n"
            "      ^~~");
  EXPECT_EQ(scriptMessage("SET a b = 1"),
            "SET: invalid configuration key 'a b' (use SET key = value)");
}

TEST(ParserStatement, Explain) {
  EXPECT_EQ(dumpOf("EXPLAIN SELECT 1"),
            "Explain Simple\n  Query\n    Select distinct=false\n      item: 1\n");
  EXPECT_EQ(statement("EXPLAIN EXTENDED SELECT 1")->explainMode, ast::ExplainMode::Extended);
  EXPECT_EQ(statement("EXPLAIN codegen SELECT 1")->explainMode, ast::ExplainMode::Codegen);
  EXPECT_EQ(statement("EXPLAIN FORMATTED SELECT 1")->explainMode, ast::ExplainMode::Formatted);
  const auto s = statement("EXPLAIN CREATE STREAMING QUERY q AS INSERT INTO t SELECT 1");
  EXPECT_EQ(s->explained->kind, ast::StatementKind::CreateStreamingQuery);
  EXPECT_EQ(scriptMessage("EXPLAIN"), "unexpected end of input: expected a statement");
}

TEST(ParserStatement, CreateStreamingQuery) {
  const std::string text =
      "CREATE STREAMING QUERY camera_stats\n"
      "OPTIONS (checkpointLocation 'checkpoints/camera_stats', outputMode 'complete', "
      "trigger '10 seconds')\n"
      "AS INSERT INTO nest_camera_stats\n"
      "SELECT to_json(struct(zip_code, window)) AS key, CAST(count(*) AS STRING) AS value\n"
      "FROM sightings JOIN device_locations USING (device_id)\n"
      "GROUP BY zip_code, window(start_time, '1 hour');";
  EXPECT_EQ(dumpOf(text),
            "CreateStreamingQuery camera_stats into=nest_camera_stats\n"
            "  option: checkpointLocation = checkpoints/camera_stats\n"
            "  option: outputMode = complete\n"
            "  option: trigger = 10 seconds\n"
            "  Query\n"
            "    Select distinct=false\n"
            "      item: to_json(struct(zip_code, window)) AS key\n"
            "      item: CAST(count(*) AS STRING) AS value\n"
            "      from: Join Inner\n"
            "        Table sightings\n"
            "        Table device_locations\n"
            "        using: device_id\n"
            "      groupBy: zip_code\n"
            "      groupBy: window(start_time, '1 hour')\n");
  const auto s = statement(text);
  EXPECT_EQ(s->queryName.name, "camera_stats");
  EXPECT_EQ(s->name.toString(), "nest_camera_stats");
  EXPECT_EQ(s->span.begin, 0u);
  EXPECT_EQ(s->span.end, text.size() - 1);  // without the ';'
  const auto plain = statement("CREATE OR REPLACE STREAMING QUERY q AS INSERT INTO t SELECT 1");
  EXPECT_TRUE(plain->orReplace);
  EXPECT_TRUE(plain->options.empty());
  EXPECT_EQ(scriptMessage("CREATE STREAMING QUERY q AS SELECT 1"),
            "syntax error at or near 'SELECT': expected INSERT");
  EXPECT_EQ(scriptMessage("CREATE STREAMING q AS INSERT INTO t SELECT 1"),
            "syntax error at or near 'q': expected QUERY");
  EXPECT_EQ(scriptMessage("CREATE TEMP STREAMING QUERY q AS INSERT INTO t SELECT 1"),
            "a streaming query cannot be TEMPORARY");
}

TEST(ParserStatement, Errors) {
  EXPECT_EQ(scriptError("SELECT 1;\nUPDATE t SET a = 1"),
            "test.sql:2:1: error: syntax error at or near 'UPDATE': expected a statement\n"
            "  UPDATE t SET a = 1\n"
            "  ^~~~~~");
  EXPECT_EQ(scriptError("SELECT 1\nSELECT 2"),
            "test.sql:2:1: error: syntax error at or near 'SELECT': expected ';' or end of input\n"
            "  SELECT 2\n"
            "  ^~~~~~");
  EXPECT_EQ(scriptMessage("SELECT a b c"),
            "syntax error at or near 'c': expected ';' or end of input");
}

}  // namespace
}  // namespace sluice
