// The web UI in a real browser: a streaming query runs against the embedded broker with
// `Engine::startUi`; headless Chromium (Debian's `chromium`, installed by tools/setup.sh) loads
// the page and dumps its DOM after the page's script ran; the numbers behind the charts must be
// those of /api/queries' progress JSON. Then /metrics is scraped and checked against it too.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/kafka/kafka_test_util.h"
#include "sluice/engine.h"
#include "stdlib/json.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

using stdlib::JsonValue;

// GET http://address/path with a plain socket; the body ("" on failure).
std::string httpGet(const std::string& address, const std::string& path) {
  const size_t colon = address.rfind(':');
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
  ::inet_pton(AF_INET, address.substr(0, colon).c_str(), &a.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return "";
  }
  const std::string req = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(fd, req.data(), req.size(), 0);
  std::string out;
  char buf[8192];
  for (ssize_t r; (r = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    out.append(buf, static_cast<size_t>(r));
  ::close(fd);
  const size_t body = out.find("\r\n\r\n");
  return body == std::string::npos ? "" : out.substr(body + 4);
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[8192];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

// The values of series `label` in chart `chart` of the dumped DOM (nullopt: not drawn).
std::optional<std::vector<std::string>> seriesValues(const std::string& dom,
                                                     const std::string& chart,
                                                     const std::string& label) {
  const size_t c = dom.find("data-chart=\"" + chart + "\"");
  if (c == std::string::npos) return std::nullopt;
  const size_t end = dom.find("</svg>", c);
  const size_t s = dom.find("data-series=\"" + label + "\" data-values=\"", c);
  if (s == std::string::npos || s > end) return std::nullopt;
  const size_t v = dom.find("data-values=\"", s) + 13;
  const std::string text = dom.substr(v, dom.find('"', v) - v);
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find(',', i);
    if (j == std::string::npos) j = text.size();
    out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// A JSON number field as a double (NaN when absent, as Spark leaves NaN rates out).
double num(const JsonValue& o, const char* field) {
  const JsonValue* f = o.field(field);
  return f ? std::stod(f->text) : std::nan("");
}

void expectSame(const std::string& shown, double expected, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_EQ(shown, "") << what;
    return;
  }
  ASSERT_FALSE(shown.empty()) << what;
  EXPECT_NEAR(std::stod(shown), expected, 1e-9 * std::max(1.0, std::fabs(expected))) << what;
}

class WebUiTest : public BrokerTestFixture {
 protected:
  WebUiTest() : BrokerTestFixture({{"in", 2}}, "sluice-webui-") {}
  static constexpr int64_t kEpochMs = 1700000000000;  // a multiple of 10 s

  void produceAt(const std::vector<int64_t>& seconds) {
    std::vector<testing::TestRecord> recs;
    for (size_t i = 0; i < seconds.size(); ++i)
      recs.emplace_back(std::string("k"), std::string("v"), static_cast<int32_t>(i % 2),
                        kEpochMs + seconds[i] * 1000);
    testing::produce(broker_->bootstrapServers(), "in", recs);
  }

  std::string script() const {
    return "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           broker_->bootstrapServers() +
           "', subscribe 'in', startingOffsets 'earliest', maxOffsetsPerTrigger '10');\n"
           "CREATE TABLE out (key STRING, value STRING) USING memory;\n"
           "CREATE STREAMING QUERY web_counts OPTIONS (checkpointLocation '" +
           (dir_ / "cp").string() +
           "', outputMode 'update', trigger '100 milliseconds') AS INSERT INTO out\n"
           "SELECT CAST(window.start AS STRING) AS key, CAST(count(*) AS STRING) AS value\n"
           "FROM STREAM src WATERMARK timestamp DELAY OF INTERVAL 10 SECONDS\n"
           "GROUP BY window(timestamp, '10 seconds');\n";
  }

  // Waits until /api/queries shows `rows` input rows in total and `late` late rows.
  std::optional<JsonValue> waitFor(const std::string& ui, int64_t rows, int64_t late) {
    for (int i = 0; i < 300; ++i) {
      auto v = stdlib::parseJson(httpGet(ui, "/api/queries"));
      if (v && v->items.size() == 1 && num(v->items[0], "inputRowsTotal") == rows &&
          num(v->items[0], "lateRowsTotal") == late)
        return v;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return std::nullopt;
  }
};

TEST_F(WebUiTest, ChromiumShowsTheProgressJsonAndMetricsAgree) {
  const bool ci = std::getenv("CI") && std::string(std::getenv("CI")) == "true";
  if (run("command -v chromium").empty()) {
    if (ci) FAIL() << "chromium is not installed (tools/setup.sh installs it)";
    GTEST_SKIP() << "chromium is not installed (bash tools/setup.sh installs it)";
  }
  std::vector<int64_t> times;
  for (int s = 0; s < 40; ++s) times.push_back(s);
  produceAt(times);

  Engine engine;
  const std::string ui = engine.startUi("127.0.0.1:0");
  std::thread query([&] { engine.execute(script()); });
  struct Stop {
    Engine& e;
    std::thread& t;
    ~Stop() {
      e.requestStop();
      t.join();
    }
  } stop{engine, query};

  ASSERT_TRUE(waitFor(ui, 40, 0)) << httpGet(ui, "/api/queries");
  produceAt({0});  // window [0 s, 10 s) closed long ago: dropped as late
  std::optional<JsonValue> api = waitFor(ui, 41, 1);
  ASSERT_TRUE(api) << httpGet(ui, "/api/queries");

  const std::string dom =
      run("timeout 90 chromium --headless --no-sandbox --disable-gpu "
          "--user-data-dir=" +
          (dir_ / "chromium").string() + " --virtual-time-budget=5000 --dump-dom http://" + ui +
          "/ 2>/dev/null");
  ASSERT_NE(dom.find("data-loaded=\"true\""), std::string::npos) << dom.substr(0, 2000);
  // No batch ran meanwhile (no new data), so the DOM and `api` describe the same batches.
  auto again = stdlib::parseJson(httpGet(ui, "/api/queries"));
  ASSERT_TRUE(again);
  const auto& recent = api->items[0].field("recentProgress")->items;
  ASSERT_EQ(again->items[0].field("recentProgress")->items.size(), recent.size());
  ASSERT_GE(recent.size(), 5u);  // 4 batches of 10 records, then the late one

  // The list: the query's row.
  EXPECT_NE(dom.find("<tr data-query=\"web_counts\"><td><a href=\"#query-0\">web_counts</a></td>"),
            std::string::npos);
  EXPECT_NE(dom.find("data-points=\"" + std::to_string(recent.size()) + "\""), std::string::npos);
  // Chart by chart, point by point: the rates, state rows, late rows and consumer lag.
  auto rates = seriesValues(dom, "rates", "inputRowsPerSecond");
  auto processed = seriesValues(dom, "rates", "processedRowsPerSecond");
  auto stateRows = seriesValues(dom, "state-rows", "0:stateStoreSave");
  auto late = seriesValues(dom, "late-rows", "numRowsDroppedByWatermark");
  auto behind0 = seriesValues(dom, "offsets-behind", "in/0");
  auto behind1 = seriesValues(dom, "offsets-behind", "in/1");
  ASSERT_TRUE(rates && processed && stateRows && late && behind0 && behind1) << dom;
  ASSERT_EQ(rates->size(), recent.size());
  int64_t lateShown = 0, maxBehind = 0;
  for (size_t i = 0; i < recent.size(); ++i) {
    const JsonValue& p = recent[i];
    const std::string at = "batch " + p.field("batchId")->text;
    expectSame((*rates)[i], num(p, "inputRowsPerSecond"), at + " inputRowsPerSecond");
    expectSame((*processed)[i], num(p, "processedRowsPerSecond"), at + " processedRowsPerSecond");
    const JsonValue& op = p.field("stateOperators")->items.at(0);
    expectSame((*stateRows)[i], num(op, "numRowsTotal"), at + " numRowsTotal");
    expectSame((*late)[i], num(op, "numRowsDroppedByWatermark"), at + " late rows");
    lateShown += std::stoll((*late)[i]);
    const JsonValue& src = p.field("sources")->items.at(0);
    const JsonValue* latest = src.field("latestOffset");
    const JsonValue* end = src.field("endOffset");
    for (auto [part, shown] : {std::pair{"0", &*behind0}, std::pair{"1", &*behind1}}) {
      const double gap = std::stod(latest->field("in")->field(part)->text) -
                         std::stod(end->field("in")->field(part)->text);
      expectSame((*shown)[i], gap, at + " offsets behind, partition " + part);
      maxBehind = std::max<int64_t>(maxBehind, static_cast<int64_t>(gap));
    }
    // Spark's Kafka source metrics agree with the offsets.
    EXPECT_NE(src.field("metrics"), nullptr) << at;
  }
  EXPECT_EQ(lateShown, 1);
  EXPECT_GT(maxBehind, 0);  // maxOffsetsPerTrigger left records behind in the first batches
  const JsonValue& last = recent.back();
  EXPECT_NE(dom.find("<td data-field=\"numInputRows\">" + last.field("numInputRows")->text + "<"),
            std::string::npos);
  EXPECT_NE(dom.find("<td data-field=\"batchId\">" + last.field("batchId")->text + "<"),
            std::string::npos);

  // The Prometheus scrape tells the same story.
  const std::string metrics = httpGet(ui, "/metrics");
  EXPECT_NE(metrics.find("sluice_query_input_rows_total{query=\"web_counts\"} 41\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(
      metrics.find("sluice_state_late_rows_dropped_total{query=\"web_counts\",operator=\"0\"} 1\n"),
      std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("sluice_query_batch_duration_seconds_count{query=\"web_counts\"} " +
                         api->items[0].field("batches")->text + "\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("sluice_source_offsets_behind_latest{query=\"web_counts\",source=\"" +
                         recent.back().field("sources")->items[0].field("description")->text +
                         "\",topic=\"in\",partition=\"0\"} 0\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("sluice_query_kernel_compile_seconds{query=\"web_counts\"}"),
            std::string::npos);
  // The generated IR, on request.
  EXPECT_NE(httpGet(ui, "/api/queries/0/ir").find("define"), std::string::npos);
}

}  // namespace
}  // namespace sluice
