// nest_bench: the Nest sample's camera_stats query (samples/nest/nest.sql) — from_json of the
// Nest API schema, explode(devices.cameras), keep has_person sightings, join the cameras'
// zip codes (samples/nest/device_locations.csv), count per zip code and 1-hour window — over
// JSON records held in memory, run (a) as a sluice batch query compiled to JIT kernels and
// (b) as hand-written C++ (simdjson On-Demand + absl::flat_hash_map), in one process.
//
// The records have the shape samples/nest/nest_generator.cpp writes (same options, same
// defaults: 3 cameras per record, 30% person sightings, 2% cameras unknown to the CSV, 6 hours
// of event time). The SQL reads a Kafka table (`value` holds the JSON bytes) with FROM, and
// this program hands the compiled plan batches of in-memory records instead of a broker's.
// Both implementations are built with the same flags as sluice's libraries.
//
// Prints the median (over --runs) records/s of both, the ratio, and sluice's compile latency.
// Exits 1 when the two disagree on any count.
//
// --schema pruned gives from_json only the fields the query reads (what a schema-pruning
// optimizer would do), to measure how much of sluice's time parses fields nobody reads.
//
// Usage: nest_bench [--records N] [--batch B] [--runs R] [--locations CSV]
//                   [--schema full|pruned]
#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_common.h"
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
#include "samples/nest/nest_records.h"

#ifndef SLUICE_SOURCE_DIR
#error "define SLUICE_SOURCE_DIR (the repository, for samples/nest/device_locations.csv)"
#endif

// The kernel this translation unit's inline On-Demand code is built for (a macro: the
// function of the same name in libsimdjson.so names the library's own).
#define NEST_STR2(x) #x
#define NEST_STR(x) NEST_STR2(x)

namespace {

using sluice::bench::Clock;
using sluice::bench::median;
using sluice::bench::secondsSince;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kEpochStartS = sluice::nest::kEpochStartSeconds;

// (zip code, window start in ms since the epoch) -> count: the result, for comparing.
using Counts = std::map<std::pair<std::string, int64_t>, int64_t>;

struct Location {
  std::string device, zip;
};

std::vector<Location> readLocations(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Location> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma == std::string::npos || comma == 0)
      throw std::runtime_error(path + ": bad line '" + line + "'");
    out.push_back({line.substr(0, comma), line.substr(comma + 1)});
  }
  if (out.empty()) throw std::runtime_error(path + ": no locations");
  return out;
}

// ---------------------------------------------------------------------------------------
// Data: nest_generator's records (its defaults, seed 42), in memory.

struct Dataset {
  std::string buffer;  // all records, newline-separated, padded at the end
  std::vector<std::string_view> records;
};

Dataset generate(int64_t n, const std::vector<Location>& locations) {
  sluice::nest::NestRecordOptions o;
  o.records = n;
  std::vector<std::string> ids;
  for (const auto& l : locations) ids.push_back(l.device);
  Dataset d;
  std::vector<size_t> ends;
  sluice::nest::generateNestRecords(o, ids, [&](const std::string&, const std::string& json) {
    d.buffer += json;
    ends.push_back(d.buffer.size());
    d.buffer += '\n';
  });
  d.buffer.append(simdjson::SIMDJSON_PADDING, ' ');  // simdjson's padding after the last record
  size_t begin = 0;
  for (size_t e : ends) {
    d.records.emplace_back(d.buffer.data() + begin, e - begin);
    begin = e + 1;
  }
  return d;
}

// ---------------------------------------------------------------------------------------
// Hand-written: parse each record once, walk the cameras, count in a flat hash map.

namespace od = simdjson::ondemand;

struct GroupKey {
  int32_t zip;
  int64_t windowStartMs;
  bool operator==(const GroupKey&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const GroupKey& k) {
    return H::combine(std::move(h), k.zip, k.windowStartMs);
  }
};

struct StrHash : absl::Hash<std::string_view> {
  using is_transparent = void;
};

[[noreturn]] void fail(size_t record, const std::string& what) {
  throw std::runtime_error("baseline: record " + std::to_string(record) + ": " + what);
}

void check(size_t record, simdjson::error_code e) {
  if (e) fail(record, simdjson::error_message(e));
}

