// The Nest pipeline of samples/nest/nest.sql against the embedded broker: its hourly
// sightings per zip code must equal counts computed here, independently, from the generated
// records (a JSON DOM, not the JIT's from_json); and killing `sluice run` with SIGKILL at
// random moments while records keep arriving must end in exactly the same counts.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_writer.h"
#include "sluice/engine.h"
#include "stdlib/json.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using Counts = std::map<std::pair<std::string, std::string>, int64_t>;  // (zip, hour) -> n

const std::string kSamples = std::string(SLUICE_SOURCE_DIR) + "/samples/nest";

// `key \t json` lines from the sample's generator.
std::vector<std::pair<std::string, std::string>> generate(int records, int seed) {
  const std::string cmd = std::string(SLUICE_NEST_GENERATOR) + " --records " +
                          std::to_string(records) + " --seed " + std::to_string(seed) +
                          " --hours 5 --locations " + kSamples + "/device_locations.csv";
  FILE* p = popen(cmd.c_str(), "r");
  EXPECT_NE(p, nullptr);
  std::vector<std::pair<std::string, std::string>> out;
  char* line = nullptr;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, p)) > 0) {
    std::string s(line, static_cast<size_t>(n));
    if (!s.empty() && s.back() == '\n') s.pop_back();
    const auto tab = s.find('\t');
    out.emplace_back(s.substr(0, tab), s.substr(tab + 1));
  }
  free(line);
  EXPECT_EQ(pclose(p), 0);
  return out;
}

// The expected result, computed from the records with the JSON DOM: cameras whose
// last_event.has_person is true, joined to device_locations.csv, per zip and hour.
Counts expectedCounts(const std::vector<std::pair<std::string, std::string>>& records) {
  std::map<std::string, std::string> zip;
  std::ifstream csv(kSamples + "/device_locations.csv");
  std::string line;
  std::getline(csv, line);
  while (std::getline(csv, line))
    zip[line.substr(0, line.find(','))] = line.substr(line.find(',') + 1);
  Counts c;
  for (const auto& [k, v] : records) {
    auto doc = stdlib::parseJson(v);
    EXPECT_TRUE(doc) << v;
    const auto* cams = doc->field("devices")->field("cameras");
    for (const auto& [id, cam] : cams->fields) {
      const auto* ev = cam.field("last_event");
      const auto* person = ev ? ev->field("has_person") : nullptr;
      if (!person || person->kind != stdlib::JsonValue::Kind::Bool || !person->boolean) continue;
      auto z = zip.find(cam.field("device_id")->text);
      if (z == zip.end()) continue;
      // "2016-12-29T02:42:35.304Z" -> the hour window's start "2016-12-29T02:00:00.000Z".
      const std::string hour = ev->field("start_time")->text.substr(0, 13) + ":00:00.000Z";
      ++c[{z->second, hour}];
    }
  }
  return c;
}

// The latest count per key in nest-camera-stats (complete mode rewrites every key each
// batch; counts never decrease, so the largest is the latest).
Counts statsTopic(const std::string& bootstrap) {
  KafkaReader r({{"kafka.bootstrap.servers", bootstrap},
                 {"subscribe", "nest-camera-stats"},
                 {"startingOffsets", "earliest"}},
                false);
  ColumnBatch b = r.readAll();
  Counts c;
  for (int64_t i = 0; i < b.rows(); ++i) {
    auto cell = [&](size_t col) {
      return std::string(static_cast<const StringView*>(b.columns()[col].values)[i].view());
    };
    auto key = stdlib::parseJson(cell(0));
    EXPECT_TRUE(key) << cell(0);
    const std::pair<std::string, std::string> k{key->field("zip_code")->text,
                                                key->field("window")->field("start")->text};
    c[k] = std::max<int64_t>(c[k], std::stoll(cell(1)));
  }
  return c;
}

class NestTest : public BrokerTestFixture {
 protected:
  NestTest() : BrokerTestFixture({{"nest-logs", 8}, {"nest-camera-stats", 4}}, "sluice-nest-") {}

  void produce(const std::vector<std::pair<std::string, std::string>>& records, size_t from,
               size_t to) {
    KafkaWriter w(
        {{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "nest-logs"}});
    for (size_t i = from; i < to; ++i) w.write(records[i].first, records[i].second);
    w.flush();
  }

  std::vector<std::string> defines(const std::string& trigger) {
    return {"bootstrap=" + broker_->bootstrapServers(), "checkpoints=" + (dir_ / "cp").string(),
            "archive=" + (dir_ / "archive").string(), "threshold=1", "trigger=" + trigger};
  }
};

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(NestTest, HourlySightingsPerZipMatchIndependentCounts) {
  const auto records = generate(1500, 7);
  produce(records, 0, records.size());
  Engine e;
  ScriptOptions o;
  o.name = kSamples + "/nest.sql";
  for (const auto& d : defines("availableNow"))
    o.defines[d.substr(0, d.find('='))] = d.substr(d.find('=') + 1);
  const std::string out = e.execute(readFile(o.name), o);
  const Counts expected = expectedCounts(records);
  ASSERT_GT(expected.size(), 20u);
  EXPECT_EQ(statsTopic(broker_->bootstrapServers()), expected);
  EXPECT_NE(out.find("zip_code"), std::string::npos) << out;  // the batch report ran
}

// Starts `sluice run nest.sql` as a child process (output discarded).
pid_t startSluice(const std::vector<std::string>& defs) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(kSamples.c_str()) != 0) _exit(127);
    // Partition-parallel execution whatever the machine's cores (state: the default 8
    // partitions), so the crashes hit tasks in flight and partly committed partitions.
    setenv("SLUICE_EXEC_THREADS", "2", 1);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    std::vector<std::string> args = {SLUICE_BINARY, "run", "nest.sql"};
    for (const auto& d : defs) {
      args.push_back("--define");
      args.push_back(d);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

TEST_F(NestTest, SigkillAtRandomMomentsLosesAndDoublesNothing) {
  const auto records = generate(3000, 11);
  std::mt19937 rng(1234);
  size_t produced = 0;
  const int kills = 20;
  int killed = 0;
  for (int round = 0; round < kills; ++round) {
    // Data keeps arriving: a chunk before each start, another while the query runs.
    const size_t chunk = records.size() / (2 * kills);
    produce(records, produced, produced + chunk);
    produced += chunk;
    const pid_t pid = startSluice(defines("100 milliseconds"));
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 900)(rng)));
    produce(records, produced, produced + chunk);
    produced += chunk;
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }
  EXPECT_GE(killed, kills - 2);  // a run may have failed on its own; it must not, mostly
  produce(records, produced, records.size());
  // A last clean run drains everything, then the counts must be exactly the crash-free ones.
  const pid_t pid = startSluice(defines("availableNow"));
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "final run failed";
  EXPECT_EQ(statsTopic(broker_->bootstrapServers()), expectedCounts(records));
}

}  // namespace
}  // namespace sluice
