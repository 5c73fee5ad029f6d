// Streaming aggregations whose functions keep runtime accumulators (collect_set / collect_list,
// min / max of strings and wide decimals, approx_count_distinct, decimal sum / avg, bool_and /
// bool_or, count_if) against the in-process embedded broker: the accumulators are saved to
// the state store with their groups, a restarted query restores them from the checkpoint,
// and the results equal a batch query over all the data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/kafka/kafka_test_util.h"
#include "runtime/kafka/kafka_writer.h"
#include "runtime/state/state_store.h"
#include "sluice/engine.h"
#include "tests/streaming/broker_test_fixture.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using KeyValues = std::map<std::string, std::string>;

class GenericStateTest : public BrokerTestFixture {
 protected:
  GenericStateTest() : BrokerTestFixture({{"in", 3}, {"out", 2}}, "sluice-generic-state-") {}

  // Records `first` .. `first + n - 1` of a deterministic data set, as CSV values
  // `k,user,name,amount,big,ok` (keys cycle through five groups, users through 13).
  void produceRows(int first, int n) {
    static const char* const names[] = {"bob", "alice", "Zed", "", "carol", "Ärger", "zz", "eve"};
    KafkaWriter w({{"kafka.bootstrap.servers", broker_->bootstrapServers()}, {"topic", "in"}});
    for (int i = first; i < first + n; ++i) {
      const int cents = (i * 37) % 2000 - 500;
      std::string amount = std::to_string(std::abs(cents) / 100) + "." +
                           (std::abs(cents) % 100 < 10 ? "0" : "") +
                           std::to_string(std::abs(cents) % 100);
      if (cents < 0) amount = "-" + amount;
      // 27 integer digits: needs the 128-bit decimal representation.
      const std::string big =
          std::to_string(100000000 + i % 7) + "123456789012345678." + std::to_string(10 + i % 90);
      const std::string value = "k" + std::to_string(i % 5) + ",u" + std::to_string(i * 7 % 13) +
                                "," + names[(i * 3) % 8] + "," + amount + "," + big + "," +
                                ((i % 4) ? "y" : "n");
      w.write("r" + std::to_string(i), value);
    }
    w.flush();
  }

  // The latest value per key in topic `out` (a key always goes to the same partition, so its
  // highest offset is its latest value).
  KeyValues latestOut() {
    KafkaReader r({{"kafka.bootstrap.servers", broker_->bootstrapServers()},
                   {"subscribe", "out"},
                   {"startingOffsets", "earliest"}},
                  false);
    ColumnBatch b = r.readAll();
    std::map<std::string, std::pair<int64_t, std::string>> latest;
    for (int64_t i = 0; i < b.rows(); ++i) {
      auto str = [&](int c) {
        const ColumnData& col = b.columns()[static_cast<size_t>(c)];
        return std::string(static_cast<const StringView*>(col.values)[i].view());
      };
      const int64_t offset = static_cast<const int64_t*>(b.columns()[4].values)[i];
      auto& slot = latest[str(0)];
      if (slot.second.empty() || offset > slot.first) slot = {offset, str(1)};
    }
    KeyValues out;
    for (const auto& [k, v] : latest) out[k] = v.second;
    return out;
  }
  // Every (key, value) written to `out`, in no particular order.
  int64_t outCount() {
    KafkaReader r({{"kafka.bootstrap.servers", broker_->bootstrapServers()},
                   {"subscribe", "out"},
                   {"startingOffsets", "earliest"}},
                  false);
    return r.readAll().rows();
  }

  std::string tables(bool stream) {
    const std::string b = broker_->bootstrapServers();
    // Small batches: many state versions, so a restart reads a snapshot plus deltas.
    return "CREATE TABLE src USING kafka OPTIONS ('kafka.bootstrap.servers' '" + b +
           "', subscribe 'in', startingOffsets 'earliest'" +
           (stream ? ", maxOffsetsPerTrigger '9'" : "") +
           ");\n"
           "CREATE TABLE dst USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
           b + "', topic 'out');\n";
  }

