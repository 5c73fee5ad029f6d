#include "runtime/progress/query_progress.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stdlib/json.h"

namespace sluice {
namespace {

QueryProgress sample() {
  QueryProgress p;
  p.id = "ce011fdc-8762-4dcb-84eb-a77333e28109";
  p.runId = "88e2ff94-ede0-45a8-b687-6316fbef529a";
  p.name = "camera_stats";
  p.timestampMs = 1481741124873;  // 2016-12-14T18:45:24.873Z
  p.batchId = 1;
  p.batchDuration = 50;
  p.numInputRows = 10;
  p.inputRowsPerSecond = 120.0;
  p.processedRowsPerSecond = 200.0;
  p.durationMs = {{"triggerExecution", 50}, {"addBatch", 30},    {"walCommit", 5},
                  {"getBatch", 0},          {"latestOffset", 2}, {"queryPlanning", 3},
                  {"commitOffsets", 4}};
  p.eventTime = {{"watermark", "2016-12-14T18:40:00.000Z"}};
  StateOperatorProgress s;
  s.operatorName = "stateStoreSave";
  s.numRowsTotal = 7;
  s.numRowsUpdated = 3;
  s.memoryUsedBytes = 4096;
  s.numRowsDroppedByWatermark = 1;
  s.numShufflePartitions = 1;
  s.numStateStoreInstances = 1;
  p.stateOperators.push_back(s);
  SourceProgress src;
  src.description = "KafkaV2[Subscribe[nest-logs]]";
  src.startOffset = std::nullopt;
  src.endOffset = "{\"nest-logs\":{\"0\":10}}";
  src.latestOffset = "{\"nest-logs\":{\"0\":10}}";
  src.numInputRows = 10;
  src.inputRowsPerSecond = 120.0;
  src.processedRowsPerSecond = 200.0;
  p.sources.push_back(src);
  p.sink.description = "KafkaSink";
  p.sink.numOutputRows = 2;
  return p;
}

TEST(QueryProgress, CompactJsonHasSparkFieldNamesInSparkOrder) {
  const std::string j = sample().json();
  EXPECT_EQ(
      j,
      "{\"id\":\"ce011fdc-8762-4dcb-84eb-a77333e28109\","
      "\"runId\":\"88e2ff94-ede0-45a8-b687-6316fbef529a\",\"name\":\"camera_stats\","
      "\"timestamp\":\"2016-12-14T18:45:24.873Z\",\"batchId\":1,\"batchDuration\":50,"
      "\"numInputRows\":10,\"inputRowsPerSecond\":120.0,\"processedRowsPerSecond\":200.0,"
      "\"durationMs\":{\"addBatch\":30,\"commitOffsets\":4,\"getBatch\":0,\"latestOffset\":2,"
      "\"queryPlanning\":3,\"triggerExecution\":50,\"walCommit\":5},"
      "\"eventTime\":{\"watermark\":\"2016-12-14T18:40:00.000Z\"},"
      "\"stateOperators\":[{\"operatorName\":\"stateStoreSave\",\"numRowsTotal\":7,"
      "\"numRowsUpdated\":3,\"allUpdatesTimeMs\":0,\"numRowsRemoved\":0,\"allRemovalsTimeMs\":0,"
      "\"commitTimeMs\":0,\"memoryUsedBytes\":4096,\"numRowsDroppedByWatermark\":1,"
      "\"numShufflePartitions\":1,\"numStateStoreInstances\":1}],"
      "\"sources\":[{\"description\":\"KafkaV2[Subscribe[nest-logs]]\",\"startOffset\":null,"
      "\"endOffset\":{\"nest-logs\":{\"0\":10}},\"latestOffset\":{\"nest-logs\":{\"0\":10}},"
      "\"numInputRows\":10,\"inputRowsPerSecond\":120.0,\"processedRowsPerSecond\":200.0}],"
      "\"sink\":{\"description\":\"KafkaSink\",\"numOutputRows\":2}}");
  EXPECT_TRUE(stdlib::parseJson(j));
}

TEST(QueryProgress, OmitsNaNRatesAndEmptyMapsAndPrintsNullName) {
  QueryProgress p;
  p.id = "i";
  p.runId = "r";
  const std::string j = p.json();
  EXPECT_EQ(
      j,
      "{\"id\":\"i\",\"runId\":\"r\",\"name\":null,\"timestamp\":\"1970-01-01T00:00:00.000Z\","
      "\"batchId\":0,\"batchDuration\":0,\"numInputRows\":0,\"stateOperators\":[],"
      "\"sources\":[],\"sink\":{\"description\":\"\",\"numOutputRows\":-1}}");
}

TEST(QueryProgress, EscapesStringsAndKeepsNonJsonOffsetsAsStrings) {
  QueryProgress p = sample();
  p.name = "we\"ird\nname\\\x01";
  p.sources[0].description = "file:/tmp/a \"b\"";
  p.sources[0].startOffset = "not json {";
  p.sources[0].metrics = {{"avgOffsetsBehindLatest", "0.0"}};
  p.sink.metrics = {{"k\"", "v\n"}};
  const std::string j = p.json();
  EXPECT_NE(j.find("\"name\":\"we\\\"ird\\nname\\\\\\u0001\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"description\":\"file:/tmp/a \\\"b\\\"\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"startOffset\":\"not json {\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"metrics\":{\"avgOffsetsBehindLatest\":\"0.0\"}"), std::string::npos) << j;
  EXPECT_NE(j.find("\"metrics\":{\"k\\\"\":\"v\\n\"}"), std::string::npos) << j;
  const auto parsed = stdlib::parseJson(j);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->field("name")->text, *p.name);
}

TEST(QueryProgress, PrettyJsonLikeSpark) {
  QueryProgress p;
  p.id = "i";
  p.runId = "r";
  p.name = "q";
  p.timestampMs = 1000;
  p.durationMs = {{"triggerExecution", 3}};
  SourceProgress s;
  s.description = "MemoryStream";
  s.endOffset = "{\"t\":{\"0\":1}}";
  p.sources.push_back(s);
  EXPECT_EQ(p.prettyJson(),
            "{\n"
            "  \"id\" : \"i\",\n"
            "  \"runId\" : \"r\",\n"
            "  \"name\" : \"q\",\n"
            "  \"timestamp\" : \"1970-01-01T00:00:01.000Z\",\n"
            "  \"batchId\" : 0,\n"
            "  \"batchDuration\" : 0,\n"
            "  \"numInputRows\" : 0,\n"
            "  \"durationMs\" : {\n"
            "    \"triggerExecution\" : 3\n"
            "  },\n"
            "  \"stateOperators\" : [ ],\n"
            "  \"sources\" : [ {\n"
            "    \"description\" : \"MemoryStream\",\n"
            "    \"startOffset\" : null,\n"
            "    \"endOffset\" : {\n"
            "      \"t\" : {\n"
            "        \"0\" : 1\n"
            "      }\n"
            "    },\n"
            "    \"latestOffset\" : null,\n"
            "    \"numInputRows\" : 0\n"
            "  } ],\n"
            "  \"sink\" : {\n"
            "    \"description\" : \"\",\n"
            "    \"numOutputRows\" : -1\n"
            "  }\n"
            "}");
}

TEST(QueryProgress, Timestamps) {
  EXPECT_EQ(formatIsoTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoTimestamp(1498662000123), "2017-06-28T15:00:00.123Z");
  EXPECT_EQ(formatIsoTimestamp(-1), "1969-12-31T23:59:59.999Z");
}

TEST(QueryProgress, JavaDoubles) {
  EXPECT_EQ(formatJavaDouble(120.0), "120.0");
  EXPECT_EQ(formatJavaDouble(0.0), "0.0");
  EXPECT_EQ(formatJavaDouble(1234.5678), "1234.5678");
  EXPECT_EQ(formatJavaDouble(0.001), "0.001");
  EXPECT_EQ(formatJavaDouble(0.0005), "5.0E-4");
  EXPECT_EQ(formatJavaDouble(9999999.0), "9999999.0");
  EXPECT_EQ(formatJavaDouble(1e7), "1.0E7");
  EXPECT_EQ(formatJavaDouble(12345678.9), "1.23456789E7");
  EXPECT_EQ(formatJavaDouble(-2.5), "-2.5");
  EXPECT_EQ(formatJavaDouble(1.0 / 3), "0.3333333333333333");
}

TEST(QueryProgress, Rates) {
  EXPECT_DOUBLE_EQ(rowsPerSecond(10, 50), 200.0);
  EXPECT_TRUE(std::isnan(rowsPerSecond(10, 0)));
}

}  // namespace
}  // namespace sluice
