#pragma once
// A versioned key-value state store for one (operator, partition), modelled on Spark's
// HDFSBackedStateStoreProvider. Keys and values are opaque byte strings (the stateful operator
// serializes its groups into them).
//
// Versions follow Spark: version v is the state after batch v-1, so batch b loads version b
// and commits version b+1; version 0 is the empty state and has no file. Each commit writes
// `<dir>/<v>.delta` with the entries changed since v-1; every minDeltasForSnapshot versions it
// also writes a full `<v>.snapshot`. load(v) reads the newest snapshot <= v plus the deltas
// after it. Old files are deleted so that the newest minVersionsToRetain versions stay
// loadable. All files are written atomically and carry a checksum (see state_file.h).
//
// Per batch:
//   store.load(batchId);                       // no-op when already at that version
//   ... get / put / remove / forEach ...
//   StateCommitMetrics m = store.commit(batchId + 1);   // or store.abort() if the batch failed
//
// Not thread-safe: one task owns a store at a time.
#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/key_hash.h"
#include "runtime/state/byte_arena.h"

namespace sluice {

/// Tuning of a state store; the defaults are Spark's.
struct StateStoreOptions {
  /// spark.sql.streaming.stateStore.minDeltasForSnapshot: deltas between two snapshots.
  int64_t minDeltasForSnapshot = 10;
  /// spark.sql.streaming.minBatchesToRetain: how many recent versions stay loadable.
  int64_t minVersionsToRetain = 100;
};

/// What one commit did, for the progress report's stateOperators entry.
struct StateCommitMetrics {
  int64_t version = 0;           ///< the version committed
  int64_t numRowsTotal = 0;      ///< keys in the store after the commit
  int64_t numRowsUpdated = 0;    ///< distinct keys put in this version
  int64_t numRowsRemoved = 0;    ///< keys that existed before and were removed
  int64_t memoryUsedBytes = 0;   ///< estimate of the in-memory map's footprint
  int64_t commitTimeMs = 0;      ///< wall time of commit() (files written, synced, cleaned)
  int64_t commitTimeUs = 0;      ///< the same in microseconds
  uint64_t deltaBytes = 0;       ///< size of the delta file written
  bool snapshotWritten = false;  ///< whether this commit also wrote a snapshot
  uint64_t snapshotBytes = 0;    ///< its size
  /// Non-empty when writing the snapshot or deleting old files failed. The commit itself (the
  /// delta) is durable then; the next commit retries the maintenance.
  std::string maintenanceError;

  /// Sums the row and size counters of another partition's commit (for one operator's total).
  StateCommitMetrics& operator+=(const StateCommitMetrics& o);
};

/// What load() did.
struct StateLoadMetrics {
  int64_t version = 0;     ///< the version now loaded
  bool cacheHit = false;   ///< true when the store already held that version
  int64_t filesRead = 0;   ///< snapshot + delta files read
  uint64_t bytesRead = 0;  ///< their total size
  int64_t loadTimeUs = 0;  ///< wall time of load()
};

/// One (operator, partition) state store. See the file comment for the lifecycle.
class StateStore {
 public:
  /// A store kept in `dir` (created on the first commit). Nothing is read until load().
  explicit StateStore(std::filesystem::path dir, StateStoreOptions options = {});

  /// Spark's layout: `<stateRoot>/<operatorId>/<partitionId>`, where stateRoot is the
  /// checkpoint's `state` directory (CheckpointLog::stateDir()).
  static std::filesystem::path directoryFor(const std::filesystem::path& stateRoot,
                                            int64_t operatorId, int32_t partitionId);

  /// Makes `version` the current state, discarding uncommitted changes. Free when the store
  /// already holds that version; otherwise reads snapshot + deltas. ExecutionError naming the
  /// file when one is missing, torn or corrupt, or when the version does not exist; the store is
  /// then left as it was.
  StateLoadMetrics load(int64_t version);
  /// The loaded (or last committed) version; -1 before the first load().
  int64_t version() const { return version_; }
  /// Whether put/remove happened since the last load or commit.
  bool hasUncommittedChanges() const { return !undo_.empty(); }

  /// The value of `key`, or nullopt. The view stays valid until the next load/commit/abort.
  std::optional<std::string_view> get(std::string_view key) const;
  /// Inserts or replaces.
  void put(std::string_view key, std::string_view value);
  /// Removes `key`; returns whether it was present.
  bool remove(std::string_view key);
  /// Calls f(key, value) for every entry, in no particular order. f must not modify the store.
  template <typename F>
  void forEach(F&& f) const {
    for (const auto& [k, v] : map_) f(k, v);
  }

  /// Number of keys in the current (possibly uncommitted) state.
  int64_t numKeys() const { return static_cast<int64_t>(map_.size()); }
  /// Memory the store uses: hash table slots plus the arena holding keys and values.
  int64_t memoryUsedBytes() const;

  /// Persists the current state as `newVersion`, which must be version() + 1, and makes it the
  /// current version. On an ExecutionError (disk full, ...) nothing changed: the uncommitted
  /// changes are still there and abort() drops them.
  StateCommitMetrics commit(int64_t newVersion);
  /// Drops the changes since the last load or commit (the batch failed); the store is exactly
  /// at version() again.
  void abort();

  /// Writes `<version()>.snapshot` now unless it exists (e.g. before a graceful stop, so the
  /// next start loads one file). Requires no uncommitted changes. Returns the bytes written.
  uint64_t writeSnapshot();

  /// The newest version with a file on disk (0 when none).
  int64_t latestVersionOnDisk();
  /// The directory of this store.
  const std::filesystem::path& dir() const { return dir_; }

 private:
  // Keys and values are views into arena_ (see byte_arena.h).
  using Map = absl::flat_hash_map<std::string_view, std::string_view, BytesHash, BytesEq>;
  using UndoLog =
      absl::flat_hash_map<std::string_view, std::optional<std::string_view>, BytesHash, BytesEq>;

  void requireLoaded(const char* what) const;
  void scanFiles();
  std::filesystem::path fileFor(int64_t version, bool snapshot) const;
  /// Reads snapshot + deltas for `version` into `out`/`arena`; returns (files, bytes) read.
  std::pair<int64_t, uint64_t> readVersion(int64_t version, Map& out, ByteArena& arena,
                                           int64_t& baseSnapshot);
  uint64_t writeSnapshotFile(int64_t version);
  void cleanup(int64_t newestVersion);
  /// Copies the live entries into a fresh arena when most of the arena is dead bytes
  /// (overwritten values, record headers of adopted files). Needs an empty undo log.
  void compactIfWasteful();
  void recountLiveBytes();

  std::filesystem::path dir_;
  StateStoreOptions options_;
  ByteArena arena_;
  Map map_;
  /// Keys touched since the last commit with their value before the first touch (nullopt: the
  /// key did not exist). Gives both the delta to write and the way back on abort; the views
  /// stay valid because the arena never changes bytes it handed out.
  UndoLog undo_;
  int64_t version_ = -1;
  int64_t snapshotBase_ = 0;  ///< version of the snapshot the current chain starts at
  uint64_t liveBytes_ = 0;    ///< key + value bytes of the current entries
  bool scanned_ = false;
  /// Files on disk per version: bit 0 = delta, bit 1 = snapshot (kept in sync on writes).
  std::map<int64_t, uint8_t> files_;
};

}  // namespace sluice
