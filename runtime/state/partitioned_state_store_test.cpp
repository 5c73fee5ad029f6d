#include "runtime/state/partitioned_state_store.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

using testing::TempDir;

std::map<std::string, std::string> contents(const PartitionedStateStore& s) {
  std::map<std::string, std::string> out;
  s.forEach([&](std::string_view k, std::string_view v, const StateStore&) {
    out.emplace(std::string(k), std::string(v));
  });
  return out;
}

// Keys land in the directory of their partition (<root>/<op>/<p>/), each partition is its own
// versioned store, and a reopened store sees every key again.
TEST(PartitionedStateStore, KeysLiveInTheirPartitionsDirectory) {
  TempDir d;
  std::map<std::string, std::string> expected;
  {
    PartitionedStateStore s(d.path(), 3, 4);
    s.load(0);
    for (int i = 0; i < 200; ++i) {
      const std::string k = "key" + std::to_string(i);
      s.put(k, "v" + std::to_string(i));
      expected[k] = "v" + std::to_string(i);
    }
    EXPECT_TRUE(s.remove("key7"));
    expected.erase("key7");
    const StateCommitMetrics m = s.commit(1);
    EXPECT_EQ(m.numRowsTotal, 199);
    EXPECT_EQ(m.version, 1);
    for (int32_t p = 0; p < 4; ++p) {
      EXPECT_TRUE(std::filesystem::exists(d.path() / "3" / std::to_string(p) / "1.delta")) << p;
      int64_t mine = 0;
      s.partition(p).forEach([&](std::string_view k, std::string_view) {
        EXPECT_EQ(PartitionedStateStore::partitionOf(k, 4), p);
        ++mine;
      });
      EXPECT_GT(mine, 20) << "keys spread over the partitions";
    }
  }
  PartitionedStateStore again(d.path(), 3, 4);
  again.load(1);
  EXPECT_EQ(contents(again), expected);
}

// The partition function is fixed: another process (or release) must find the same keys in
// the same partitions.
TEST(PartitionedStateStore, PartitionOfAKeyIsStable) {
  EXPECT_EQ(PartitionedStateStore::partitionOf("", 8), 0);
  EXPECT_EQ(PartitionedStateStore::partitionOf("abc", 1), 0);
  const int32_t p = PartitionedStateStore::partitionOf("campaign-17", 200);
  EXPECT_GE(p, 0);
  EXPECT_LT(p, 200);
  EXPECT_EQ(PartitionedStateStore::partitionOf("campaign-17", 200), p);
  // crc32c("123456789") = 0xE3069283 (the standard check value).
  EXPECT_EQ(PartitionedStateStore::partitionOf("123456789", 1000),
            static_cast<int32_t>(0xE3069283u % 1000u));
}

// A single-partition checkpoint written by a plain StateStore at <op>/0/ is the 1-partition
// layout.
TEST(PartitionedStateStore, OldSinglePartitionLayoutIsOnePartition) {
  TempDir d;
  {
    StateStore old(StateStore::directoryFor(d.path(), 0, 0));
    old.load(0);
    old.put("a", "1");
    old.commit(1);
  }
  PartitionedStateStore s(d.path(), 0, 1);
  s.load(1);
  EXPECT_EQ(contents(s), (std::map<std::string, std::string>{{"a", "1"}}));
}

TEST(PartitionedStateStore, AbortDropsEveryPartitionsChanges) {
  TempDir d;
  PartitionedStateStore s(d.path(), 0, 3);
  s.load(0);
  s.put("x", "1");
  s.commit(1);
  for (int i = 0; i < 30; ++i) s.put("k" + std::to_string(i), "v");
  s.abort();
  EXPECT_EQ(contents(s), (std::map<std::string, std::string>{{"x", "1"}}));
}

TEST(PartitionedStateStore, ZeroPartitionsIsAnError) {
  TempDir d;
  try {
    PartitionedStateStore s(d.path(), 2, 0);
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("at least 1, got 0"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace sluice
