#pragma once
// The checkpoint directory of one streaming query, in Spark's layout:
//
//   <dir>/metadata          {"id":"<query uuid>"}        created on first start, kept after
//   <dir>/offsets/<n>       written before batch n runs  (OffsetSeq, see offset_seq.h)
//   <dir>/commits/<n>       written after batch n ran    (CommitMetadata)
//   <dir>/sources/<i>/0     initial offsets of source i  (chosen once, at first start)
//   <dir>/state/...         operator state (runtime/state/state_store.h)
//
// The micro-batch loop that uses it:
//   auto log = CheckpointLog::open(dir);
//   RestartPlan plan = log.restartPlan();
//   batch = plan.nextBatchId;
//   if (plan.replay) run batch with exactly plan.replayOffsets (state version plan.stateVersion)
//   loop: end = plan offsets; log.writeOffsets(batch, {metadata, end}); run the batch;
//         flush the sink (every record acknowledged); commit state version batch + 1;
//         log.writeCommit(batch, {watermark});
// writeCommit purges entries older than minBatchesToRetain.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/checkpoint/offset_seq.h"

namespace sluice {

/// Spark's spark.sql.streaming.minBatchesToRetain default.
inline constexpr int64_t kDefaultMinBatchesToRetain = 100;

/// Options of a checkpoint log.
struct CheckpointLogOptions {
  /// How many of the most recent batches keep their offsets and commits files (>= 1).
  int64_t minBatchesToRetain = kDefaultMinBatchesToRetain;
};

/// What a (re)started query does next, derived from the offsets and commits logs as Spark's
/// MicroBatchExecution.populateStartOffsets does.
struct RestartPlan {
  /// True when the directory held no batch yet (fresh query, or never got past planning).
  bool freshStart = true;
  /// The batch to run next.
  int64_t nextBatchId = 0;
  /// True when offsets/<nextBatchId> exists but commits/<nextBatchId> does not: the batch was
  /// planned (maybe partly run) and must be re-run with exactly `replayOffsets`, without
  /// writing its offsets again.
  bool replay = false;
  /// The logged end offsets of the batch to replay (set iff replay).
  std::optional<OffsetSeq> replayOffsets;
  /// End offsets of the last batch before nextBatchId, i.e. where the next batch starts; nullopt
  /// when nextBatchId is the first batch (sources then start from their initial offsets).
  std::optional<OffsetSeq> committedOffsets;
  /// The watermark in effect for nextBatchId: the replayed batch's logged batchWatermarkMs, or
  /// the last commit's nextBatchWatermarkMs, or 0.
  int64_t watermarkMs = 0;
  /// The state version every state store loads before running nextBatchId (= nextBatchId;
  /// version v holds the state after batch v-1, as in Spark).
  int64_t stateVersion = 0;
};

/// A query's checkpoint directory. Not thread-safe; one running query owns a directory.
class CheckpointLog {
 public:
  /// Opens `dir`, creating it and its `metadata` file (with a new random query id) when absent.
  /// Validates the logs' shape: no gaps in offsets/ or commits/, no commit without its offsets.
  /// ExecutionError naming the file or directory when something is wrong.
  static CheckpointLog open(const std::filesystem::path& dir, CheckpointLogOptions options = {});

  const std::filesystem::path& dir() const { return dir_; }  ///< the checkpoint directory
  const std::string& queryId() const { return queryId_; }    ///< the id stored in `metadata`
  bool created() const { return created_; }  ///< whether open() created the metadata file
  std::filesystem::path stateDir() const { return dir_ / "state"; }  ///< root of state stores

  /// The newest batch with an offsets file, if any.
  std::optional<int64_t> latestOffsetsBatchId() const;
  /// The newest batch with a commits file, if any.
  std::optional<int64_t> latestCommitBatchId() const;
  /// The newest offsets entry, parsed.
  std::optional<std::pair<int64_t, OffsetSeq>> latestOffsets() const;
  /// The newest commits entry, parsed.
  std::optional<std::pair<int64_t, CommitMetadata>> latestCommit() const;
  /// offsets/<batchId>, parsed; nullopt when absent (never written or purged).
  std::optional<OffsetSeq> readOffsets(int64_t batchId) const;
  /// commits/<batchId>, parsed; nullopt when absent.
  std::optional<CommitMetadata> readCommit(int64_t batchId) const;

  /// What to run next after a (re)start; see RestartPlan.
  RestartPlan restartPlan() const;

  /// Writes offsets/<batchId> (the write-ahead step, before the batch runs). batchId must be
  /// the next one (latest + 1, or 0 on an empty log). Rewriting an existing entry with the same
  /// content is a no-op; different content is an ExecutionError (another run of the same query
  /// is using this checkpoint).
  void writeOffsets(int64_t batchId, const OffsetSeq& offsets);
  /// Writes commits/<batchId> once the batch's state and output are durable, then purges
  /// entries older than minBatchesToRetain. offsets/<batchId> must exist.
  void writeCommit(int64_t batchId, const CommitMetadata& commit);

  /// sources/<sourceIndex>/0: the initial offsets chosen at the query's first start, if written.
  std::optional<std::string> readInitialOffsets(int sourceIndex) const;
  /// Writes sources/<sourceIndex>/0 unless it exists; returns the offsets now on disk (the
  /// earlier ones win, so a restart keeps its first choice).
  std::string writeInitialOffsets(int sourceIndex, std::string_view offsetJson);

  /// Removes offsets and commits entries of batches < thresholdBatchId (commits first).
  void purgeBefore(int64_t thresholdBatchId);

 private:
  CheckpointLog(std::filesystem::path dir, CheckpointLogOptions options);
  void loadMetadata();
  void scanLogs();
  std::filesystem::path offsetsFile(int64_t id) const;
  std::filesystem::path commitsFile(int64_t id) const;

  std::filesystem::path dir_;
  CheckpointLogOptions options_;
  std::string queryId_;
  bool created_ = false;
  std::set<int64_t> offsetIds_;  ///< batch ids present in offsets/ (kept in sync on writes)
  std::set<int64_t> commitIds_;  ///< batch ids present in commits/
};

/// A random (version 4) UUID in the canonical 8-4-4-4-12 lowercase form.
std::string newUuid();

}  // namespace sluice