  // The aggregation over the stream (or, for `stream` false, over the same topic as a batch).
  static std::string aggregation(bool stream) {
    return std::string(
               "SELECT k AS key, to_json(named_struct("
               "'users', size(collect_set(user)), 'user_set', collect_set(user), "
               "'max_name', max(name), 'min_name', min(name), "
               "'approx_users', approx_count_distinct(user), "
               "'avg_amount', avg(amount), 'sum_amount', sum(amount), "
               "'sum_big', sum(big), 'min_big', min(big), 'max_big', max(big), "
               "'any_ok', bool_or(ok), 'all_ok', bool_and(ok), 'n_ok', count_if(ok), "
               "'amounts', collect_list(amount), 'n', count(*))) AS value "
               "FROM (SELECT element_at(f, 1) AS k, element_at(f, 2) AS user, "
               "element_at(f, 3) AS name, CAST(element_at(f, 4) AS DECIMAL(10,2)) AS amount, "
               "CAST(element_at(f, 5) AS DECIMAL(30,2)) AS big, element_at(f, 6) = 'y' AS ok "
               "FROM (SELECT split(CAST(value AS STRING), ',') AS f FROM ") +
           (stream ? "STREAM src" : "src") + ")) GROUP BY k";
  }

  void runStream(const std::string& mode) {
    Engine e;  // a new engine per run: the state can only come from the checkpoint
    e.execute(tables(true) + "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
              (dir_ / "cp").string() + "', outputMode '" + mode +
              "', trigger 'availableNow') AS INSERT INTO dst " + aggregation(true) + ";\n");
  }

  KeyValues batchResult(const std::string& query) {
    Engine e;
    const Table t = e.query(tables(false) + query);
    KeyValues out;
    for (int64_t r = 0; r < t.rows(); ++r) out[t.getString(r, 0)] = t.getString(r, 1);
    return out;
  }
};

// `json` with the elements of every (flat) array sorted: collect_list / collect_set order
// follows arrival, which differs between the stream's batches and one batch read.
std::string canonical(const std::string& json) {
  std::string out;
  size_t i = 0;
  while (i < json.size()) {
    const size_t open = json.find('[', i);
    if (open == std::string::npos) break;
    const size_t close = json.find(']', open);
    out += json.substr(i, open + 1 - i);
    std::vector<std::string> items;
    std::string items_text = json.substr(open + 1, close - open - 1);
    for (size_t at = 0; !items_text.empty();) {
      const size_t comma = items_text.find(',', at);
      items.push_back(items_text.substr(at, comma - at));
      if (comma == std::string::npos) break;
      at = comma + 1;
    }
    std::sort(items.begin(), items.end());
    for (size_t k = 0; k < items.size(); ++k) out += (k ? "," : "") + items[k];
    out += "]";
    i = close + 1;
  }
  return out + json.substr(std::min(i, json.size()));
}

void expectSame(const KeyValues& streamed, const KeyValues& batch) {
  ASSERT_EQ(streamed.size(), batch.size());
  for (const auto& [k, v] : batch) {
    auto it = streamed.find(k);
    ASSERT_NE(it, streamed.end()) << k;
    EXPECT_EQ(canonical(it->second), canonical(v)) << k;
  }
}

TEST_F(GenericStateTest, UpdateModeRestartsFromTheCheckpointWithAccumulators) {
  produceRows(0, 60);
  runStream("update");
  expectSame(latestOut(), batchResult(aggregation(false)));
  // More data for the same groups; the restarted query restores their accumulators.
  produceRows(60, 45);
  runStream("update");
  const KeyValues all = batchResult(aggregation(false));
  expectSame(latestOut(), all);
  EXPECT_NE(all.at("k0").find("\"n\":21"), std::string::npos) << all.at("k0");
  // The next restart reads a snapshot (written every 10 versions) plus deltas.
  bool snapshot = false;
  for (const auto& f : fs::directory_iterator(dir_ / "cp" / "state" / "0" / "0"))
    snapshot = snapshot || f.path().extension() == ".snapshot";
  EXPECT_TRUE(snapshot);
  // And once more (state restored, updated and saved again).
  produceRows(105, 20);
  runStream("update");
  expectSame(latestOut(), batchResult(aggregation(false)));
  EXPECT_TRUE(fs::exists(dir_ / "cp" / "state" / "0" / "0"));
}

TEST_F(GenericStateTest, CompleteModeRestartsFromTheCheckpointWithAccumulators) {
  produceRows(0, 40);
  runStream("complete");
  expectSame(latestOut(), batchResult(aggregation(false)));
  const int64_t written = outCount();
  produceRows(40, 50);
  runStream("complete");
  expectSame(latestOut(), batchResult(aggregation(false)));
  EXPECT_GT(outCount(), written);
}

