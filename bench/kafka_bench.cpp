// kafka_bench: end-to-end throughput of a sluice streaming query through Kafka, against a bare
// librdkafka consumer reading the same topic, in one process with the in-process embedded
// broker (librdkafka's mock cluster on loopback).
//
// Setup: N keyed JSON records (~230 bytes, YSB-shaped) are produced with KafkaWriter to topic
// `in` (P partitions). Then, per run:
//   sluice   Engine::execute of a Kafka -> Kafka streaming query, trigger availableNow:
//              SELECT CAST(key AS STRING) AS key, CAST(value AS STRING) AS value FROM STREAM src
//              WHERE CAST(value AS STRING) LIKE '%"event_type":"view"%'
//            timed from execute() to its return (compile, fetch, kernels, produce + flush,
//            checkpoint commit). The output topic is then read back and checked (record count
//            and bytes equal what the bare consumer's filter selects).
//   fixed    the same script over a topic of one record per partition: sluice's per-query
//            cost (planning, LLVM codegen + JIT, client start-up, checkpoint files, one
//            batch's fetch and flush round trips) that does not depend on N.
//   bare     a librdkafka C consumer: assign every partition from the beginning, poll to the
//            end of each (the high watermarks, queried first), and run the same filter on
//            each value (memmem).
// Prints the median over --runs of records/s for each, the ratio sluice / bare, and sluice's
// rate net of the fixed cost. Exits 1 if any check fails.
//
// Usage: kafka_bench [--records N] [--partitions P] [--runs R]
#include <librdkafka/rdkafka.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"

namespace {

namespace fs = std::filesystem;
using sluice::bench::Clock;
using sluice::bench::median;
using sluice::bench::secondsSince;

using sluice::bench::Rng;
using sluice::bench::uuid;

// The filter both implementations apply, as a substring of the value.
constexpr const char* kNeedle = R"("event_type":"view")";

struct Produced {
  int64_t records = 0, bytes = 0;
};

// Produces n keyed YSB-style events to `topic`; returns the count and value bytes.
Produced produce(const std::string& bootstrap, const std::string& topic, int64_t n) {
  static const char* kAdTypes[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
  static const char* kEventTypes[] = {"view", "click", "purchase"};
  Rng rng{7};
  sluice::KafkaWriter w({{"kafka.bootstrap.servers", bootstrap}, {"topic", topic}});
  Produced p;
  for (int64_t i = 0; i < n; ++i) {
    const std::string user = uuid(rng), page = uuid(rng), ad = uuid(rng);
    char ip[16];
    std::snprintf(ip, sizeof ip, "%u.%u.%u.%u", unsigned(rng.below(256)), unsigned(rng.below(256)),
                  unsigned(rng.below(256)), unsigned(rng.below(256)));
    const std::string value = R"({"user_id":")" + user + R"(","page_id":")" + page +
                              R"(","ad_id":")" + ad + R"(","ad_type":")" + kAdTypes[rng.below(5)] +
                              R"(","event_type":")" + kEventTypes[rng.below(3)] +
                              R"(","event_time":)" + std::to_string(1'700'000'000'000 + i / 10) +
                              R"(,"ip_address":")" + ip + "\"}";
    w.write(user, value);
    ++p.records;
    p.bytes += static_cast<int64_t>(value.size());
  }
  w.flush();
  return p;
}

struct Consumed {
  int64_t records = 0, bytes = 0;         // every record read
  int64_t matched = 0, matchedBytes = 0;  // records whose value holds kNeedle
};

