#include "runtime/progress/source_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "runtime/progress/input_rates.h"
#include "runtime/progress/query_monitor.h"

namespace sluice {
namespace {

TEST(SourceMetricsTest, SparksKafkaOffsetsBehindLatest) {
  const auto m = kafkaSourceMetrics(R"({"a":{"0":10,"1":4},"b":{"0":7}})",
                                    R"({"a":{"0":7,"1":4},"b":{"0":6}})");
  EXPECT_EQ(m.at("minOffsetsBehindLatest"), "0");
  EXPECT_EQ(m.at("maxOffsetsBehindLatest"), "3");
  EXPECT_EQ(m.at("avgOffsetsBehindLatest"), "1.3333333333333333");
  // Caught up: "0.0" as the JVM prints a double.
  EXPECT_EQ(kafkaSourceMetrics(R"({"a":{"0":3}})", R"({"a":{"0":3}})").at("avgOffsetsBehindLatest"),
            "0.0");
  // A partition the batch did not reach yet counts from 0.
  EXPECT_EQ(
      kafkaSourceMetrics(R"({"a":{"0":3,"1":2}})", R"({"a":{"0":3}})").at("maxOffsetsBehindLatest"),
      "2");
  // Not Kafka offsets (the file source), or nothing: no metrics.
  EXPECT_TRUE(kafkaSourceMetrics(R"({"logOffset":3})", R"({"logOffset":2})").empty());
  EXPECT_TRUE(kafkaSourceMetrics("{}", "{}").empty());
  EXPECT_TRUE(kafkaSourceMetrics("not json", "{}").empty());
}

TEST(InputRatesTest, SparksInputRowsPerSecond) {
  InputRateTracker t;
  QueryProgress p;
  p.timestampMs = 10'000;
  p.numInputRows = 40;
  p.sources.resize(1);
  p.sources[0].numInputRows = 40;
  t.apply(p);
  EXPECT_EQ(p.inputRowsPerSecond, 0.0);  // first trigger: rows / infinity
  p.timestampMs = 12'000;                // 2 s after the previous trigger started
  p.numInputRows = 50;
  p.sources[0].numInputRows = 30;
  t.apply(p);
  EXPECT_DOUBLE_EQ(p.inputRowsPerSecond, 25.0);
  EXPECT_DOUBLE_EQ(p.sources[0].inputRowsPerSecond, 15.0);
  t.apply(p);  // same start: division by zero, left out of the JSON
  EXPECT_TRUE(std::isnan(p.inputRowsPerSecond));
}

TEST(QueryMonitorTest, SnapshotsAreImmutableAndBounded) {
  QueryMonitor m(QueryInfo{}, 3);
  EXPECT_EQ(m.snapshot().state, QueryState::Starting);
  QueryProgress p;
  for (int i = 0; i < 5; ++i) {
    p.batchId = i;
    p.numInputRows = 2;
    p.batchDuration = 40;
    m.publish(p);
  }
  auto s = m.snapshot();
  EXPECT_EQ(s.state, QueryState::Active);
  ASSERT_EQ(s.recent.size(), 3u);  // the capacity
  EXPECT_EQ(s.recent.front()->batchId, 2);
  EXPECT_EQ(s.totals.batches, 5);
  EXPECT_EQ(s.totals.inputRows, 10);
  p.batchId = 99;
  m.publish(p);
  EXPECT_EQ(s.recent.back()->batchId, 4);  // an earlier snapshot does not change
  m.finish(std::nullopt);
  EXPECT_EQ(m.snapshot().state, QueryState::Stopped);
  EXPECT_STREQ(queryStateName(QueryState::Failed), "failed");
}

}  // namespace
}  // namespace sluice
