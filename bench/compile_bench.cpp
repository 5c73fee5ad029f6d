// Compile latency: how long sluice takes from SQL text to callable kernels, as the number of
// columns of a query grows, and for the Yahoo Streaming Benchmark query.
//
// The wide queries read a Kafka topic's value with from_json and an N-field struct schema
// (fields of five types in turn), in three shapes:
//   fields  SELECT j.* (every field a column of the result)
//   struct  SELECT to_json(struct(j.c0, ..., j.cN-1)) (every field read, then rebuilt)
//   tojson  SELECT to_json(j) (the struct passed through whole)
// For each it prints planning (parse + analyze + optimize + physical plan), IR generation and
// JIT (LLVM's passes and machine code) milliseconds, medians of --runs compilations. A query
// whose JIT time passes --budget seconds in one run is not run at larger sizes.
//
// It also compiles YSB with a persistent compile cache (cold: empty cache directory; warm:
// the same query again in a new JIT, as a restarted query would).
//
//   compile_bench [--columns 100,500,1000,2000,5000] [--shapes fields,struct,tojson]
//                 [--runs 3] [--opt 2] [--budget 60]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "codegen/query_compiler.h"
#include "frontend/error.h"
#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/session/statement_planner.h"

namespace {

namespace fs = std::filesystem;
using sluice::bench::Clock;
using sluice::bench::median;
using sluice::bench::secondsSince;

const char* kTypes[] = {"BIGINT", "STRING", "DOUBLE", "INT", "BOOLEAN"};

std::string wideSql(int n, const std::string& shape) {
  std::string schema, fields;
  for (int i = 0; i < n; ++i) {
    if (i) {
      schema += ", ";
      fields += ", ";
    }
    schema += "c" + std::to_string(i) + " " + kTypes[i % 5];
    fields += "j.c" + std::to_string(i);
  }
  std::string sql =
      "CREATE TABLE events USING kafka OPTIONS ("
      "'kafka.bootstrap.servers' '127.0.0.1:9092', subscribe 'wide');\n";
  const std::string inner =
      "(SELECT from_json(CAST(value AS STRING), '" + schema + "') AS j FROM events)";
  if (shape == "fields")
    sql += "SELECT j.* FROM " + inner + ";\n";
  else if (shape == "struct")
    sql += "SELECT to_json(struct(" + fields + ")) AS value FROM " + inner + ";\n";
  else if (shape == "tojson")
    sql += "SELECT to_json(j) AS value FROM " + inner + ";\n";
  else
    throw std::runtime_error("unknown shape " + shape + " (fields, struct or tojson)");
  return sql;
}

std::string ysbSql(const std::string& campaignsCsv) {
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

// CPU time of this process in milliseconds: robust to other load on a shared machine.
double cpuMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Measured {
  double planMs = 0, codegenMs = 0, jitMs = 0;
  double compileCpuMs = 0;  ///< CPU time of compileQuery (codegen + jit)
  int pipelines = 0;
  int cacheHits = 0;
};

// Plans every statement of `sql` and compiles the last one's query.
Measured compileOnce(const std::string& sql, int optLevel, const sluice::CompileOptions& base) {
  Measured m;
  sluice::Catalog catalog;
  sluice::StatementPlanner planner{catalog};
  const auto t0 = Clock::now();
  auto file = std::make_shared<sluice::SourceFile>();
  file->name = "compile_bench.sql";
  file->text = sql;
  sluice::ast::Script script = sluice::parseScript(file);
  std::optional<sluice::PlannedStatement> last;
  for (const auto& s : script.statements) last = planner.plan(*s, script.file);
  if (!last->query || !last->query->physical)
    throw std::runtime_error("no physical plan: " +
                             (last->query ? last->query->physicalError : std::string()));
  m.planMs = secondsSince(t0) * 1e3;
  sluice::CompileTimings timings;
  sluice::CompileOptions options = base;
  options.timings = &timings;
  const double c0 = cpuMs();
  sluice::CompiledQuery q = sluice::compileQuery(*last->query->physical, optLevel, options);
  m.compileCpuMs = cpuMs() - c0;
  m.codegenMs = timings.codegen;
  m.jitMs = timings.jit;
  m.pipelines = static_cast<int>(q.pipelines().size());
  m.cacheHits = timings.cacheHits;
  return m;
}

Measured medianOf(const std::string& sql, int runs, int optLevel,
                  const sluice::CompileOptions& options = {}) {
  std::vector<double> plan, codegen, jit, cpu;
  Measured last;
  for (int i = 0; i < runs; ++i) {
    last = compileOnce(sql, optLevel, options);
    plan.push_back(last.planMs);
    codegen.push_back(last.codegenMs);
    jit.push_back(last.jitMs);
    cpu.push_back(last.compileCpuMs);
  }
  return {median(plan), median(codegen), median(jit), median(cpu), last.pipelines, 0};
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

struct Options {
  std::vector<int> columns = {100, 500, 1000, 2000, 5000};
  std::vector<std::string> shapes = {"fields", "struct", "tojson"};
  int runs = 3;
  int opt = 2;
  double budget = 60;
};

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--columns") {
      o.columns.clear();
      for (const auto& c : split(value())) o.columns.push_back(std::stoi(c));
    } else if (a == "--shapes") {
      o.shapes = split(value());
    } else if (a == "--runs") {
      o.runs = std::stoi(value());
    } else if (a == "--opt") {
      o.opt = std::stoi(value());
    } else if (a == "--budget") {
      o.budget = std::stod(value());
    } else {
      throw std::runtime_error(
          "usage: compile_bench [--columns 100,500,...] [--shapes fields,struct,tojson] "
          "[--runs R] [--opt 0-3] [--budget S]");
    }
  }
  if (o.runs <= 0) throw std::runtime_error("--runs must be positive");
  return o;
}