// The bare consumer: assign all `partitions` of `topic` from the beginning and poll until each
// has reported its end, running the filter over every value.
Consumed consumeAll(const std::string& bootstrap, const std::string& topic, int partitions) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto set = [&](const char* k, const std::string& v) {
    if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
      throw std::runtime_error(std::string("librdkafka ") + k + ": " + err);
  };
  set("bootstrap.servers", bootstrap);
  set("group.id", "kafka_bench");  // required by the consumer API; offsets are never committed
  set("enable.auto.commit", "false");
  set("enable.partition.eof", "true");
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("rd_kafka_new: ") + err);
  }
  rd_kafka_poll_set_consumer(rk);
  // The end offsets first, as a reader of a fixed range does: the consumer then stops at the
  // last record instead of waiting for an empty fetch (the mock broker holds those for
  // fetch.wait.max.ms, 500 ms) to report the partition's end; and the leaders are known
  // before assign(), which otherwise retries its first offset lookup after 500 ms.
  std::vector<int64_t> end(static_cast<size_t>(partitions));
  std::vector<bool> atEnd(static_cast<size_t>(partitions), false);
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(partitions);
  int ended = 0;
  for (int p = 0; p < partitions; ++p) {
    int64_t lo = 0, hi = 0;
    rd_kafka_resp_err_t e =
        rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &lo, &hi, 10'000);
    if (e)
      throw std::runtime_error("bare consumer: offsets of " + topic + " partition " +
                               std::to_string(p) + ": " + rd_kafka_err2str(e));
    end[static_cast<size_t>(p)] = hi;
    if (lo < hi) {
      rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset = lo;
    } else {
      atEnd[static_cast<size_t>(p)] = true;
      ++ended;
    }
  }
  rd_kafka_resp_err_t e = rd_kafka_assign(rk, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (e) throw std::runtime_error(std::string("rd_kafka_assign: ") + rd_kafka_err2str(e));

  Consumed c;
  const size_t needleLen = std::strlen(kNeedle);
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  std::string failure;
  while (ended < partitions && failure.empty()) {
    if (Clock::now() > deadline) {
      failure = "timed out reading " + topic;
      break;
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 1000);
    if (!m) continue;
    const size_t part = static_cast<size_t>(m->partition);
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (!atEnd[part])
        failure = topic + " partition " + std::to_string(part) + " ended before its high watermark";
    } else if (m->err) {
      failure = topic + ": " + rd_kafka_message_errstr(m);
    } else {
      ++c.records;
      c.bytes += static_cast<int64_t>(m->len);
      if (m->payload && memmem(m->payload, m->len, kNeedle, needleLen)) {
        ++c.matched;
        c.matchedBytes += static_cast<int64_t>(m->len);
      }
      if (m->offset + 1 >= end[part] && !atEnd[part]) {
        atEnd[part] = true;
        ++ended;
      }
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  if (!failure.empty()) throw std::runtime_error("bare consumer: " + failure);
  return c;
}

std::string script(const std::string& bootstrap, const std::string& in, const std::string& out,
                   const fs::path& checkpoint) {
  return "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" + bootstrap +
         "', subscribe '" + in +
         "', startingOffsets 'earliest');\n"
         "CREATE TABLE dst USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
         bootstrap + "', topic '" + out +
         "');\n"
         "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
         checkpoint.string() +
         "', outputMode 'append', trigger 'availableNow') AS INSERT INTO dst\n"
         "SELECT CAST(key AS STRING) AS key, CAST(value AS STRING) AS value FROM STREAM src\n"
         "WHERE CAST(value AS STRING) LIKE '%\"event_type\":\"view\"%';\n";
}

// Runs the script; `durations` gets the durationMs objects of the batches' progress reports.
double runSluice(const std::string& sql, const fs::path& progress, std::string& durations) {
  sluice::ScriptOptions options;
  options.progressFile = progress.string();
  const auto t = Clock::now();
  {
    sluice::Engine engine;
    engine.execute(sql, options);
  }
  const double s = secondsSince(t);
  std::ifstream in(progress);
  std::string line;
  durations.clear();
  while (std::getline(in, line)) {
    const auto at = line.find("\"durationMs\"");
    if (at == std::string::npos) continue;
    const auto close = line.find('}', at);
    durations += line.substr(at, close == std::string::npos ? std::string::npos : close - at + 1);
    durations += '\n';
  }
  return s;
}

struct Options {
  int64_t records = 100'000;
  int partitions = 8;
  int runs = 3;
};

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
    const std::string v = argv[++i];
    if (a == "--records") {
      o.records = std::stoll(v);
    } else if (a == "--partitions") {
      o.partitions = std::stoi(v);
    } else if (a == "--runs") {
      o.runs = std::stoi(v);
    } else {
      throw std::runtime_error("usage: kafka_bench [--records N] [--partitions P] [--runs R]");
    }
  }
  if (o.records <= 0 || o.partitions <= 0 || o.runs <= 0)
    throw std::runtime_error("--records, --partitions and --runs must be positive");
  return o;
}

