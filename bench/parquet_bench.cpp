// Parquet write and read throughput on rows shaped like the Nest camera records
// (samples/nest/nest.sql `camera` view: strings, booleans, timestamps, an array of structs, a
// nested struct), against DuckDB (@duckdb/node-api from <build>/test-peers, one thread) on
// the same rows in the same run: `COPY ... TO 'x.parquet' (COMPRESSION snappy)` for writes,
// a two-column projection for reads. Without DuckDB only sluice's figures are printed.
//   parquet_bench [rows] [test-peers dir]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench/bench_common.h"
#include "runtime/files/parquet/parquet_reader.h"
#include "runtime/files/parquet/parquet_writer.h"
#include "stdlib/nested.h"

using namespace sluice;
namespace fs = std::filesystem;

namespace {

TypePtr zoneType() {
  return DataType::structOf({{"name", DataType::string(), true}, {"id", DataType::bigint(), true}});
}

const std::vector<std::string> kNames = {"device_id",  "last_event",     "has_sound",
                                         "has_motion", "has_person",     "start_time",
                                         "end_time",   "activity_zones", "location"};

std::vector<TypePtr> types() {
  return {DataType::string(),
          DataType::timestamp(),
          DataType::boolean(),
          DataType::boolean(),
          DataType::boolean(),
          DataType::timestamp(),
          DataType::timestamp(),
          DataType::arrayOf(zoneType()),
          DataType::structOf(
              {{"zip", DataType::string(), true}, {"lat", DataType::doubleType(), true}})};
}

// Row r of the synthetic data, in RowSlots (strings and nested values in `arena`).
void makeRow(int64_t r, StringArena& arena, std::vector<RowSlot>& slots, std::string& json) {
  bench::Rng rng{static_cast<uint64_t>(r) * 7919 + 1};
  auto str = [&](const std::string& s) {
    char* p = arena.allocate(s.size());
    std::memcpy(p, s.data(), s.size());
    return StringView{p, static_cast<int64_t>(s.size())};
  };
  const std::string device = "device_" + std::to_string(rng.next() % 10000);
  const int64_t t0 = 1700000000000000LL + r * 1000000;
  const bool snd = rng.next() % 2, mot = rng.next() % 2, per = rng.next() % 3 == 0;
  const int zones = static_cast<int>(rng.next() % 3);
  auto* zs = static_cast<Slot*>(arena.allocateAligned(16 * (zones ? zones : 1)));
  std::string zjson = "[";
  for (int z = 0; z < zones; ++z) {
    auto* f = static_cast<Slot*>(arena.allocateAligned(32));
    const std::string name = "zone-" + std::to_string(z);
    f[0].set(str(name));
    f[1].set(static_cast<int64_t>(z + r % 7));
    auto* s = static_cast<StructData*>(arena.allocateAligned(sizeof(StructData)));
    s->nulls = nullptr;
    s->fields = f;
    zs[z].set(static_cast<const void*>(s));
    zjson += (z ? "," : "") + std::string("{\"name\":\"") + name +
             "\",\"id\":" + std::to_string(z + r % 7) + "}";
  }
  auto* arr = static_cast<ArrayData*>(arena.allocateAligned(sizeof(ArrayData)));
  arr->length = zones;
  arr->nulls = nullptr;
  arr->values = zones ? zs : nullptr;
  const std::string zip = std::to_string(94000 + rng.next() % 1000);
  const double lat = 37.0 + static_cast<double>(rng.next() % 1000) / 1000;
  auto* lf = static_cast<Slot*>(arena.allocateAligned(32));
  lf[0].set(str(zip));
  lf[1].set(lat);
  auto* loc = static_cast<StructData*>(arena.allocateAligned(sizeof(StructData)));
  loc->nulls = nullptr;
  loc->fields = lf;
  auto set = [&](size_t c, auto v) { std::memcpy(slots[c].bytes, &v, sizeof v); };
  set(0, str(device));
  set(1, t0);
  set(2, static_cast<uint8_t>(snd));
  set(3, static_cast<uint8_t>(mot));
  set(4, static_cast<uint8_t>(per));
  set(5, t0 - 60000000);
  set(6, t0);
  set(7, static_cast<const void*>(arr));
  set(8, static_cast<const void*>(loc));
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"device_id\":\"%s\",\"last_event\":%lld,\"has_sound\":%s,\"has_motion\":%s,"
                "\"has_person\":%s,\"start_time\":%lld,\"end_time\":%lld,\"activity_zones\":%s],"
                "\"location\":{\"zip\":\"%s\",\"lat\":%.3f}}\n",
                device.c_str(), static_cast<long long>(t0), snd ? "true" : "false",
                mot ? "true" : "false", per ? "true" : "false",
                static_cast<long long>(t0 - 60000000), static_cast<long long>(t0), zjson.c_str(),
                zip.c_str(), lat);
  json += buf;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const std::string peers = argc > 2 ? argv[2] : "build/test-peers";
  const fs::path dir =
      fs::temp_directory_path() / ("sluice_parquet_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string file = (dir / "sluice.parquet").string();

  // Rows are built once up front (in chunks, arenas kept) so the timing is the writer's.
  std::vector<std::vector<RowSlot>> data(static_cast<size_t>(rows),
                                         std::vector<RowSlot>(kNames.size()));
  StringArena arena;
  std::string json;
  for (int64_t r = 0; r < rows; ++r) makeRow(r, arena, data[static_cast<size_t>(r)], json);
  std::ofstream(dir / "rows.json") << json;
  const std::vector<uint8_t> nulls(kNames.size(), 0);

  std::vector<double> writes, reads;
  for (int rep = 0; rep < 3; ++rep) {
    auto t = bench::Clock::now();
    ParquetWriter w(file, kNames, types(), ParquetWriteOptions{});
    for (const auto& row : data) w.appendRow(row.data(), nulls.data());
    w.close();
    writes.push_back(bench::secondsSince(t));
    t = bench::Clock::now();
    ParquetFileReader r(file);
    ColumnBatchBuilder out({DataType::string(), DataType::boolean()});
    r.read({{"device_id", DataType::string()}, {"has_person", DataType::boolean()}}, out);
    if (out.finish().rows() != rows) return 1;
    reads.push_back(bench::secondsSince(t));
  }
  const double w = bench::median(writes), rd = bench::median(reads);
  const double mb = static_cast<double>(fs::file_size(file)) / 1e6;
  std::printf("rows: %lld, sluice file: %.1f MB (snappy)\n", static_cast<long long>(rows), mb);
  std::printf("sluice write: %.3f s  %.0f rows/s  %.1f MB/s (file bytes)\n", w, rows / w, mb / w);
  std::printf("sluice read (device_id, has_person): %.3f s  %.0f rows/s\n", rd, rows / rd);

  if (!fs::exists(fs::path(peers) / "node_modules/@duckdb/node-api")) {
    std::printf("DuckDB not installed in %s (bash tools/test_peers.sh): no baseline\n",
                peers.c_str());
    return 0;
  }
  const std::string script = (dir / "duck.cjs").string();
  std::ofstream(script)
      << "const duck = require(require('path').resolve('" << peers
      << "/node_modules/@duckdb/node-api'));\n(async () => {\n"
      << "const c = await (await duck.DuckDBInstance.create(':memory:')).connect();\n"
      << "await c.run(\"SET threads=1\");\n"
      << "await c.run(\"CREATE TABLE t AS SELECT device_id, make_timestamp(last_event) AS "
         "last_event, "
         "has_sound, has_motion, has_person, make_timestamp(start_time) AS start_time, "
         "make_timestamp(end_time) AS end_time, activity_zones, location FROM read_json('"
      << (dir / "rows.json").string() << "')\");\n"
      << "const med = (a) => a.sort((x, y) => x - y)[1];\nconst w = [], r = [];\n"
      << "for (let i = 0; i < 3; ++i) {\n"
      << "  let t = process.hrtime.bigint();\n"
      << "  await c.run(\"COPY t TO '" << (dir / "duck.parquet").string()
      << "' (FORMAT parquet, COMPRESSION snappy)\");\n"
      << "  w.push(Number(process.hrtime.bigint() - t) / 1e9);\n"
      << "  t = process.hrtime.bigint();\n"
      << "  await c.run(\"CREATE OR REPLACE TEMP TABLE x AS SELECT device_id, has_person FROM "
         "read_parquet('"
      << (dir / "duck.parquet").string() << "')\");\n"
      << "  r.push(Number(process.hrtime.bigint() - t) / 1e9);\n}\n"
      << "console.log(med(w) + ' ' + med(r));\n})();\n";
  FILE* p = popen(("node " + script).c_str(), "r");
  double dw = 0, dr = 0;
  if (!p || std::fscanf(p, "%lf %lf", &dw, &dr) != 2) {
    std::printf("DuckDB baseline failed\n");
    return 1;
  }
  pclose(p);
  std::printf("duckdb write (COPY, 1 thread): %.3f s  %.0f rows/s  file %.1f MB\n", dw, rows / dw,
              static_cast<double>(fs::file_size(dir / "duck.parquet")) / 1e6);
  std::printf("duckdb read (same projection, materialized): %.3f s  %.0f rows/s\n", dr, rows / dr);
  std::printf("ratio sluice/duckdb time: write %.2fx, read %.2fx (lower is better for sluice)\n",
              w / dw, rd / dr);
  fs::remove_all(dir);
  return 0;
}