TEST_F(GenericStateTest, CorruptAccumulatorStateIsAnErrorNamingTheStateStore) {
  produceRows(0, 20);
  runStream("update");
  // Rewrite the last committed state version with every group cut short by a few bytes,
  // through the state store (a damaged file would fail its checksum before the accumulators
  // are reached).
  // State is hash-partitioned (state/<op>/<partition>/): damage the first partition that
  // holds groups.
  fs::path storeDir;
  int64_t v = 0;
  for (int p = 0; storeDir.empty() && fs::exists(dir_ / "cp" / "state" / "0" / std::to_string(p));
       ++p) {
    const fs::path dir = dir_ / "cp" / "state" / "0" / std::to_string(p);
    StateStore store(dir);
    v = store.latestVersionOnDisk();
    ASSERT_GT(v, 0);
    store.load(v);
    std::vector<std::pair<std::string, std::string>> groups;
    store.forEach([&](std::string_view k, std::string_view val) {
      groups.emplace_back(std::string(k), std::string(val.substr(0, val.size() - 3)));
    });
    if (groups.empty()) continue;
    storeDir = dir;
    store.load(v - 1);
    for (const auto& [k, val] : groups) store.put(k, val);
    store.commit(v);
  }
  ASSERT_FALSE(storeDir.empty()) << "no state partition holds groups";
  produceRows(20, 5);
  try {
    runStream("update");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(storeDir.string()), std::string::npos) << m;
    EXPECT_NE(m.find("(state version " + std::to_string(v) + ")"), std::string::npos) << m;
    EXPECT_NE(m.find("truncated"), std::string::npos) << m;
  }
}

// Event-time windows in append mode: a window's accumulators live through a restart and the
// window is emitted once, when the watermark passes it, with the values of all its rows.
TEST_F(GenericStateTest, AppendModeWindowsKeepTheirAccumulatorsAcrossRestarts) {
  const int64_t t0 = 1700000000000;  // ms; a multiple of 10 s
  auto at = [&](int64_t seconds, const std::string& user, const std::string& amount) {
    return sluice::testing::TestRecord(std::nullopt, user + "," + amount, -1, t0 + seconds * 1000);
  };
  auto query = [&](bool stream) {
    return std::string(
               "SELECT CAST(CAST(window.start AS BIGINT) AS STRING) AS key, to_json(named_struct("
               "'users', collect_set(element_at(f, 1)), "
               "'max_user', max(element_at(f, 1)), "
               "'approx', approx_count_distinct(element_at(f, 1)), "
               "'avg', avg(CAST(element_at(f, 2) AS DECIMAL(12,3))), 'n', count(*))) AS value "
               "FROM (SELECT timestamp, split(CAST(value AS STRING), ',') AS f FROM ") +
           (stream ? "STREAM src" : "src") +
           " WATERMARK timestamp DELAY OF INTERVAL 5 SECONDS) "
           "GROUP BY window(timestamp, '10 seconds')";
  };
  auto run = [&] {
    Engine e;
    e.execute(tables(true) + "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '" +
              (dir_ / "cp").string() +
              "', outputMode 'append', trigger 'availableNow') AS INSERT INTO dst " + query(true) +
              ";\n");
  };
  const std::string b = broker_->bootstrapServers();
  sluice::testing::produce(
      b, "in",
      {at(1, "ann", "1.5"), at(3, "bob", "2.25"), at(12, "cy", "-4.125"), at(14, "ann", "0.001")});
  run();
  // Watermark 9 s: nothing closed yet.
  EXPECT_TRUE(latestOut().empty());
  sluice::testing::produce(
      b, "in",
      {at(6, "dan", "7"), at(16, "bob", "3.5"), at(18, "Ann", "10.75"), at(26, "eve", "1")});
  run();
  // Watermark 21 s: [0, 10) and [10, 20) closed, each with the rows of both runs.
  const KeyValues batch = batchResult(query(false));
  const KeyValues out = latestOut();
  ASSERT_EQ(out.size(), 2u);
  for (const auto& [k, v] : out) EXPECT_EQ(canonical(v), canonical(batch.at(k))) << k;
  EXPECT_NE(out.at("1700000010").find("\"n\":4"), std::string::npos) << out.at("1700000010");
  EXPECT_EQ(outCount(), 2);  // each window once
}

}  // namespace
}  // namespace sluice
