#include "runtime/checkpoint/checkpoint_log.h"

#include <unistd.h>

#include <random>

#include "frontend/error.h"
#include "runtime/checkpoint/file_io.h"
#include "stdlib/json.h"

namespace sluice {
namespace fs = std::filesystem;

namespace {

// Checks that `ids` has no holes; `what` is "offsets" or "commits".
void checkContiguous(const std::set<int64_t>& ids, const fs::path& dir, const char* what) {
  int64_t prev = -1;
  for (int64_t id : ids) {
    if (prev >= 0 && id != prev + 1) {
      throw ExecutionError("corrupt checkpoint: '" + (dir / std::to_string(prev + 1)).string() +
                           "' is missing (the " + what + " log jumps from batch " +
                           std::to_string(prev) + " to " + std::to_string(id) + ")");
    }
    prev = id;
  }
}

}  // namespace

std::string newUuid() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   (static_cast<uint64_t>(::getpid()) << 20));
  uint8_t b[16];
  const uint64_t hi = rng(), lo = rng();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<uint8_t>(hi >> (8 * i));
    b[8 + i] = static_cast<uint8_t>(lo >> (8 * i));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += kHex[b[i] >> 4];
    s += kHex[b[i] & 15];
  }
  return s;
}

CheckpointLog::CheckpointLog(fs::path dir, CheckpointLogOptions options)
    : dir_(std::move(dir)), options_(options) {}

CheckpointLog CheckpointLog::open(const fs::path& dir, CheckpointLogOptions options) {
  if (options.minBatchesToRetain < 1) {
    throw ExecutionError("minBatchesToRetain must be at least 1, got " +
                         std::to_string(options.minBatchesToRetain));
  }
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw ExecutionError("checkpoint location '" + dir.string() + "' is not a directory");
  }
  fs::create_directories(dir, ec);
  if (ec) {
    throw ExecutionError("cannot create checkpoint location '" + dir.string() +
                         "': " + ec.message());
  }
  // Temp files of writers killed mid-write (SIGKILL) are never renamed: clear them, so they
  // do not pile up run after run.
  removeStaleTempFiles(dir);
  for (const char* sub : {"offsets", "commits"}) removeStaleTempFiles(dir / sub);
  for (const auto& source : fs::directory_iterator(dir / "sources", ec))
    removeStaleTempFiles(source.path());
  CheckpointLog log(dir, options);
  log.loadMetadata();
  log.scanLogs();
  return log;
}

void CheckpointLog::loadMetadata() {
  const fs::path file = dir_ / "metadata";
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    const std::string id = newUuid();
    created_ = writeFileIfAbsent(file, "{\"id\":\"" + id + "\"}");
  }
  const std::string text = readWholeFile(file);
  const auto v = stdlib::parseJson(text);
  const stdlib::JsonValue* id = v ? v->field("id") : nullptr;
  if (!v || v->kind != stdlib::JsonValue::Kind::Object || !id ||
      id->kind != stdlib::JsonValue::Kind::String || id->text.empty()) {
    throw ExecutionError("corrupt checkpoint file '" + file.string() +
                         "': expected {\"id\":\"<query id>\"}");
  }
  queryId_ = id->text;
}

void CheckpointLog::scanLogs() {
  for (int64_t id : listBatchFiles(dir_ / "offsets")) offsetIds_.insert(id);
  for (int64_t id : listBatchFiles(dir_ / "commits")) commitIds_.insert(id);
  checkContiguous(offsetIds_, dir_ / "offsets", "offsets");
  checkContiguous(commitIds_, dir_ / "commits", "commits");
  if (!commitIds_.empty() && (offsetIds_.empty() || *commitIds_.rbegin() > *offsetIds_.rbegin())) {
    const int64_t c = *commitIds_.rbegin();
    throw ExecutionError("corrupt checkpoint: '" + commitsFile(c).string() + "' exists but '" +
                         offsetsFile(c).string() +
                         "' does not (a batch cannot be committed before its offsets are logged)");
  }
}

fs::path CheckpointLog::offsetsFile(int64_t id) const {
  return dir_ / "offsets" / std::to_string(id);
}
fs::path CheckpointLog::commitsFile(int64_t id) const {
  return dir_ / "commits" / std::to_string(id);
}

std::optional<int64_t> CheckpointLog::latestOffsetsBatchId() const {
  if (offsetIds_.empty()) return std::nullopt;
  return *offsetIds_.rbegin();
}

std::optional<int64_t> CheckpointLog::latestCommitBatchId() const {
  if (commitIds_.empty()) return std::nullopt;
  return *commitIds_.rbegin();
}

std::optional<OffsetSeq> CheckpointLog::readOffsets(int64_t batchId) const {
  if (!offsetIds_.count(batchId)) return std::nullopt;
  const fs::path f = offsetsFile(batchId);
  return parseOffsetSeq(readWholeFile(f), f.string());
}

std::optional<CommitMetadata> CheckpointLog::readCommit(int64_t batchId) const {
  if (!commitIds_.count(batchId)) return std::nullopt;
  const fs::path f = commitsFile(batchId);
  return parseCommit(readWholeFile(f), f.string());
}

