// Nexmark over sluice: generates N events (persons, auctions, bids) into the input the mode
// names (nexmark_inputs.h: NDJSON files in three streaming directories, keyed JSON records in
// three Kafka topics on the embedded broker, or the files on tmpfs), runs each query as an
// availableNow streaming query into a memory table, checks its rows against the independent
// implementation (nexmark_reference.cpp), and prints events/s per core (events / CPU seconds
// of the run, the input's preparation not included) beside the published per-core figures of
// Flink and Feldera (published_figures.h).
//
//   nexmark_bench [--input files|kafka|memory] [--events N] [--files F] [--dir D] [--query qN]...
//
// Queries: q0 (pass-through), q1 (currency conversion), q2 (selection), q3 (local item
// suggestion: a stream-stream join of auctions and persons), q8 (new users: persons who
// opened an auction in the 10-second window they registered in; a stream-stream join on the
// window, deduplicated), and q4-q7 as Spark 3.4+'s chained stateful operators allow them in
// append mode (README "Nexmark" says how each differs from the standard definition):
// q4 / q6 (average closing price per category / per seller: a time-interval join of auctions
// and bids, the winning bid per auction, then the average per 1-minute window), q5 (hot items:
// bids per auction per sliding window, then the top auction of each window) and q7 (highest
// bid per 10-second window).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/nexmark/nexmark_generator.h"
#include "bench/nexmark/nexmark_inputs.h"
#include "bench/nexmark/nexmark_reference.h"
#include "bench/nexmark/published_figures.h"
#include "sluice/engine.h"

namespace fs = std::filesystem;

