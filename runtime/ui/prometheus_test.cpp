#include "runtime/ui/prometheus.h"

#include <gtest/gtest.h>

#include "runtime/ui/api_json.h"
#include "runtime/ui/ui_server.h"
#include "stdlib/json.h"

namespace sluice {
namespace {

QueryProgress batch(int64_t id, int64_t rows, int64_t durationMs) {
  QueryProgress p;
  p.id = "qid";
  p.runId = "rid";
  p.name = "stats";
  p.timestampMs = 1000 * id;
  p.batchId = id;
  p.batchDuration = durationMs;
  p.numInputRows = rows;
  p.inputRowsPerSecond = static_cast<double>(rows);
  p.processedRowsPerSecond = 2.5 * static_cast<double>(rows);
  p.eventTime = {{"max", "2017-06-28T15:10:00.000Z"}, {"watermark", "2017-06-28T15:00:00.000Z"}};
  StateOperatorProgress op;
  op.operatorName = "stateStoreSave";
  op.numRowsTotal = 10 * id;
  op.memoryUsedBytes = 4096;
  op.numRowsDroppedByWatermark = 1;
  p.stateOperators.push_back(op);
  SourceProgress s;
  s.description = "KafkaV2[Subscribe[t]]";
  s.endOffset = R"({"t":{"0":5,"1":7}})";
  s.latestOffset = R"({"t":{"0":9,"1":7}})";
  s.numInputRows = rows;
  p.sources.push_back(s);
  p.sink.description = "MemorySink";
  p.sink.numOutputRows = 3;
  return p;
}

QueryInfo info() {
  QueryInfo i;
  i.name = "stats";
  i.trigger = "ProcessingTime(1000 ms)";
  i.sources = {"logs (kafka)"};
  i.sink = "out (memory)";
  i.queryText = "CREATE STREAMING QUERY stats ...";
  i.plan = "*(1) Scan";
  i.compileMs = 12.5;
  return i;
}

TEST(PrometheusTest, RendersCountersGaugesAndAHistogram) {
  QueryRegistry reg;
  auto m = reg.add(info());
  m->publish(batch(0, 100, 20));   // 0.02 s
  m->publish(batch(1, 50, 3000));  // 3 s
  const std::string text = prometheusMetrics(reg);
  auto has = [&](const std::string& line) {
    EXPECT_NE(text.find(line + "\n"), std::string::npos) << "missing: " << line << "\n" << text;
  };
  has("# TYPE sluice_query_input_rows_total counter");
  has("sluice_query_input_rows_total{query=\"stats\"} 150");
  has("sluice_query_batches_total{query=\"stats\"} 2");
  has("sluice_query_output_rows_total{query=\"stats\"} 6");
  has("sluice_source_input_rows_total{query=\"stats\",source=\"KafkaV2[Subscribe[t]]\"} 150");
  has("sluice_query_input_rows_per_second{query=\"stats\"} 50");
  has("sluice_query_processed_rows_per_second{query=\"stats\"} 125");
  has("# TYPE sluice_query_batch_duration_seconds histogram");
  has("sluice_query_batch_duration_seconds_bucket{query=\"stats\",le=\"0.01\"} 0");
  has("sluice_query_batch_duration_seconds_bucket{query=\"stats\",le=\"0.025\"} 1");
  has("sluice_query_batch_duration_seconds_bucket{query=\"stats\",le=\"2.5\"} 1");
  has("sluice_query_batch_duration_seconds_bucket{query=\"stats\",le=\"5\"} 2");
  has("sluice_query_batch_duration_seconds_bucket{query=\"stats\",le=\"+Inf\"} 2");
  has("sluice_query_batch_duration_seconds_sum{query=\"stats\"} 3.02");
  has("sluice_query_batch_duration_seconds_count{query=\"stats\"} 2");
  has("sluice_state_rows{query=\"stats\",operator=\"0\",name=\"stateStoreSave\"} 10");
  has("sluice_state_memory_bytes{query=\"stats\",operator=\"0\",name=\"stateStoreSave\"} 4096");
  has("sluice_state_late_rows_dropped_total{query=\"stats\",operator=\"0\"} 2");
  has("sluice_query_watermark_lag_seconds{query=\"stats\"} 600");
  has("sluice_query_kernel_compile_seconds{query=\"stats\"} 0.0125");
  has("sluice_source_offsets_behind_latest{query=\"stats\",source=\"KafkaV2[Subscribe[t]]\","
      "topic=\"t\",partition=\"0\"} 4");
  has("sluice_source_offsets_behind_latest{query=\"stats\",source=\"KafkaV2[Subscribe[t]]\","
      "topic=\"t\",partition=\"1\"} 0");
  // Each family's HELP/TYPE comes once.
  size_t n = 0;
  for (size_t at = 0;
       (at = text.find("# TYPE sluice_query_batch_duration_seconds ", at)) != std::string::npos;
       ++at)
    ++n;
  EXPECT_EQ(n, 1u);
}

TEST(PrometheusTest, EscapesLabelsAndParsesTimestamps) {
  EXPECT_EQ(escapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(parseIsoTimestampMs("1970-01-01T00:00:01.250Z"), 1250);
  EXPECT_EQ(parseIsoTimestampMs("2017-06-28T15:00:00.000Z"), 1498662000000);
  EXPECT_FALSE(parseIsoTimestampMs("yesterday"));
}

TEST(PrometheusTest, NoLagBeforeTheFirstWatermark) {
  QueryRegistry reg;
  auto m = reg.add(info());
  QueryProgress p = batch(0, 1, 1);
  p.eventTime["watermark"] = "1970-01-01T00:00:00.000Z";
  m->publish(p);
  EXPECT_EQ(prometheusMetrics(reg).find("sluice_query_watermark_lag_seconds{"), std::string::npos);
}

TEST(ApiJsonTest, QueriesWithRecentProgressAndState) {
  QueryRegistry reg;
  auto m = reg.add(info());
  m->publish(batch(0, 100, 20));
  m->publish(batch(1, 50, 30));
  m->finish(std::string("boom at line 3"));
  const auto v = stdlib::parseJson(queriesJson(reg));
  ASSERT_TRUE(v);
  ASSERT_EQ(v->items.size(), 1u);
  const auto& q = v->items[0];
  EXPECT_EQ(q.field("name")->text, "stats");
  EXPECT_EQ(q.field("status")->text, "failed");
  EXPECT_EQ(q.field("error")->text, "boom at line 3");
  EXPECT_EQ(q.field("lastBatch")->text, "1");
  EXPECT_EQ(q.field("inputRowsTotal")->text, "150");
  EXPECT_EQ(q.field("lateRowsTotal")->text, "2");
  EXPECT_EQ(q.field("queryText")->text, "CREATE STREAMING QUERY stats ...");
  const auto* recent = q.field("recentProgress");
  ASSERT_EQ(recent->items.size(), 2u);
  EXPECT_EQ(recent->items[1].field("numInputRows")->text, "50");
  EXPECT_EQ(
      recent->items[1].field("sources")->items[0].field("endOffset")->field("t")->field("0")->text,
      "5");
}

TEST(UiRoutesTest, PagesApiMetricsIrAndNotFound) {
  QueryRegistry reg;
  auto m = reg.add(info());
  HttpRequest r;
  r.method = "GET";
  r.path = "/";
  HttpResponse resp = routeUiRequest(reg, r);
  EXPECT_EQ(resp.status, 200);
  EXPECT_NE(resp.contentType.find("text/html"), std::string::npos);
  EXPECT_NE(resp.body.find("svgEl(\"svg\""), std::string::npos);  // drawn by the page itself
  EXPECT_EQ(resp.body.find("http://"), resp.body.find("http://www.w3.org/2000/svg"));  // no CDN
  r.path = "/metrics";
  EXPECT_NE(routeUiRequest(reg, r).contentType.find("version=0.0.4"), std::string::npos);
  r.path = "/api/queries/0/ir";
  EXPECT_EQ(routeUiRequest(reg, r).status, 404);  // no IR source yet
  m->setIrSource([] { return std::string("define void @pipeline_1()"); });
  resp = routeUiRequest(reg, r);
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body, "define void @pipeline_1()");
  m->finish(std::nullopt);
  EXPECT_EQ(routeUiRequest(reg, r).status, 404);  // withdrawn when the query ended
  r.path = "/api/queries/7/ir";
  EXPECT_EQ(routeUiRequest(reg, r).status, 404);
  r.path = "/nope";
  EXPECT_EQ(routeUiRequest(reg, r).status, 404);
}

}  // namespace
}  // namespace sluice
