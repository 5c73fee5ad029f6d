// ysb_bench: the Yahoo Streaming Benchmark query — keep view events, join ad_id ->
// campaign_id, count per campaign in 10-second tumbling windows — over JSON records held in
// memory, run (a) as a sluice SQL query compiled to JIT kernels and (b) as hand-written C++
// (ysb_baseline.h: simdjson On-Demand + absl::flat_hash_map), in one process.
//
// The events are shaped as Spark's Kafka source delivers them: the SQL reads a Kafka table
// (`value` holds the JSON bytes), and this program hands the compiled plan batches of
// in-memory records instead of fetching them from a broker. The campaigns (1000 ads in 100
// campaigns) are a CSV file table in a temporary directory.
//
// Prints the median (over --runs) records/s of sluice and of both baseline builds, the
// ratios, and the compile latency (SQL text -> runnable kernels). Exits 1 when the three
// implementations disagree on any count.
//
// Usage: ysb_bench [--records N] [--batch B] [--runs R] [--only sluice|baseline]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "bench/ysb_baseline.h"
#include "codegen/query_compiler.h"
#include "frontend/error.h"
#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/physical/phys_scan.h"
#include "planner/session/statement_planner.h"
#include "planner/sources/kafka_source.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/table.h"

namespace {

namespace fs = std::filesystem;
using sluice::bench::AdCampaigns;
using sluice::bench::Clock;
using sluice::bench::kWindowMs;
using sluice::bench::median;
using sluice::bench::secondsSince;
using sluice::bench::ViewCount;

// ---------------------------------------------------------------------------------------
// Data: YSB's event generator, deterministic.

using sluice::bench::Rng;
using sluice::bench::uuid;

struct Dataset {
  AdCampaigns ads;                       // 1000 ads, ad i in campaign i / 10
  std::vector<std::string> campaignIds;  // 100 campaigns
  std::string buffer;                    // all records, newline-separated, padded at the end
  std::vector<std::string_view> records;
};

constexpr int kAds = 1000;
constexpr int kCampaigns = 100;
constexpr int64_t kStartMs = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

Dataset generate(int64_t n) {
  Dataset d;
  Rng rng{42};
  for (int c = 0; c < kCampaigns; ++c) d.campaignIds.push_back(uuid(rng));
  for (int a = 0; a < kAds; ++a) {
    d.ads.adIds.push_back(uuid(rng));
    d.ads.adCampaign.push_back(a / (kAds / kCampaigns));
  }
  std::vector<std::string> users, pages;
  for (int i = 0; i < 100; ++i) users.push_back(uuid(rng));
  for (int i = 0; i < 100; ++i) pages.push_back(uuid(rng));
  static const char* kAdTypes[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
  static const char* kEventTypes[] = {"view", "click", "purchase"};
  std::vector<size_t> ends;
  d.buffer.reserve(static_cast<size_t>(n) * 260);
  for (int64_t i = 0; i < n; ++i) {
    // 10k events per second of event time, up to a second out of order.
    const int64_t t = kStartMs + i / 10 + static_cast<int64_t>(rng.below(1000));
    char ip[16];
    std::snprintf(ip, sizeof ip, "%u.%u.%u.%u", unsigned(rng.below(256)), unsigned(rng.below(256)),
                  unsigned(rng.below(256)), unsigned(rng.below(256)));
    d.buffer += R"({"user_id":")" + users[rng.below(users.size())] + R"(","page_id":")" +
                pages[rng.below(pages.size())] + R"(","ad_id":")" + d.ads.adIds[rng.below(kAds)] +
                R"(","ad_type":")" + kAdTypes[rng.below(5)] + R"(","event_type":")" +
                kEventTypes[rng.below(3)] + R"(","event_time":)" + std::to_string(t) +
                R"(,"ip_address":")" + ip + "\"}";
    ends.push_back(d.buffer.size());
    d.buffer += '\n';
  }
  d.buffer.append(64, ' ');  // simdjson's padding after the last record
  size_t begin = 0;
  for (size_t e : ends) {
    d.records.emplace_back(d.buffer.data() + begin, e - begin);
    begin = e + 1;
  }
  return d;
}