std::optional<std::pair<int64_t, OffsetSeq>> CheckpointLog::latestOffsets() const {
  const auto id = latestOffsetsBatchId();
  if (!id) return std::nullopt;
  return std::make_pair(*id, *readOffsets(*id));
}

std::optional<std::pair<int64_t, CommitMetadata>> CheckpointLog::latestCommit() const {
  const auto id = latestCommitBatchId();
  if (!id) return std::nullopt;
  return std::make_pair(*id, *readCommit(*id));
}

RestartPlan CheckpointLog::restartPlan() const {
  RestartPlan plan;
  const auto latest = latestOffsets();
  if (!latest) return plan;
  plan.freshStart = false;
  const auto& [n, seq] = *latest;
  const auto commit = latestCommit();
  if (commit && commit->first == n) {
    // Batch n finished: plan n + 1 from n's end offsets and the watermark n computed.
    plan.nextBatchId = n + 1;
    plan.committedOffsets = seq;
    plan.watermarkMs = commit->second.nextBatchWatermarkMs;
  } else {
    // Batch n was logged but not committed: re-run it with the same offsets and watermark.
    // (Spark only warns when the commit log trails by more than one batch; so do we.)
    plan.nextBatchId = n;
    plan.replay = true;
    plan.replayOffsets = seq;
    plan.watermarkMs = seq.metadata ? seq.metadata->batchWatermarkMs : 0;
    if (n > 0) plan.committedOffsets = readOffsets(n - 1);
  }
  plan.stateVersion = plan.nextBatchId;
  return plan;
}

void CheckpointLog::writeOffsets(int64_t batchId, const OffsetSeq& offsets) {
  const std::string text = serializeOffsetSeq(offsets);
  const fs::path file = offsetsFile(batchId);
  if (offsetIds_.count(batchId)) {
    if (readWholeFile(file) == text) return;
    throw ExecutionError("offsets for batch " + std::to_string(batchId) + " already exist in '" +
                         file.string() +
                         "' with different content: is another run of this query using the same "
                         "checkpoint location?");
  }
  const int64_t expected = offsetIds_.empty() ? 0 : *offsetIds_.rbegin() + 1;
  if (batchId != expected) {
    throw ExecutionError("cannot log offsets of batch " + std::to_string(batchId) + " in '" +
                         dir_.string() + "': the next batch is " + std::to_string(expected));
  }
  if (!writeFileIfAbsent(file, text)) {
    throw ExecutionError("offsets for batch " + std::to_string(batchId) + " appeared in '" +
                         file.string() +
                         "' while writing them: is another run of this query using the same "
                         "checkpoint location?");
  }
  offsetIds_.insert(batchId);
}

void CheckpointLog::writeCommit(int64_t batchId, const CommitMetadata& commit) {
  if (!offsetIds_.count(batchId)) {
    throw ExecutionError("cannot commit batch " + std::to_string(batchId) + " in '" +
                         dir_.string() + "': its offsets were never logged");
  }
  const std::string text = serializeCommit(commit);
  const fs::path file = commitsFile(batchId);
  if (commitIds_.count(batchId)) {
    if (readWholeFile(file) == text) return;
    throw ExecutionError("batch " + std::to_string(batchId) + " is already committed in '" +
                         file.string() + "' with different content");
  }
  if (!commitIds_.empty() && batchId != *commitIds_.rbegin() + 1) {
    throw ExecutionError("cannot commit batch " + std::to_string(batchId) + " in '" +
                         dir_.string() + "': the last committed batch is " +
                         std::to_string(*commitIds_.rbegin()));
  }
  writeFileAtomically(file, text);
  commitIds_.insert(batchId);
  purgeBefore(batchId + 1 - options_.minBatchesToRetain);
}

std::optional<std::string> CheckpointLog::readInitialOffsets(int sourceIndex) const {
  const fs::path file = dir_ / "sources" / std::to_string(sourceIndex) / "0";
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  return parseInitialOffsets(readWholeFile(file), file.string());
}

std::string CheckpointLog::writeInitialOffsets(int sourceIndex, std::string_view offsetJson) {
  const fs::path file = dir_ / "sources" / std::to_string(sourceIndex) / "0";
  // Validate before writing so that a bad offset never reaches the disk.
  parseInitialOffsets(serializeInitialOffsets(offsetJson), file.string());
  writeFileIfAbsent(file, serializeInitialOffsets(offsetJson));
  return *readInitialOffsets(sourceIndex);
}

void CheckpointLog::purgeBefore(int64_t thresholdBatchId) {
  // Commits first: a crash in between leaves offsets without commits, which reads as "not
  // yet committed" for batches far older than anything a restart looks at.
  for (auto* ids : {&commitIds_, &offsetIds_}) {
    const bool commits = ids == &commitIds_;
    bool removed = false;
    while (!ids->empty() && *ids->begin() < thresholdBatchId) {
      const int64_t id = *ids->begin();
      const fs::path f = commits ? commitsFile(id) : offsetsFile(id);
      std::error_code ec;
      fs::remove(f, ec);
      if (ec) {
        throw ExecutionError("cannot purge old checkpoint file '" + f.string() +
                             "': " + ec.message());
      }
      ids->erase(ids->begin());
      removed = true;
    }
    if (removed) syncDirectory(dir_ / (commits ? "commits" : "offsets"));
  }
}

}  // namespace sluice