int digits(std::string_view s, size_t at, size_t n, size_t record) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') fail(record, "bad timestamp " + std::string(s));
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" (the query's timestampFormat; UTC session) -> epoch ms.
int64_t parseTimestampMs(std::string_view s, size_t record) {
  if (s.size() != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != '.' || s[23] != 'Z')
    fail(record, "bad timestamp " + std::string(s));
  int64_t y = digits(s, 0, 4, record);
  const int64_t m = digits(s, 5, 2, record), d = digits(s, 8, 2, record);
  // Days since the epoch from a civil date (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  const int64_t secs = days * 86400 + digits(s, 11, 2, record) * 3600 +
                       digits(s, 14, 2, record) * 60 + digits(s, 17, 2, record);
  return secs * 1000 + digits(s, 20, 3, record);
}

Counts handWritten(const std::vector<std::string_view>& records,
                   const std::vector<Location>& locations) {
  // device -> zip indexes (a device listed twice joins twice, as the SQL join does).
  std::vector<std::string> zips;
  absl::flat_hash_map<std::string, int32_t, StrHash, std::equal_to<>> zipIndex;
  absl::flat_hash_map<std::string, std::vector<int32_t>, StrHash, std::equal_to<>> zipsOf;
  for (const auto& l : locations) {
    auto [it, added] = zipIndex.try_emplace(l.zip, static_cast<int32_t>(zips.size()));
    if (added) zips.push_back(l.zip);
    zipsOf[l.device].push_back(it->second);
  }
  absl::flat_hash_map<GroupKey, int64_t> counts;
  od::parser parser;
  for (size_t r = 0; r < records.size(); ++r) {
    const std::string_view rec = records[r];
    od::document doc;
    check(r,
          parser.iterate(rec.data(), rec.size(), rec.size() + simdjson::SIMDJSON_PADDING).get(doc));
    od::object cams;
    auto camsResult = doc["devices"]["cameras"].get_object();
    if (camsResult.error() == simdjson::NO_SUCH_FIELD) continue;  // no cameras: no rows
    check(r, std::move(camsResult).get(cams));
    for (auto field : cams) {
      od::field f;
      check(r, std::move(field).get(f));
      od::object cam;
      check(r, f.value().get_object().get(cam));
      std::string_view device;
      check(r, cam["device_id"].get_string().get(device));
      auto devZips = zipsOf.find(device);
      if (devZips == zipsOf.end()) continue;  // inner join: unknown cameras drop out
      od::object event;
      check(r, cam["last_event"].get_object().get(event));
      bool person = false;
      check(r, event["has_person"].get_bool().get(person));
      if (!person) continue;
      std::string_view start;
      check(r, event["start_time"].get_string().get(start));
      const int64_t t = parseTimestampMs(start, r);
      const int64_t windowStart = t - ((t % kHourMs) + kHourMs) % kHourMs;
      for (int32_t z : devZips->second) ++counts[GroupKey{z, windowStart}];
    }
  }
  Counts out;
  for (const auto& [k, n] : counts) out[{zips[static_cast<size_t>(k.zip)], k.windowStartMs}] += n;
  return out;
}

// ---------------------------------------------------------------------------------------
// sluice: nest.sql's camera_stats as a batch query, compiled through the internal API.

// The schema and views are nest.sql's; the stream is read with FROM (a batch query), and the
// window start is selected so the result compares as (zip, start, count).
// nest.sql's from_json schema literal (quotes included), read from the sample itself so the
// benchmark parses exactly what the demo does.
std::string nestSqlSchema() {
  const std::string path = SLUICE_SOURCE_DIR "/samples/nest/nest.sql";
  std::ifstream in(path);
  const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t call = sql.find("CAST(value AS STRING),");
  const size_t open = call == std::string::npos ? call : sql.find('\'', call);
  const size_t close = open == std::string::npos ? open : sql.find('\'', open + 1);
  if (close == std::string::npos)
    throw std::runtime_error("no from_json schema literal in " + path);
  return sql.substr(open, close - open + 1);
}

// Only the fields camera_stats reads: what a schema-pruning optimizer would parse.
const char* kPrunedSchema = R"sql(
         'devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING,
            last_event: STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>')sql";

