#include "runtime/checkpoint/checkpoint_log.h"

#include <gtest/gtest.h>

#include <regex>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

using testing::readRaw;
using testing::TempDir;
using testing::writeRaw;

OffsetSeq offsetsAt(int64_t kafkaOffset, int64_t watermark = 0) {
  OffsetSeq s;
  s.metadata =
      OffsetSeqMetadata{watermark, 1000 + kafkaOffset, {{"spark.sql.shuffle.partitions", "1"}}};
  s.offsets = {"{\"nest-logs\":{\"0\":" + std::to_string(kafkaOffset) + "}}"};
  return s;
}

void expectError(const std::function<void()>& f, const std::string& fragment) {
  try {
    f();
    FAIL() << "expected an ExecutionError containing '" << fragment << "'";
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(CheckpointLog, CreatesMetadataAndKeepsIdOnRestart) {
  TempDir d;
  std::string id;
  {
    auto log = CheckpointLog::open(d / "q");
    EXPECT_TRUE(log.created());
    id = log.queryId();
    EXPECT_TRUE(std::regex_match(
        id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
        << id;
    EXPECT_EQ(readRaw(d / "q/metadata"), "{\"id\":\"" + id + "\"}");
  }
  auto again = CheckpointLog::open(d / "q");
  EXPECT_FALSE(again.created());
  EXPECT_EQ(again.queryId(), id);
  EXPECT_NE(CheckpointLog::open(d / "other").queryId(), id);
}

TEST(CheckpointLog, FreshStartPlan) {
  TempDir d;
  auto log = CheckpointLog::open(d.path());
  const RestartPlan p = log.restartPlan();
  EXPECT_TRUE(p.freshStart);
  EXPECT_EQ(p.nextBatchId, 0);
  EXPECT_FALSE(p.replay);
  EXPECT_FALSE(p.committedOffsets);
  EXPECT_EQ(p.stateVersion, 0);
  EXPECT_FALSE(log.latestOffsets());
  EXPECT_FALSE(log.latestCommit());
}

TEST(CheckpointLog, WritesSparkLayout) {
  TempDir d;
  auto log = CheckpointLog::open(d.path());
  log.writeOffsets(0, offsetsAt(10, 0));
  log.writeCommit(0, {500});
  EXPECT_EQ(readRaw(d / "offsets/0"),
            "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1010,\"conf\":{"
            "\"spark.sql.shuffle.partitions\":\"1\"}}\n{\"nest-logs\":{\"0\":10}}");
  EXPECT_EQ(readRaw(d / "commits/0"), "v1\n{\"nextBatchWatermarkMs\":500}");
  EXPECT_EQ(log.latestOffsets()->first, 0);
  EXPECT_EQ(log.latestOffsets()->second, offsetsAt(10, 0));
  EXPECT_EQ(log.latestCommit()->second.nextBatchWatermarkMs, 500);
}

TEST(CheckpointLog, RestartAfterCommittedBatchContinues) {
  TempDir d;
  {
    auto log = CheckpointLog::open(d.path());
    for (int b = 0; b < 3; ++b) {
      log.writeOffsets(b, offsetsAt(10 * (b + 1), 100 * b));
      log.writeCommit(b, {100 * (b + 1)});
    }
  }
  const RestartPlan p = CheckpointLog::open(d.path()).restartPlan();
  EXPECT_FALSE(p.freshStart);
  EXPECT_FALSE(p.replay);
  EXPECT_EQ(p.nextBatchId, 3);
  EXPECT_EQ(p.stateVersion, 3);
  EXPECT_EQ(p.watermarkMs, 300);  // from commits/2
  ASSERT_TRUE(p.committedOffsets);
  EXPECT_EQ(*p.committedOffsets, offsetsAt(30, 200));
}

TEST(CheckpointLog, RestartReplaysUncommittedBatchWithSameOffsets) {
  TempDir d;
  {
    auto log = CheckpointLog::open(d.path());
    log.writeOffsets(0, offsetsAt(10));
    log.writeCommit(0, {700});
    log.writeOffsets(1, offsetsAt(25, 700));  // crash before commit
  }
  auto log = CheckpointLog::open(d.path());
  const RestartPlan p = log.restartPlan();
  EXPECT_TRUE(p.replay);
  EXPECT_EQ(p.nextBatchId, 1);
  EXPECT_EQ(p.stateVersion, 1);
  EXPECT_EQ(p.watermarkMs, 700);
  ASSERT_TRUE(p.replayOffsets);
  EXPECT_EQ(*p.replayOffsets, offsetsAt(25, 700));
  EXPECT_EQ(*p.committedOffsets, offsetsAt(10));
  // The replay may log the same offsets again (idempotent) and then commits.
  log.writeOffsets(1, *p.replayOffsets);
  log.writeCommit(1, {900});
  EXPECT_EQ(log.restartPlan().nextBatchId, 2);
}

TEST(CheckpointLog, ReplayOfFirstBatch) {
  TempDir d;
  CheckpointLog::open(d.path()).writeOffsets(0, offsetsAt(5));
  const RestartPlan p = CheckpointLog::open(d.path()).restartPlan();
  EXPECT_TRUE(p.replay);
  EXPECT_EQ(p.nextBatchId, 0);
  EXPECT_FALSE(p.committedOffsets);
}

TEST(CheckpointLog, RefusesOutOfOrderAndConflictingWrites) {
  TempDir d;
  auto log = CheckpointLog::open(d.path());
  expectError([&] { log.writeOffsets(1, offsetsAt(1)); }, "the next batch is 0");
  log.writeOffsets(0, offsetsAt(1));
  expectError([&] { log.writeOffsets(0, offsetsAt(2)); }, "another run of this query");
  expectError([&] { log.writeCommit(1, {}); }, "never logged");
  log.writeCommit(0, {});
  log.writeCommit(0, {});  // same content: no-op
  expectError([&] { log.writeCommit(0, {5}); }, "already committed");
  log.writeOffsets(1, offsetsAt(2));
  log.writeOffsets(2, offsetsAt(3));
  expectError([&] { log.writeCommit(2, {}); }, "last committed batch is 0");
}

TEST(CheckpointLog, DetectsGapsAndOrphanCommits) {
  {
    TempDir d;
    writeRaw(d / "offsets/0", "v1\n{}\n1");
    writeRaw(d / "offsets/2", "v1\n{}\n1");
    expectError([&] { CheckpointLog::open(d.path()); }, "offsets/1' is missing");
  }
  {
    TempDir d;
    for (const char* f : {"offsets/0", "offsets/1", "offsets/2"}) writeRaw(d / f, "v1\n{}\n1");
    writeRaw(d / "commits/0", "v1\n{}");
    writeRaw(d / "commits/2", "v1\n{}");
    expectError([&] { CheckpointLog::open(d.path()); }, "commits/1' is missing");
  }
  {
    TempDir d;
    writeRaw(d / "offsets/0", "v1\n{}\n1");
    writeRaw(d / "commits/0", "v1\n{}");
    writeRaw(d / "commits/1", "v1\n{}");
    expectError([&] { CheckpointLog::open(d.path()); }, "commits/1' exists but");
  }
}

TEST(CheckpointLog, CorruptLatestFilesAreReportedOnRestart) {
  TempDir d;
  {
    auto log = CheckpointLog::open(d.path());
    log.writeOffsets(0, offsetsAt(1));
    log.writeCommit(0, {});
  }
  writeRaw(d / "commits/0", "");
  expectError([&] { CheckpointLog::open(d.path()).restartPlan(); },
              "commits/0': the file is empty");
  writeRaw(d / "commits/0", "v1\n{}");
  writeRaw(d / "offsets/0", "v1\n{\"batchWaterm");  // torn
  expectError([&] { CheckpointLog::open(d.path()).restartPlan(); }, "offsets/0': invalid JSON");
  writeRaw(d / "metadata", "{\"di\":1}");
  expectError([&] { CheckpointLog::open(d.path()); }, "metadata");
}

TEST(CheckpointLog, IgnoresTempAndCrcFiles) {
  TempDir d;
  writeRaw(d / "offsets/.0.abcdef.tmp", "garbage");
  writeRaw(d / "offsets/.0.crc", "garbage");
  auto log = CheckpointLog::open(d.path());
  EXPECT_FALSE(log.latestOffsetsBatchId());
  log.writeOffsets(0, offsetsAt(1));
  EXPECT_EQ(*log.latestOffsetsBatchId(), 0);
}

TEST(CheckpointLog, PurgeKeepsMinBatchesToRetain) {
  TempDir d;
  auto log = CheckpointLog::open(d.path(), {.minBatchesToRetain = 3});
  for (int b = 0; b < 10; ++b) {
    log.writeOffsets(b, offsetsAt(b));
    log.writeCommit(b, {b});
  }
  namespace fs = std::filesystem;
  for (int b = 0; b < 7; ++b) {
    EXPECT_FALSE(fs::exists(d / ("offsets/" + std::to_string(b)))) << b;
    EXPECT_FALSE(fs::exists(d / ("commits/" + std::to_string(b)))) << b;
  }
  for (int b = 7; b < 10; ++b) {
    EXPECT_TRUE(fs::exists(d / ("offsets/" + std::to_string(b)))) << b;
    EXPECT_TRUE(fs::exists(d / ("commits/" + std::to_string(b)))) << b;
  }
  // A restart after purging still works and continues the numbering.
  auto again = CheckpointLog::open(d.path(), {.minBatchesToRetain = 3});
  EXPECT_EQ(again.restartPlan().nextBatchId, 10);
  again.writeOffsets(10, offsetsAt(10));
  EXPECT_THROW(CheckpointLog::open(d.path(), {.minBatchesToRetain = 0}), ExecutionError);
}

TEST(CheckpointLog, InitialOffsetsAreWrittenOnce) {
  TempDir d;
  auto log = CheckpointLog::open(d.path());
  EXPECT_FALSE(log.readInitialOffsets(0));
  EXPECT_EQ(log.writeInitialOffsets(0, "{\"t\":{\"0\":0}}"), "{\"t\":{\"0\":0}}");
  // A restart that computes different initial offsets keeps the first ones, as Spark does.
  EXPECT_EQ(log.writeInitialOffsets(0, "{\"t\":{\"0\":99}}"), "{\"t\":{\"0\":0}}");
  EXPECT_EQ(readRaw(d / "sources/0/0"), std::string(1, '\0') + "v1\n{\"t\":{\"0\":0}}");
  EXPECT_THROW(log.writeInitialOffsets(1, "{not json"), ExecutionError);
  EXPECT_FALSE(std::filesystem::exists(d / "sources/1/0"));
}

TEST(CheckpointLog, RefusesFileAsLocation) {
  TempDir d;
  writeRaw(d / "f", "x");
  expectError([&] { CheckpointLog::open(d / "f"); }, "not a directory");
}

TEST(CheckpointLog, OpenRemovesTempFilesOfKilledWriters) {
  TempDir d;
  const std::vector<std::string> stale = {
      ".metadata.0123456789ab.tmp", "offsets/.0.0123456789ab.tmp", "commits/.0.abcdefabcdef.tmp",
      "sources/0/.0.000000000000.tmp"};
  for (const auto& f : stale) testing::writeRaw(d / f, "torn");
  testing::writeRaw(d / "offsets/.keep", "not ours");
  auto log = CheckpointLog::open(d.path());
  for (const auto& f : stale) EXPECT_FALSE(std::filesystem::exists(d / f)) << f;
  EXPECT_TRUE(std::filesystem::exists(d / "offsets/.keep"));
}

}  // namespace
}  // namespace sluice