// Canonical form of a result, for comparing implementations.
using Counts = std::map<std::pair<int32_t, int64_t>, int64_t>;

Counts canonical(const std::vector<ViewCount>& v) {
  Counts c;
  for (const auto& r : v) c[{r.campaign, r.windowStartMs}] += r.count;
  return c;
}

// ---------------------------------------------------------------------------------------
// sluice: the query text, compiled through the internal API, run over in-memory batches.

std::string querySql(const std::string& campaignsCsv) {
  return R"sql(
CREATE TABLE events USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092', subscribe 'ysb-events');
CREATE TABLE campaigns (ad_id STRING, campaign_id STRING) USING csv OPTIONS (
  path ')sql" +
         campaignsCsv +
         R"sql(', header 'true');
SELECT campaign_id, w.start AS window_start, n FROM (
  SELECT c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds') AS w,
         count(*) AS n
  FROM (SELECT from_json(CAST(value AS STRING),
                         'ad_id STRING, event_type STRING, event_time BIGINT') AS j
        FROM events) e
  JOIN campaigns c ON e.j.ad_id = c.ad_id
  WHERE e.j.event_type = 'view'
  GROUP BY c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds'));
)sql";
}

// A compiled script: everything the plan and kernels refer to stays alive with it.
struct Compiled {
  sluice::ast::Script script;
  sluice::Catalog catalog;
  sluice::StatementPlanner planner{catalog};
  std::optional<sluice::PlannedStatement> select;
  std::optional<sluice::CompiledQuery> query;
  double planSeconds = 0, codegenSeconds = 0;
};

std::unique_ptr<Compiled> compile(const std::string& sql) {
  auto c = std::make_unique<Compiled>();
  const auto t0 = Clock::now();
  auto file = std::make_shared<sluice::SourceFile>();
  file->name = "ysb.sql";
  file->text = sql;
  c->script = sluice::parseScript(file);
  for (const auto& s : c->script.statements) c->select = c->planner.plan(*s, c->script.file);
  if (!c->select->query || !c->select->query->physical)
    throw std::runtime_error("no physical plan: " +
                             (c->select->query ? c->select->query->physicalError : ""));
  c->planSeconds = secondsSince(t0);
  const auto t1 = Clock::now();
  c->query.emplace(sluice::compileQuery(*c->select->query->physical));
  c->codegenSeconds = secondsSince(t1);
  return c;
}

struct SluiceRun {
  double seconds = 0;     // whole query
  double cpuSeconds = 0;  // its CPU, every thread
  double buildSeconds = 0, probeSeconds = 0, outputSeconds = 0;
  Counts counts;
};

// One run of the compiled query over every record, in batches of `batchRows` as a stream of
// micro-batches would deliver them: the pipelines before the event scan (the campaigns join
// build) once, the event pipeline per batch, the ones after (aggregate output) once.
SluiceRun runSluice(const Compiled& c, const Dataset& d, int64_t batchRows,
                    const std::vector<std::string>& campaignIds) {
  const sluice::bench::RecordsRun run = sluice::bench::runOverRecords(
      *c.select->query->physical, *c.query, d.records, batchRows, "ysb-events", kStartMs * 1000);
  const sluice::Table& t = run.result;
  SluiceRun r;
  r.seconds = run.seconds;
  r.cpuSeconds = run.cpuSeconds;
  r.buildSeconds = run.buildSeconds;
  r.probeSeconds = run.batchesSeconds;
  r.outputSeconds = run.outputSeconds;

  std::map<std::string, int32_t> campaignIndex;
  for (size_t i = 0; i < campaignIds.size(); ++i)
    campaignIndex[campaignIds[i]] = static_cast<int32_t>(i);
  for (int64_t row = 0; row < t.rows(); ++row) {
    auto it = campaignIndex.find(t.getString(row, 0));
    if (it == campaignIndex.end())
      throw std::runtime_error("sluice returned unknown campaign " + t.getString(row, 0));
    r.counts[{it->second, t.getInt(row, 1) / 1000}] += t.getInt(row, 2);
  }
  return r;
}

// ---------------------------------------------------------------------------------------

void compareOrDie(const Counts& expected, const Counts& actual, const char* what) {
  if (expected == actual) return;
  std::fprintf(stderr, "MISMATCH: %s differs from the portable baseline (%zu vs %zu groups)\n",
               what, actual.size(), expected.size());
  int shown = 0;
  for (const auto& [k, n] : expected) {
    auto it = actual.find(k);
    const int64_t got = it == actual.end() ? -1 : it->second;
    if (got != n && shown++ < 10)
      std::fprintf(stderr, "  campaign %d window %lld: expected %lld, got %lld\n", k.first,
                   static_cast<long long>(k.second), static_cast<long long>(n),
                   static_cast<long long>(got));
  }
  for (const auto& [k, n] : actual)
    if (!expected.count(k) && shown++ < 10)
      std::fprintf(stderr, "  campaign %d window %lld: unexpected count %lld\n", k.first,
                   static_cast<long long>(k.second), static_cast<long long>(n));
  std::exit(1);
}

struct Options {
  int64_t records = 1'000'000;
  int64_t batch = 100'000;
  int runs = 5;
  std::string only;  // "", "sluice" or "baseline"
};

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--records") {
      o.records = std::stoll(value());
    } else if (a == "--batch") {
      o.batch = std::stoll(value());
    } else if (a == "--runs") {
      o.runs = std::stoi(value());
    } else if (a == "--only") {
      o.only = value();
      if (o.only != "sluice" && o.only != "baseline")
        throw std::runtime_error("--only takes sluice or baseline, not " + o.only);
    } else {
      throw std::runtime_error(
          "usage: ysb_bench [--records N] [--batch B] [--runs R] [--only sluice|baseline]");
    }
  }
  if (o.records <= 0 || o.batch <= 0 || o.runs <= 0)
    throw std::runtime_error("--records, --batch and --runs must be positive");
  return o;
}