int run(const Options& o) {
  std::printf("compile latency, optLevel %d, medians of %d runs (ms)\n\n", o.opt, o.runs);
  std::printf("%-8s %8s %10s %10s %10s %10s %12s\n", "shape", "columns", "plan", "codegen", "jit",
              "total", "compile cpu");
  for (const auto& shape : o.shapes) {
    bool over = false;
    for (int n : o.columns) {
      if (over) {
        std::printf("%-8s %8d %10s\n", shape.c_str(), n, "skipped (over budget)");
        continue;
      }
      const std::string sql = wideSql(n, shape);
      // One run first: a size far over budget is not run again.
      Measured m = compileOnce(sql, o.opt, {});
      if (m.jitMs <= o.budget * 1e3 && o.runs > 1) m = medianOf(sql, o.runs, o.opt);
      over = m.jitMs > o.budget * 1e3;
      std::printf("%-8s %8d %10.1f %10.1f %10.1f %10.1f %12.1f\n", shape.c_str(), n, m.planMs,
                  m.codegenMs, m.jitMs, m.planMs + m.codegenMs + m.jitMs, m.compileCpuMs);
      std::fflush(stdout);
    }
  }

  char tmpl[] = "/tmp/compile_bench.XXXXXX";
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
    for (int i = 0; i < 1000; ++i) csv << "ad" << i << ",c" << i / 10 << '\n';
  }
  const std::string ysb = ysbSql((dir / "campaigns.csv").string());
  compileOnce(ysb, o.opt, {});  // warm up: first use of LLVM's target, page faults
  const int ysbRuns = std::max(o.runs, 5);
  const Measured y = medianOf(ysb, ysbRuns, o.opt);
  std::printf(
      "\nYSB query (%d pipelines): plan %.1f ms, codegen %.1f ms, jit %.1f ms, total %.1f ms "
      "(compile cpu %.1f ms)\n",
      y.pipelines, y.planMs, y.codegenMs, y.jitMs, y.planMs + y.codegenMs + y.jitMs,
      y.compileCpuMs);

  // The persistent compile cache: the second compilation finds the kernels there, as a
  // restarted query does (a new JIT each time; only the cache directory is shared).
  sluice::CompileOptions cached;
  cached.keepIR = false;
  cached.cacheDir = (dir / "codegen").string();
  std::vector<double> coldJit, warmJit, warmTotal, warmCpu;
  int hits = 0;
  for (int i = 0; i < ysbRuns; ++i) {
    std::error_code ec;
    fs::remove_all(dir / "codegen", ec);
    coldJit.push_back(compileOnce(ysb, o.opt, cached).jitMs);
    const Measured w = compileOnce(ysb, o.opt, cached);
    warmJit.push_back(w.jitMs);
    warmTotal.push_back(w.planMs + w.codegenMs + w.jitMs);
    warmCpu.push_back(w.compileCpuMs);
    hits += w.cacheHits;
  }
  std::printf(
      "YSB with a compile cache: cold jit %.1f ms, warm jit %.1f ms (plan + codegen + jit "
      "%.1f ms, compile cpu %.1f ms; %d of %d kernels from the cache)\n",
      median(coldJit), median(warmJit), median(warmTotal), median(warmCpu), hits,
      ysbRuns * y.pipelines);

  // Tiered: the -O0 kernels are ready when compileQuery returns; -O2 follows on a thread.
  std::vector<double> firstTier, secondTier, firstCpu;
  for (int i = 0; i < ysbRuns; ++i) {
    sluice::Catalog catalog;
    sluice::StatementPlanner planner{catalog};
    auto file = std::make_shared<sluice::SourceFile>();
    file->name = "ysb.sql";
    file->text = ysb;
    sluice::ast::Script script = sluice::parseScript(file);
    std::optional<sluice::PlannedStatement> last;
    for (const auto& s : script.statements) last = planner.plan(*s, script.file);
    sluice::CompileTimings t;
    sluice::CompileOptions tiered;
    tiered.keepIR = false;
    tiered.tiered = true;
    tiered.timings = &t;
    const double c0 = cpuMs();
    sluice::CompiledQuery q = sluice::compileQuery(*last->query->physical, o.opt, tiered);
    firstCpu.push_back(cpuMs() - c0);
    firstTier.push_back(t.codegen + t.jit);
    if (!q.waitForOptimized()) throw std::runtime_error("tier 2 failed: " + q.tierError());
    secondTier.push_back(q.tierMs());
  }
  std::printf(
      "YSB tiered: -O0 kernels runnable after %.1f ms (codegen + jit, cpu %.1f ms), -O%d "
      "kernels swapped in %.1f ms later\n",
      median(firstTier), median(firstCpu), o.opt, median(secondTier));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parseArgs(argc, argv));
  } catch (const sluice::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.message().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
  }
  return 1;
}
