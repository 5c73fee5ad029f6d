#include "runtime/stream/state_partitions.h"

#include <gtest/gtest.h>

#include "frontend/error.h"

namespace sluice {
namespace {

OffsetSeq withConf(std::map<std::string, std::string> conf) {
  OffsetSeq s;
  s.metadata = OffsetSeqMetadata{0, 0, std::move(conf)};
  return s;
}

TEST(StatePartitions, NewQueryTakesTheSessionValue) {
  RestartPlan fresh;
  EXPECT_EQ(statePartitions(fresh, 5), 5);
}

TEST(StatePartitions, RestartTakesTheRecordedValue) {
  RestartPlan r;
  r.freshStart = false;
  r.nextBatchId = 3;
  r.committedOffsets = withConf({{kShufflePartitionsConf, "4"}});
  EXPECT_EQ(statePartitions(r, 16), 4);
  RestartPlan replay;
  replay.freshStart = false;
  replay.replay = true;
  replay.replayOffsets = withConf({{kShufflePartitionsConf, "2"}});
  replay.committedOffsets = withConf({{kShufflePartitionsConf, "9"}});
  EXPECT_EQ(statePartitions(replay, 16), 2);
}

// Checkpoints written before state was partitioned record nothing: one partition (<op>/0/).
TEST(StatePartitions, OldCheckpointsAreOnePartition) {
  RestartPlan r;
  r.freshStart = false;
  r.nextBatchId = 1;
  r.committedOffsets = withConf({});
  EXPECT_EQ(statePartitions(r, 8), 1);
  r.committedOffsets = OffsetSeq{};  // no metadata line at all
  EXPECT_EQ(statePartitions(r, 8), 1);
}

TEST(StatePartitions, DamagedValueIsAnErrorNamingTheOffsetsFile) {
  RestartPlan r;
  r.freshStart = false;
  r.nextBatchId = 7;
  r.committedOffsets = withConf({{kShufflePartitionsConf, "-3"}});
  try {
    statePartitions(r, 8);
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("offsets/6"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("'-3'"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace sluice