std::string querySql(const std::string& locationsCsv, const std::string& schema) {
  return R"sql(
CREATE TABLE nest_logs USING kafka OPTIONS (
  'kafka.bootstrap.servers' '127.0.0.1:9092', subscribe 'nest-logs');
CREATE TABLE device_locations (device_id STRING, zip_code STRING) USING csv OPTIONS (
  path ')sql" +
         locationsCsv + R"sql(', header 'true');
CREATE TEMPORARY VIEW parsed AS
SELECT from_json(
         CAST(value AS STRING),
         )sql" +
         schema + R"sql(,
         map('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")) AS parsed_value
FROM nest_logs;
CREATE TEMPORARY VIEW camera AS
SELECT value.* FROM (SELECT explode(parsed_value.devices.cameras) FROM parsed);
CREATE TEMPORARY VIEW sightings AS
SELECT * FROM (SELECT device_id, last_event.has_person, last_event.start_time FROM camera)
WHERE has_person = true;
SELECT zip_code, w.start AS window_start, n FROM (
  SELECT zip_code, window(start_time, '1 hour') AS w, count(*) AS n
  FROM sightings JOIN device_locations USING (device_id)
  GROUP BY zip_code, window(start_time, '1 hour'));
)sql";
}

// A compiled script: everything the plan and kernels refer to stays alive with it.
struct Compiled {
  sluice::ast::Script script;
  sluice::Catalog catalog;
  sluice::StatementPlanner planner{catalog};
  std::optional<sluice::PlannedStatement> select;
  std::optional<sluice::CompiledQuery> query;
};

std::unique_ptr<Compiled> compile(const std::string& sql) {
  auto c = std::make_unique<Compiled>();
  auto file = std::make_shared<sluice::SourceFile>();
  file->name = "nest_bench.sql";
  file->text = sql;
  c->script = sluice::parseScript(file);
  for (const auto& s : c->script.statements) c->select = c->planner.plan(*s, c->script.file);
  if (!c->select->query || !c->select->query->physical)
    throw std::runtime_error("no physical plan: " +
                             (c->select->query ? c->select->query->physicalError : ""));
  c->query.emplace(sluice::compileQuery(*c->select->query->physical));
  return c;
}

struct SluiceRun {
  double seconds = 0;
  double cpuSeconds = 0;  // every thread of the query
  Counts counts;
};

// One run over every record in batches of `batchRows`: the pipelines before the Kafka scan's
// (the locations join build) once, the Kafka pipeline per batch, the ones after once.
SluiceRun runSluice(const Compiled& c, const Dataset& d, int64_t batchRows) {
  const sluice::bench::RecordsRun run =
      sluice::bench::runOverRecords(*c.select->query->physical, *c.query, d.records, batchRows,
                                    "nest-logs", kEpochStartS * 1'000'000);
  const sluice::Table& t = run.result;
  SluiceRun r;
  r.seconds = run.seconds;
  r.cpuSeconds = run.cpuSeconds;
  for (int64_t row = 0; row < t.rows(); ++row) {
    if (t.isNull(row, 0) || t.isNull(row, 1) || t.isNull(row, 2))
      throw std::runtime_error("sluice returned a NULL in row " + std::to_string(row));
    r.counts[{t.getString(row, 0), t.getInt(row, 1) / 1000}] += t.getInt(row, 2);
  }
  return r;
}

void compareOrDie(const Counts& expected, const Counts& actual) {
  if (expected == actual) return;
  std::fprintf(stderr, "MISMATCH: sluice differs from the hand-written code (%zu vs %zu groups)\n",
               actual.size(), expected.size());
  int shown = 0;
  for (const auto& [k, n] : expected) {
    auto it = actual.find(k);
    const int64_t got = it == actual.end() ? -1 : it->second;
    if (got != n && shown++ < 10)
      std::fprintf(stderr, "  zip %s window %lld: expected %lld, got %lld\n", k.first.c_str(),
                   static_cast<long long>(k.second), static_cast<long long>(n),
                   static_cast<long long>(got));
  }
  for (const auto& [k, n] : actual)
    if (!expected.count(k) && shown++ < 10)
      std::fprintf(stderr, "  zip %s window %lld: unexpected count %lld\n", k.first.c_str(),
                   static_cast<long long>(k.second), static_cast<long long>(n));
  std::exit(1);
}

struct Options {
  int64_t records = 50'000;
  int64_t batch = 10'000;
  int runs = 3;
  std::string locations = SLUICE_SOURCE_DIR "/samples/nest/device_locations.csv";
  bool prunedSchema = false;  // --schema pruned: from_json of only the fields the query reads
};

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
    const std::string v = argv[++i];
    if (a == "--records") {
      o.records = std::stoll(v);
    } else if (a == "--batch") {
      o.batch = std::stoll(v);
    } else if (a == "--runs") {
      o.runs = std::stoi(v);
    } else if (a == "--locations") {
      o.locations = v;
    } else if (a == "--schema") {
      if (v != "full" && v != "pruned")
        throw std::runtime_error("--schema takes full or pruned, not " + v);
      o.prunedSchema = v == "pruned";
    } else {
      throw std::runtime_error(
          "usage: nest_bench [--records N] [--batch B] [--runs R] [--locations CSV] "
          "[--schema full|pruned]");
    }
  }
  if (o.records <= 0 || o.batch <= 0 || o.runs <= 0)
    throw std::runtime_error("--records, --batch and --runs must be positive");
  return o;
}