int run(const Options& o) {
  std::printf("generating %lld YSB events...\n", static_cast<long long>(o.records));
  const Dataset d = generate(o.records);
  const double avgBytes = double(d.buffer.size()) / double(d.records.size());
  std::printf("%lld records, %.0f bytes each on average, %d runs per measurement\n",
              static_cast<long long>(o.records), avgBytes, o.runs);

  char tmpl[] = "/tmp/ysb_bench.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("cannot create a temporary directory");
  const fs::path dir = tmpl;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  {
    std::ofstream csv(dir / "campaigns.csv");
    csv << "ad_id,campaign_id\n";
    for (size_t i = 0; i < d.ads.adIds.size(); ++i)
      csv << d.ads.adIds[i] << ',' << d.campaignIds[d.ads.adCampaign[i]] << '\n';
    if (!csv) throw std::runtime_error("cannot write " + (dir / "campaigns.csv").string());
  }
  const std::string sql = querySql((dir / "campaigns.csv").string());

  const auto rate = [&](double s) { return double(o.records) / s; };
  Counts expected;
  std::vector<double> portableS, nativeS, portableCpu, sluiceCpu;
  std::vector<double> compileMs, planMs, codegenMs, sluiceS, buildS, probeS, outputS;
  std::unique_ptr<Compiled> compiled;
  if (o.only != "baseline") {
    for (int i = 0; i < o.runs; ++i) {
      const auto t = Clock::now();
      compiled = compile(sql);
      compileMs.push_back(secondsSince(t) * 1e3);
      planMs.push_back(compiled->planSeconds * 1e3);
      codegenMs.push_back(compiled->codegenSeconds * 1e3);
    }
  }
  // Rounds interleave the implementations, so a burst of load on this shared machine hits
  // both sides of a ratio alike.
  for (int i = 0; i < o.runs; ++i) {
    if (o.only != "sluice") {
      const double cpu = sluice::bench::processCpuSeconds();
      auto t = Clock::now();
      auto v = sluice::bench::portable::countViews(d.records, d.ads);
      portableS.push_back(secondsSince(t));
      portableCpu.push_back(sluice::bench::processCpuSeconds() - cpu);
      if (i == 0) expected = canonical(v);
      t = Clock::now();
      auto w = sluice::bench::native::countViews(d.records, d.ads);
      nativeS.push_back(secondsSince(t));
      if (i == 0) compareOrDie(expected, canonical(w), "the native baseline");
    }
    if (o.only != "baseline") {
      SluiceRun r = runSluice(*compiled, d, o.batch, d.campaignIds);
      sluiceS.push_back(r.seconds);
      sluiceCpu.push_back(r.cpuSeconds);
      buildS.push_back(r.buildSeconds);
      probeS.push_back(r.probeSeconds);
      outputS.push_back(r.outputSeconds);
      if (i == 0 && o.only.empty()) compareOrDie(expected, r.counts, "sluice");
      if (i == 0) expected = r.counts;
    }
  }

  std::printf("\nresult: %zu (campaign, window) groups, %lld views counted\n", expected.size(),
              [&] {
                long long s = 0;
                for (const auto& [k, n] : expected) s += n;
                return s;
              }());
  if (o.only.empty()) std::printf("all implementations agree on every count\n");
  std::printf("\n%-48s %14s %10s\n", "implementation", "records/s", "MB/s");
  auto line = [&](const char* name, const std::vector<double>& s) {
    if (s.empty()) return;
    const double m = median(s);
    std::printf("%-48s %14.0f %10.1f\n", name, rate(m), double(d.buffer.size()) / m / 1e6);
  };
  line("sluice (SQL, JIT kernels)", sluiceS);
  const std::string portableName = std::string("hand-written, simdjson ") +
                                   sluice::bench::portable::simdjsonBuiltin() + " (portable)";
  const std::string nativeName = std::string("hand-written, simdjson ") +
                                 sluice::bench::native::simdjsonBuiltin() + " (-march=native)";
  line(portableName.c_str(), portableS);
  line(nativeName.c_str(), nativeS);
  if (o.only.empty()) {
    std::printf("\nratio sluice / hand-written (portable, same flags as sluice): %.2fx\n",
                median(portableS) / median(sluiceS));
    std::printf("ratio sluice / hand-written (-march=native):                  %.2fx\n",
                median(nativeS) / median(sluiceS));
    // Records per CPU second, every thread of sluice's counted: the kernels' efficiency,
    // robust to other load on the machine (wall-clock ratios are not) and to how many
    // worker threads sluice ran (the baseline runs on one).
    std::printf("ratio sluice / hand-written (portable), per CPU second:       %.2fx\n",
                median(portableCpu) / median(sluiceCpu));
  }
  if (!compileMs.empty()) {
    std::printf(
        "\nsluice phases (median): join build %.1f ms, event batches %.1f ms, "
        "aggregate output %.1f ms\n",
        median(buildS) * 1e3, median(probeS) * 1e3, median(outputS) * 1e3);
    std::printf(
        "compile latency, SQL text -> runnable kernels (median): %.1f ms "
        "(parse + plan %.1f ms, codegen + JIT %.1f ms)\n",
        median(compileMs), median(planMs), median(codegenMs));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parseArgs(argc, argv));
  } catch (const sluice::Error& e) {
    std::fprintf(stderr, "ysb_bench: %s\n", e.render().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ysb_bench: %s\n", e.what());
  }
  return 1;
}