int run(const Options& o) {
  sluice::EmbeddedBroker broker;
  const std::string bs = broker.bootstrapServers();
  broker.createTopic("in", o.partitions);
  broker.createTopic("tiny", o.partitions);
  {
    // One matching record per partition: the query's cost when there is almost nothing to do.
    sluice::KafkaWriter w({{"kafka.bootstrap.servers", bs}, {"topic", "tiny"}});
    for (int part = 0; part < o.partitions; ++part)
      w.write("k", R"({"event_type":"view"})", {}, part);
    w.flush();
  }

  auto t = Clock::now();
  const Produced p = produce(bs, "in", o.records);
  const double produceS = secondsSince(t);
  std::printf(
      "produced %lld records (%.0f bytes per value on average, %.1f MiB per partition) "
      "to %d partitions in %.2f s\n",
      static_cast<long long>(p.records), double(p.bytes) / double(p.records),
      double(p.bytes) / o.partitions / (1 << 20), o.partitions, produceS);

  char tmpl[] = "/tmp/kafka_bench.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("cannot create a temporary directory");
  const fs::path dir = tmpl;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};

  std::vector<double> bareS, sluiceS, fixedS;
  Consumed expected;
  for (int r = 0; r < o.runs; ++r) {
    t = Clock::now();
    const Consumed c = consumeAll(bs, "in", o.partitions);
    bareS.push_back(secondsSince(t));
    // The mock ages out old message sets past its per-partition cap: every record must be
    // there, or the comparison is over different data.
    if (c.records != p.records || c.bytes != p.bytes)
      throw std::runtime_error("bare consumer read " + std::to_string(c.records) + " records (" +
                               std::to_string(c.bytes) + " bytes), produced " +
                               std::to_string(p.records) + " (" + std::to_string(p.bytes) +
                               "): the broker dropped data; use fewer records per partition");
    expected = c;

    const std::string out = "out-" + std::to_string(r);
    broker.createTopic(out, o.partitions);
    std::string durations;
    sluiceS.push_back(runSluice(script(bs, "in", out, dir / ("cp-" + std::to_string(r))),
                                dir / ("progress-" + std::to_string(r)), durations));
    std::printf("run %d: sluice %.3f s, batch progress: %s", r, sluiceS.back(),
                durations.empty() ? "(none)\n" : durations.c_str());
    const Consumed written = consumeAll(bs, out, o.partitions);
    if (written.records != expected.matched || written.bytes != expected.matchedBytes ||
        written.matched != written.records)
      throw std::runtime_error("sluice wrote " + std::to_string(written.records) + " records (" +
                               std::to_string(written.bytes) + " bytes) to " + out +
                               ", the filter selects " + std::to_string(expected.matched) + " (" +
                               std::to_string(expected.matchedBytes) + ")");

    const std::string tinyOut = "tiny-out-" + std::to_string(r);
    broker.createTopic(tinyOut, o.partitions);
    std::string ignored;
    fixedS.push_back(runSluice(script(bs, "tiny", tinyOut, dir / ("cp-tiny-" + std::to_string(r))),
                               dir / ("progress-tiny-" + std::to_string(r)), ignored));
    if (consumeAll(bs, tinyOut, o.partitions).records != o.partitions)
      throw std::runtime_error("sluice did not copy the " + std::to_string(o.partitions) +
                               " records of topic tiny");
  }

  const double n = double(o.records);
  const double sluiceM = median(sluiceS), bareM = median(bareS), fixedM = median(fixedS);
  std::printf("filter keeps %lld of %lld records; sluice's output checked (count and bytes)\n",
              static_cast<long long>(expected.matched), static_cast<long long>(expected.records));
  std::printf("\nmedians of %d runs:\n", o.runs);
  std::printf("%-52s %10.3f s %12.0f records/s\n", "sluice query (execute, end to end)", sluiceM,
              n / sluiceM);
  std::printf("%-52s %10.3f s\n", "sluice fixed cost (same query, 1 record/partition)", fixedM);
  if (sluiceM > fixedM)
    std::printf("%-52s %10.3f s %12.0f records/s\n", "sluice net of the fixed cost",
                sluiceM - fixedM, n / (sluiceM - fixedM));
  std::printf("%-52s %10.3f s %12.0f records/s\n", "bare librdkafka consumer + memmem filter",
              bareM, n / bareM);
  std::printf("\nratio sluice / bare consumer (records/s): %.2f\n", bareM / sluiceM);
  if (sluiceM > fixedM)
    std::printf("ratio sluice net of fixed cost / bare consumer: %.2f\n",
                bareM / (sluiceM - fixedM));
  std::printf(
      "(the fixed cost is mostly waiting on librdkafka timers that overlap the processing, so\n"
      " the net figures are meaningful only when the query runs well past it: large N)\n");
  std::printf("runs (s): sluice");
  for (double s : sluiceS) std::printf(" %.3f", s);
  std::printf(" | fixed");
  for (double s : fixedS) std::printf(" %.3f", s);
  std::printf(" | bare");
  for (double s : bareS) std::printf(" %.3f", s);
  std::printf("\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parseArgs(argc, argv));
  } catch (const sluice::Error& e) {
    std::fprintf(stderr, "kafka_bench: %s\n", e.render().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kafka_bench: %s\n", e.what());
  }
  return 1;
}