int run(const Options& o) {
  const std::vector<Location> locations = readLocations(o.locations);
  const Dataset d = generate(o.records, locations);
  const double n = double(o.records);
  std::printf("%lld Nest records, %.0f bytes each on average, %zu locations, %d runs, %s schema\n",
              static_cast<long long>(o.records), double(d.buffer.size()) / n, locations.size(),
              o.runs, o.prunedSchema ? "pruned" : "full");

  std::vector<double> compileMs, sluiceS, handS, sluiceCpu, handCpu;
  std::unique_ptr<Compiled> compiled;
  for (int i = 0; i < o.runs; ++i) {
    const auto t = Clock::now();
    compiled = compile(querySql(o.locations, o.prunedSchema ? kPrunedSchema : nestSqlSchema()));
    compileMs.push_back(secondsSince(t) * 1e3);
  }
  Counts expected;
  for (int i = 0; i < o.runs; ++i) {
    const double cpu = sluice::bench::processCpuSeconds();
    auto t = Clock::now();
    Counts h = handWritten(d.records, locations);
    handS.push_back(secondsSince(t));
    handCpu.push_back(sluice::bench::processCpuSeconds() - cpu);
    SluiceRun s = runSluice(*compiled, d, o.batch);
    sluiceS.push_back(s.seconds);
    sluiceCpu.push_back(s.cpuSeconds);
    compareOrDie(h, s.counts);
    if (i == 0) expected = std::move(h);
  }
  int64_t total = 0;
  for (const auto& [k, c] : expected) total += c;
  std::printf("result: %zu (zip, window) groups, %lld sightings; sluice and hand-written agree\n",
              expected.size(), static_cast<long long>(total));
  const double sm = median(sluiceS), hm = median(handS);
  // The inline On-Demand code is compiled for the builtin kernel (fallback without
  // -march), but parser.iterate() runs stage 1 in libsimdjson, which picks the CPU's best.
  const std::string simdjsonName = "hand-written (simdjson On-Demand + absl)";
  std::printf("simdjson: inline code for %s, library kernel %s (used by both)\n",
              NEST_STR(SIMDJSON_BUILTIN_IMPLEMENTATION),
              std::string(simdjson::get_active_implementation()->name()).c_str());
  std::printf("\n%-44s %10s %12s %8s\n", "implementation (median)", "seconds", "records/s", "MB/s");
  std::printf("%-44s %10.3f %12.0f %8.1f\n", "sluice (SQL, JIT kernels)", sm, n / sm,
              double(d.buffer.size()) / sm / 1e6);
  std::printf("%-44s %10.3f %12.0f %8.1f\n", simdjsonName.c_str(), hm, n / hm,
              double(d.buffer.size()) / hm / 1e6);
  std::printf("\nratio sluice / hand-written (records/s): %.2f\n", hm / sm);
  // Records per CPU second (sluice's worker threads all counted): robust to other load.
  std::printf("ratio sluice / hand-written (records per CPU second): %.2f\n",
              median(handCpu) / median(sluiceCpu));
  std::printf("compile latency, SQL text -> runnable kernels (median): %.1f ms\n",
              median(compileMs));
  std::printf("runs (s): sluice");
  for (double s : sluiceS) std::printf(" %.3f", s);
  std::printf(" | hand-written");
  for (double s : handS) std::printf(" %.3f", s);
  std::printf("\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parseArgs(argc, argv));
  } catch (const sluice::Error& e) {
    std::fprintf(stderr, "nest_bench: %s\n", e.render().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nest_bench: %s\n", e.what());
  }
  return 1;
}