namespace {

struct Query {
  std::string name, sql, columns;  // columns: the memory table's schema
  bool needsPersons, needsAuctions, needsBids;
};

// q4 / q6: each auction's winning bid (the highest bid at or above the reserve placed while
// the auction was open, [dateTime, expires], expires being at most 20 s after it opened), then
// per 1-minute window of the auctions' opening time and `by`, the count and average of the
// winning prices. The join's range condition bounds its state (and so the watermark of its
// output) by 20 s.
std::string winningBidsBy(const std::string& by) {
  return "SELECT CAST(window.start AS BIGINT) AS starttime, " + by +
         ", count(final) AS auctions, CAST(avg(final) AS BIGINT) AS avgprice FROM (SELECT "
         "window AS w1, id, " +
         by +
         ", max(CASE WHEN bdt <= expires THEN price END) AS final FROM (SELECT id, category, "
         "seller, reserve, expires, dateTime AS adt FROM STREAM auction WATERMARK dateTime "
         "DELAY OF INTERVAL 1 SECOND) a JOIN (SELECT auction, price, dateTime AS bdt FROM "
         "STREAM bid WATERMARK dateTime DELAY OF INTERVAL 1 SECOND) b ON a.id = b.auction AND "
         "b.price >= a.reserve AND b.bdt BETWEEN a.adt AND a.adt + INTERVAL 20 SECONDS GROUP BY "
         "window(adt, '10 seconds'), id, " +
         by + ") GROUP BY window(window_time(w1), '1 minute'), " + by;
}

const std::vector<Query>& queries() {
  static const std::vector<Query> q = {
      {"q0", "SELECT auction, bidder, price, channel FROM STREAM bid",
       "auction BIGINT, bidder BIGINT, price BIGINT, channel STRING", false, false, true},
      {"q1", "SELECT auction, bidder, CAST(price * 908 / 1000 AS BIGINT) AS price FROM STREAM bid",
       "auction BIGINT, bidder BIGINT, price BIGINT", false, false, true},
      {"q2", "SELECT auction, price FROM STREAM bid WHERE auction % 123 = 0",
       "auction BIGINT, price BIGINT", false, false, true},
      {"q3",
       "SELECT p.name, p.city, p.state, a.id FROM STREAM auction a JOIN STREAM person p "
       "ON a.seller = p.id WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA')",
       "name STRING, city STRING, state STRING, id BIGINT", true, true, false},
      {"q8",
       "SELECT DISTINCT p.id, p.name, CAST(p.w.start AS BIGINT) AS starttime FROM "
       "(SELECT id, name, window(dateTime, '10 seconds') AS w FROM STREAM person) p JOIN "
       "(SELECT seller, window(dateTime, '10 seconds') AS w FROM STREAM auction) a "
       "ON p.id = a.seller AND p.w = a.w",
       "id BIGINT, name STRING, starttime BIGINT", true, true, false},
      {"q4", winningBidsBy("category"),
       "starttime BIGINT, category BIGINT, auctions BIGINT, avgprice BIGINT", false, true, true},
      {"q5",
       "SELECT CAST(w1.start AS BIGINT) AS starttime, max_by(auction, num * 1000000000 + "
       "auction) AS auction, max(num) AS num FROM (SELECT window AS w1, auction, count(*) AS "
       "num FROM STREAM bid WATERMARK dateTime DELAY OF INTERVAL 1 SECOND GROUP BY "
       "window(dateTime, '10 seconds', '2 seconds'), auction) GROUP BY w1",
       "starttime BIGINT, auction BIGINT, num BIGINT", false, false, true},
      {"q6", winningBidsBy("seller"),
       "starttime BIGINT, seller BIGINT, auctions BIGINT, avgprice BIGINT", false, true, true},
      {"q7",
       "SELECT CAST(window.start AS BIGINT) AS starttime, max(price) AS price, "
       "max_by(auction, price * 1000000000000 + auction * 1000000 + bidder) AS auction, "
       "max_by(bidder, price * 1000000000000 + auction * 1000000 + bidder) AS bidder FROM "
       "STREAM bid WATERMARK dateTime DELAY OF INTERVAL 1 SECOND GROUP BY window(dateTime, "
       "'10 seconds')",
       "starttime BIGINT, price BIGINT, auction BIGINT, bidder BIGINT", false, false, true},
  };
  return q;
}

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string perCore(double v) {
  char buf[32];
  if (v <= 0) return "-";
  std::snprintf(buf, sizeof buf, "%.2f M", v / 1e6);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t n = 1'000'000;
  int files = 10;
  fs::path dir = fs::temp_directory_path() / "sluice-nexmark";
  std::vector<std::string> only;
  nexmark::InputMode mode = nexmark::InputMode::Files;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--events")
      n = std::stoll(argv[i + 1]);
    else if (a == "--files")
      files = std::stoi(argv[i + 1]);
    else if (a == "--dir")
      dir = argv[i + 1];
    else if (a == "--input") {
      const auto m = nexmark::parseInputMode(argv[i + 1]);
      if (!m) {
        std::fprintf(stderr, "--input: '%s' is not files, kafka or memory\n", argv[i + 1]);
        return 2;
      }
      mode = *m;
    } else if (a == "--query")
      only.push_back(argv[i + 1]);
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  const nexmark::Events ev = nexmark::generate(n, 42);
  std::unique_ptr<nexmark::Input> input;
  try {
    input = nexmark::Input::prepare(mode, ev, dir, files);
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "nexmark_bench: %s\n", ex.what());
    return 1;
  }
  std::printf("Nexmark, %lld events (%zu persons, %zu auctions, %zu bids), input: %s\n",
              static_cast<long long>(n), ev.persons.size(), ev.auctions.size(), ev.bids.size(),
              input->description().c_str());
  // inputs/s: events of the streams the query reads; all/s: every event, as Flink's and
  // Feldera's figures count them (their source generates one mixed stream).
  std::printf("%-4s %10s %8s %12s %12s %12s %12s %7s\n", "q", "rows", "cpu s", "inputs/s/core",
              "all/s/core", "Flink/core", "Feldera/core", "check");
  int failed = 0;
  for (const Query& q : queries()) {
    if (!only.empty() && std::find(only.begin(), only.end(), q.name) == only.end()) continue;
    sluice::Engine e;
    e.execute(input->tables() + "CREATE TABLE result (" + q.columns + ") USING memory;\n");
    const fs::path cp = input->workDir() / ("cp-" + q.name);
    fs::remove_all(cp);
    const double c0 = cpuSeconds();
    e.execute("CREATE STREAMING QUERY " + q.name + " OPTIONS (checkpointLocation '" + cp.string() +
              "', trigger 'availableNow') AS INSERT INTO result " + q.sql);
    const double cpu = cpuSeconds() - c0;
    sluice::Table t = e.query("SELECT * FROM result");
    std::vector<std::string> rows;
    for (int64_t r = 0; r < t.rows(); ++r) {
      std::string s;
      for (int c = 0; c < t.columns(); ++c)
        s += (c ? "|" : "") + (t.isNull(r, c) ? std::string("NULL") : t.getString(r, c));
      rows.push_back(std::move(s));
    }
    std::sort(rows.begin(), rows.end());
    const bool ok = rows == nexmark::reference(q.name, ev);
    failed += !ok;
    const size_t inputs = (q.needsPersons ? ev.persons.size() : 0) +
                          (q.needsAuctions ? ev.auctions.size() : 0) +
                          (q.needsBids ? ev.bids.size() : 0);
    const auto pub = nexmark::published(q.name);
    std::printf("%-4s %10zu %8.2f %12s %12s %12s %12s %7s\n", q.name.c_str(), rows.size(), cpu,
                perCore(static_cast<double>(inputs) / cpu).c_str(),
                perCore(static_cast<double>(n) / cpu).c_str(),
                perCore(pub ? pub->flinkPerCore : 0).c_str(),
                perCore(pub ? pub->felderaPerCore : 0).c_str(), ok ? "ok" : "WRONG");
  }
  std::printf(
      "Flink/core: Flink 1.13, nexmark/nexmark README \"Nexmark Benchmark Result\" (8 x 1-slot\n"
      "  TaskManagers on 8-core workers, datagen source, 100 M events, throughput / measured "
      "cores).\n"
      "Feldera/core: feldera/feldera benchmark/README.md \"16-core Nexmark Streaming "
      "Performance\"\n"
      "  (Threadripper 3990X, 16 workers) / 16. Both count every generated event; sluice's\n"
      "  all/s/core divides every event by the CPU seconds of a query that reads only its "
      "streams.\n");
  return failed ? 1 : 0;
}
