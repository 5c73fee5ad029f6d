#include "runtime/state/state_store.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;
using testing::readRaw;
using testing::TempDir;
using testing::writeRaw;
using Model = std::map<std::string, std::string>;

Model contents(const StateStore& s) {
  Model m;
  s.forEach([&](std::string_view k, std::string_view v) { m.emplace(k, v); });
  return m;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ExecutionError& e) {
    return e.what();
  }
  return "";
}

TEST(StateStore, PutGetRemoveCommitAndReload) {
  TempDir d;
  const fs::path dir = StateStore::directoryFor(d / "state", 0, 3);
  EXPECT_EQ(dir, d / "state/0/3");
  {
    StateStore s(dir);
    EXPECT_EQ(s.version(), -1);
    s.load(0);
    EXPECT_EQ(s.numKeys(), 0);
    s.put("zip=94107|w=10:00", std::string("\x01\0\0\0\0\0\0\0", 8));
    s.put("zip=10001|w=10:00", "2");
    s.put("zip=10001|w=10:00", "3");
    s.put("tmp", "x");
    EXPECT_TRUE(s.remove("tmp"));
    EXPECT_FALSE(s.remove("never"));
    EXPECT_EQ(*s.get("zip=10001|w=10:00"), "3");
    EXPECT_FALSE(s.get("tmp"));
    const StateCommitMetrics m = s.commit(1);
    EXPECT_EQ(m.version, 1);
    EXPECT_EQ(m.numRowsTotal, 2);
    EXPECT_EQ(m.numRowsUpdated, 2);
    EXPECT_EQ(m.numRowsRemoved, 0);  // "tmp" did not exist at version 0
    EXPECT_GT(m.memoryUsedBytes, 0);
    EXPECT_FALSE(m.snapshotWritten);
    EXPECT_TRUE(fs::exists(dir / "1.delta"));
    s.remove("zip=94107|w=10:00");
    const StateCommitMetrics m2 = s.commit(2);
    EXPECT_EQ(m2.numRowsRemoved, 1);
    EXPECT_EQ(m2.numRowsTotal, 1);
  }
  StateStore again(dir);
  const StateLoadMetrics lm = again.load(1);
  EXPECT_FALSE(lm.cacheHit);
  EXPECT_EQ(lm.filesRead, 1);
  EXPECT_EQ(contents(again), (Model{{"zip=94107|w=10:00", std::string("\x01\0\0\0\0\0\0\0", 8)},
                                    {"zip=10001|w=10:00", "3"}}));
  again.load(2);
  EXPECT_EQ(contents(again), (Model{{"zip=10001|w=10:00", "3"}}));
  EXPECT_TRUE(again.load(2).cacheHit);
  again.load(0);
  EXPECT_EQ(again.numKeys(), 0);
}

// Random operations against a std::map model, with snapshots every 3 versions; every version
// must then reload identically in a fresh store.
TEST(StateStore, EveryVersionReloadsLikeTheModel) {
  TempDir d;
  StateStoreOptions opt{.minDeltasForSnapshot = 3, .minVersionsToRetain = 1000};
  std::vector<Model> history{{}};
  std::mt19937 rng(7);
  {
    StateStore s(d.path(), opt);
    s.load(0);
    Model model;
    for (int v = 1; v <= 12; ++v) {
      for (int i = 0; i < 300; ++i) {
        const std::string key = "k" + std::to_string(rng() % 200);
        if (rng() % 4 == 0) {
          EXPECT_EQ(s.remove(key), model.erase(key) == 1);
        } else {
          const std::string value(rng() % 40, static_cast<char>('a' + rng() % 26));
          s.put(key, value);
          model[key] = value;
        }
      }
      const StateCommitMetrics m = s.commit(v);
      EXPECT_EQ(m.snapshotWritten, v % 3 == 0) << v;
      EXPECT_EQ(m.numRowsTotal, static_cast<int64_t>(model.size()));
      history.push_back(model);
    }
  }
  for (int v = 12; v >= 0; --v) {
    StateStore s(d.path(), opt);
    const StateLoadMetrics lm = s.load(v);
    EXPECT_EQ(contents(s), history[v]) << "version " << v;
    EXPECT_EQ(lm.filesRead, (v >= 3 ? 1 : 0) + v % 3) << v;
  }
  for (int v : {3, 6, 9, 12}) EXPECT_TRUE(fs::exists(d / (std::to_string(v) + ".snapshot")));
  // Loading backwards in the same store object (a replay) works too.
  StateStore s(d.path(), opt);
  s.load(12);
  s.load(4);
  EXPECT_EQ(contents(s), history[4]);
}

TEST(StateStore, AbortRestoresTheCommittedVersion) {
  TempDir d;
  StateStore s(d.path());
  s.load(0);
  s.put("a", "1");
  s.put("b", std::string(100, 'b'));
  s.commit(1);
  const Model before = contents(s);
  const int64_t memBefore = s.memoryUsedBytes();
  s.put("a", "changed");
  s.put("a", "changed twice");
  s.remove("b");
  s.put("b", "back");
  s.put("c", std::string(50, 'c'));
  s.remove("c");
  s.put("d", "new");
  EXPECT_TRUE(s.hasUncommittedChanges());
  s.abort();
  EXPECT_FALSE(s.hasUncommittedChanges());
  EXPECT_EQ(contents(s), before);
  EXPECT_EQ(s.version(), 1);
  EXPECT_GE(s.memoryUsedBytes(), memBefore - 64);  // only the undo log's table may shrink
  // The next commit only carries what happened after the abort.
  s.put("e", "5");
  const StateCommitMetrics m = s.commit(2);
  EXPECT_EQ(m.numRowsUpdated, 1);
  StateStore fresh(d.path());
  fresh.load(2);
  Model expected = before;
  expected["e"] = "5";
  EXPECT_EQ(contents(fresh), expected);
  // load() of the current version also drops uncommitted changes.
  s.put("zzz", "1");
  EXPECT_TRUE(s.load(2).cacheHit);
  EXPECT_FALSE(s.get("zzz"));
}

TEST(StateStore, FailedCommitLeavesStoreAbortable) {
  TempDir d;
  writeRaw(d / "blocker", "a file where the store directory should be");
  StateStore s(d / "blocker/0/0");
  s.load(0);
  s.put("k", "v");
  const std::string e = errorOf([&] { s.commit(1); });
  EXPECT_NE(e.find("blocker"), std::string::npos) << e;
  EXPECT_EQ(s.version(), 0);
  EXPECT_TRUE(s.hasUncommittedChanges());
  s.abort();
  EXPECT_EQ(s.numKeys(), 0);
}

TEST(StateStore, RefusesMisuse) {
  TempDir d;
  StateStore s(d.path());
  EXPECT_NE(errorOf([&] { s.get("k"); }).find("before load()"), std::string::npos);
  EXPECT_NE(errorOf([&] { s.put("k", "v"); }).find("before load()"), std::string::npos);
  s.load(0);
  EXPECT_NE(errorOf([&] { s.commit(2); }).find("cannot commit version 2 on top of version 0"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { s.load(3); }).find("has no version 3"), std::string::npos);
  EXPECT_NE(errorOf([&] { s.load(-1); }).find("cannot load version -1"), std::string::npos);
  EXPECT_THROW(StateStore(d.path(), {.minDeltasForSnapshot = 0}), ExecutionError);
}

TEST(StateStore, MissingOrCorruptFilesAreErrorsAndLeaveStoreIntact) {
  TempDir d;
  {
    StateStore s(d.path(), {.minDeltasForSnapshot = 4});
    s.load(0);
    for (int v = 1; v <= 6; ++v) {
      s.put("k" + std::to_string(v), "v");
      s.commit(v);
    }
  }
  // 4.snapshot + 5.delta + 6.delta restore version 6; corrupt the snapshot.
  std::string snap = readRaw(d / "4.snapshot");
  snap[snap.size() / 2] ^= 1;
  writeRaw(d / "4.snapshot", snap);
  StateStore s(d.path(), {.minDeltasForSnapshot = 4});
  s.load(3);
  const Model at3 = contents(s);
  std::string e = errorOf([&] { s.load(6); });
  EXPECT_NE(e.find("4.snapshot"), std::string::npos) << e;
  EXPECT_NE(e.find("checksum"), std::string::npos) << e;
  EXPECT_EQ(s.version(), 3);  // unchanged by the failed load
  EXPECT_EQ(contents(s), at3);
  // A torn delta (cut short), read once the snapshot is gone.
  fs::remove(d / "4.snapshot");
  const std::string five = readRaw(d / "5.delta");
  writeRaw(d / "5.delta", five.substr(0, five.size() - 3));
  e = errorOf([&] { StateStore(d.path()).load(5); });
  EXPECT_NE(e.find("5.delta"), std::string::npos) << e;
  EXPECT_NE(e.find("truncated or torn"), std::string::npos) << e;
  // A missing delta in the chain.
  fs::remove(d / "2.delta");
  e = errorOf([&] { StateStore(d.path()).load(3); });
  EXPECT_NE(e.find("2.delta' is missing"), std::string::npos) << e;
  // A delta renamed to another version is caught by its header.
  fs::copy_file(d / "3.delta", d / "2.delta");
  e = errorOf([&] { StateStore(d.path()).load(2); });
  EXPECT_NE(e.find("holds version 3, expected 2"), std::string::npos) << e;
}

TEST(StateStore, CleanupKeepsMinVersionsToRetainLoadable) {
  TempDir d;
  StateStoreOptions opt{.minDeltasForSnapshot = 2, .minVersionsToRetain = 5};
  StateStore s(d.path(), opt);
  s.load(0);
  for (int v = 1; v <= 20; ++v) {
    s.put("k" + std::to_string(v % 7), std::to_string(v));
    const StateCommitMetrics m = s.commit(v);
    EXPECT_EQ(m.maintenanceError, "");
  }
  // The oldest version to keep is 16; it is rebuilt from 16.snapshot, so everything before is
  // gone.
  for (int v = 1; v < 16; ++v) {
    EXPECT_FALSE(fs::exists(d / (std::to_string(v) + ".delta"))) << v;
    EXPECT_FALSE(fs::exists(d / (std::to_string(v) + ".snapshot"))) << v;
  }
  for (int v = 16; v <= 20; ++v) {
    EXPECT_NO_THROW(StateStore(d.path(), opt).load(v)) << v;
  }
  EXPECT_EQ(StateStore(d.path(), opt).latestVersionOnDisk(), 20);
}

TEST(StateStore, ReplayOverwritesVersionAndDropsStaleSnapshot) {
  TempDir d;
  {
    StateStore s(d.path(), {.minDeltasForSnapshot = 1});
    s.load(0);
    s.put("a", "first run");
    s.commit(1);  // writes 1.delta and 1.snapshot
  }
  ASSERT_TRUE(fs::exists(d / "1.snapshot"));
  // The batch is replayed (its commit log entry was missing) by a run with other settings.
  StateStore s(d.path(), {.minDeltasForSnapshot = 10});
  s.load(0);
  s.put("a", "second run");
  const StateCommitMetrics m = s.commit(1);
  EXPECT_FALSE(m.snapshotWritten);
  EXPECT_FALSE(fs::exists(d / "1.snapshot"));
  StateStore check(d.path());
  check.load(1);
  EXPECT_EQ(*check.get("a"), "second run");
}

TEST(StateStore, WriteSnapshotOnDemand) {
  TempDir d;
  StateStore s(d.path());
  s.load(0);
  EXPECT_EQ(s.writeSnapshot(), 0u);  // version 0 needs no file
  s.put("a", "1");
  EXPECT_THROW(s.writeSnapshot(), ExecutionError);
  s.commit(1);
  EXPECT_GT(s.writeSnapshot(), 0u);
  EXPECT_EQ(s.writeSnapshot(), 0u);  // already there
  fs::remove(d / "1.delta");
  StateStore fresh(d.path());
  fresh.load(1);
  EXPECT_EQ(*fresh.get("a"), "1");
}

TEST(StateStore, ManyOverwritesCompactAndStayCorrect) {
  TempDir d;
  StateStore s(d.path(), {.minDeltasForSnapshot = 5});
  s.load(0);
  Model model;
  int64_t peak = 0;
  for (int v = 1; v <= 30; ++v) {
    for (int k = 0; k < 100; ++k) {
      const std::string key = "key" + std::to_string(k);
      const std::string value(10000, static_cast<char>('a' + (v + k) % 26));
      s.put(key, value);
      model[key] = value;
    }
    const std::optional<std::string_view> before = s.get("key7");
    s.put("other", "x");  // views handed out stay valid across puts
    EXPECT_EQ(*before, model["key7"]);
    model["other"] = "x";
    s.commit(v);
    peak = std::max(peak, s.memoryUsedBytes());
  }
  // 30 MB of values were written over time; compaction keeps memory near the 1 MB live data.
  EXPECT_LT(peak, 40 << 20);
  EXPECT_LT(s.memoryUsedBytes(), 20 << 20);
  EXPECT_EQ(contents(s), model);
  StateStore fresh(d.path());
  fresh.load(30);
  EXPECT_EQ(contents(fresh), model);
}

TEST(StateStore, CommitMetricsSum) {
  StateCommitMetrics a, b;
  a.numRowsTotal = 3;
  a.numRowsUpdated = 1;
  b.numRowsTotal = 4;
  b.numRowsRemoved = 2;
  b.snapshotWritten = true;
  a += b;
  EXPECT_EQ(a.numRowsTotal, 7);
  EXPECT_EQ(a.numRowsUpdated, 1);
  EXPECT_EQ(a.numRowsRemoved, 2);
  EXPECT_TRUE(a.snapshotWritten);
}

TEST(StateStore, LoadRemovesTempFilesOfKilledWriters) {
  TempDir d;
  const fs::path dir = StateStore::directoryFor(d / "state", 0, 0);
  {
    StateStore s(dir);
    s.load(0);
    s.put("k", "v");
    s.commit(1);
  }
  writeRaw(dir / ".2.delta.0123456789ab.tmp", "torn");
  writeRaw(dir / ".2.snapshot.0123456789ab.tmp", "torn");
  StateStore again(dir);
  again.load(1);
  EXPECT_EQ(*again.get("k"), "v");
  EXPECT_FALSE(fs::exists(dir / ".2.delta.0123456789ab.tmp"));
  EXPECT_FALSE(fs::exists(dir / ".2.snapshot.0123456789ab.tmp"));
  EXPECT_TRUE(fs::exists(dir / "1.delta"));
}

}  // namespace
}  // namespace sluice
