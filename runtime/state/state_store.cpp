#include "runtime/state/state_store.h"

#include <chrono>

#include "frontend/error.h"
#include "runtime/checkpoint/file_io.h"
#include "runtime/state/state_file.h"

namespace sluice {
namespace fs = std::filesystem;

namespace {

constexpr uint8_t kDelta = 1;
constexpr uint8_t kSnapshot = 2;

int64_t microsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               t0)
      .count();
}

}  // namespace

StateCommitMetrics& StateCommitMetrics::operator+=(const StateCommitMetrics& o) {
  numRowsTotal += o.numRowsTotal;
  numRowsUpdated += o.numRowsUpdated;
  numRowsRemoved += o.numRowsRemoved;
  memoryUsedBytes += o.memoryUsedBytes;
  commitTimeMs += o.commitTimeMs;
  commitTimeUs += o.commitTimeUs;
  deltaBytes += o.deltaBytes;
  snapshotBytes += o.snapshotBytes;
  snapshotWritten = snapshotWritten || o.snapshotWritten;
  if (maintenanceError.empty()) maintenanceError = o.maintenanceError;
  return *this;
}

StateStore::StateStore(fs::path dir, StateStoreOptions options)
    : dir_(std::move(dir)), options_(options) {
  if (options_.minDeltasForSnapshot < 1 || options_.minVersionsToRetain < 1) {
    throw ExecutionError("state store '" + dir_.string() +
                         "': minDeltasForSnapshot and minVersionsToRetain must be at least 1");
  }
}

fs::path StateStore::directoryFor(const fs::path& stateRoot, int64_t operatorId,
                                  int32_t partitionId) {
  return stateRoot / std::to_string(operatorId) / std::to_string(partitionId);
}

void StateStore::requireLoaded(const char* what) const {
  if (version_ < 0) {
    throw ExecutionError(std::string("state store '") + dir_.string() + "': " + what +
                         " before load()");
  }
}

fs::path StateStore::fileFor(int64_t version, bool snapshot) const {
  return dir_ / stateFileName(version, snapshot ? StateFileKind::Snapshot : StateFileKind::Delta);
}

void StateStore::scanFiles() {
  if (scanned_) return;
  std::error_code ec;
  if (fs::exists(dir_, ec)) {
    removeStaleTempFiles(dir_);  // left by a writer killed mid-write; never renamed
    fs::directory_iterator it(dir_, ec);
    if (ec) {
      throw ExecutionError("cannot list state store directory '" + dir_.string() +
                           "': " + ec.message());
    }
    for (const auto& entry : it) {
      const std::string name = entry.path().filename().string();
      if (isHiddenName(name)) continue;
      const size_t dot = name.find('.');
      if (dot == std::string::npos) continue;
      const int64_t v = parseBatchId(std::string_view(name).substr(0, dot));
      const std::string_view ext = std::string_view(name).substr(dot + 1);
      if (v < 0) continue;
      if (ext == "delta") files_[v] |= kDelta;
      if (ext == "snapshot") files_[v] |= kSnapshot;
    }
  }
  scanned_ = true;
}

int64_t StateStore::latestVersionOnDisk() {
  scanFiles();
  return files_.empty() ? 0 : files_.rbegin()->first;
}

std::pair<int64_t, uint64_t> StateStore::readVersion(int64_t version, Map& out, ByteArena& arena,
                                                     int64_t& baseSnapshot) {
  scanFiles();
  baseSnapshot = 0;
  if (version == 0) return {0, 0};
  const int64_t latest = files_.empty() ? 0 : files_.rbegin()->first;
  if (version > latest) {
    throw ExecutionError("state store '" + dir_.string() + "' has no version " +
                         std::to_string(version) + " (the latest on disk is " +
                         std::to_string(latest) + ")");
  }
  for (auto it = files_.upper_bound(version); it != files_.begin();) {
    --it;
    if (it->second & kSnapshot) {
      baseSnapshot = it->first;
      break;
    }
  }
  // Check the whole chain before reading anything, so a gap is reported at once.
  for (int64_t v = baseSnapshot + 1; v <= version; ++v) {
    auto it = files_.find(v);
    if (it == files_.end() || !(it->second & kDelta)) {
      throw ExecutionError("state file '" + fileFor(v, false).string() +
                           "' is missing (needed to load version " + std::to_string(version) +
                           " of the state store)");
    }
  }
  int64_t files = 0;
  uint64_t bytes = 0;
  std::string_view key;
  std::optional<std::string_view> value;
  // Entries point straight into the file buffers, which the arena then keeps.
  if (baseSnapshot > 0) {
    StateFileReader r(fileFor(baseSnapshot, true), StateFileKind::Snapshot, baseSnapshot);
    out.reserve(r.recordCount());
    while (r.next(key, value)) out.emplace(key, *value);
    ++files;
    bytes += r.fileBytes();
    arena.adopt(r.takeBuffer());
  }
  for (int64_t v = baseSnapshot + 1; v <= version; ++v) {
    StateFileReader r(fileFor(v, false), StateFileKind::Delta, v);
    while (r.next(key, value)) {
      if (!value) {
        out.erase(key);
      } else {
        out.insert_or_assign(key, *value);
      }
    }
    ++files;
    bytes += r.fileBytes();
    arena.adopt(r.takeBuffer());
  }
  return {files, bytes};
}

void StateStore::recountLiveBytes() {
  liveBytes_ = 0;
  for (const auto& [k, v] : map_) liveBytes_ += k.size() + v.size();
}

StateLoadMetrics StateStore::load(int64_t version) {
  const auto t0 = std::chrono::steady_clock::now();
  if (version < 0) {
    throw ExecutionError("state store '" + dir_.string() + "': cannot load version " +
                         std::to_string(version));
  }
  StateLoadMetrics m;
  m.version = version;
  if (version == version_) {
    abort();
    m.cacheHit = true;
    m.loadTimeUs = microsSince(t0);
    return m;
  }
  Map fresh;
  ByteArena freshArena;
  int64_t base = 0;
  const auto [files, bytes] = readVersion(version, fresh, freshArena, base);
  undo_.clear();
  map_ = std::move(fresh);
  std::swap(arena_, freshArena);
  version_ = version;
  snapshotBase_ = base;
  recountLiveBytes();
  compactIfWasteful();
  m.filesRead = files;
  m.bytesRead = bytes;
  m.loadTimeUs = microsSince(t0);
  return m;
}

std::optional<std::string_view> StateStore::get(std::string_view key) const {
  requireLoaded("get");
  auto it = map_.find(key);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

void StateStore::put(std::string_view key, std::string_view value) {
  requireLoaded("put");
  // One probe: lazy_emplace copies the key into the arena only when it is new.
  bool inserted = false;
  auto it = map_.lazy_emplace(key, [&](const Map::constructor& ctor) {
    inserted = true;
    ctor(arena_.copy(key), arena_.copy(value));
  });
  if (inserted) {
    undo_.try_emplace(it->first);  // first touch: did not exist (keeps an earlier touch's prior)
    liveBytes_ += key.size() + value.size();
    return;
  }
  undo_.try_emplace(it->first, it->second);  // no-op unless this is the first touch
  liveBytes_ += value.size();
  liveBytes_ -= it->second.size();
  it->second = arena_.copy(value);
}

bool StateStore::remove(std::string_view key) {
  requireLoaded("remove");
  auto it = map_.find(key);
  if (it == map_.end()) return false;
  undo_.try_emplace(it->first, it->second);
  liveBytes_ -= it->first.size() + it->second.size();
  map_.erase(it);
  return true;
}

void StateStore::abort() {
  for (const auto& [k, prior] : undo_) {
    auto it = map_.find(k);
    if (it != map_.end()) {
      liveBytes_ -= it->first.size() + it->second.size();
      map_.erase(it);
    }
    if (prior) {
      map_.emplace(k, *prior);
      liveBytes_ += k.size() + prior->size();
    }
  }
  undo_.clear();
}

void StateStore::compactIfWasteful() {
  // Rewrite when dead bytes exceed the live ones (and are worth a copy): amortized O(1) per
  // update, and memory stays within about twice the live data.
  if (!undo_.empty() || arena_.bytes() < 2 * liveBytes_ + (16u << 20)) return;
  ByteArena fresh;
  Map compacted;
  compacted.reserve(map_.size());
  for (const auto& [k, v] : map_) compacted.emplace(fresh.copy(k), fresh.copy(v));
  map_ = std::move(compacted);
  std::swap(arena_, fresh);
}

int64_t StateStore::memoryUsedBytes() const {
  constexpr int64_t kSlot = sizeof(Map::value_type) + 1;  // + the control byte
  constexpr int64_t kUndoSlot = sizeof(UndoLog::value_type) + 1;
  return static_cast<int64_t>(map_.capacity()) * kSlot +
         static_cast<int64_t>(undo_.capacity()) * kUndoSlot + static_cast<int64_t>(arena_.bytes());
}

uint64_t StateStore::writeSnapshotFile(int64_t version) {
  StateFileWriter w(fileFor(version, true), StateFileKind::Snapshot, version);
  for (const auto& [k, v] : map_) w.put(k, v);
  const uint64_t bytes = w.finish();
  files_[version] |= kSnapshot;
  return bytes;
}

uint64_t StateStore::writeSnapshot() {
  requireLoaded("writeSnapshot");
  if (hasUncommittedChanges()) {
    throw ExecutionError("state store '" + dir_.string() +
                         "': cannot snapshot with uncommitted changes");
  }
  scanFiles();
  if (version_ == 0) return 0;
  auto it = files_.find(version_);
  if (it != files_.end() && (it->second & kSnapshot)) return 0;
  const uint64_t bytes = writeSnapshotFile(version_);
  snapshotBase_ = version_;
  return bytes;
}

StateCommitMetrics StateStore::commit(int64_t newVersion) {
  const auto t0 = std::chrono::steady_clock::now();
  requireLoaded("commit");
  if (newVersion != version_ + 1) {
    throw ExecutionError("state store '" + dir_.string() + "': cannot commit version " +
                         std::to_string(newVersion) + " on top of version " +
                         std::to_string(version_) + " (versions advance by one)");
  }
  scanFiles();
  StateCommitMetrics m;
  m.version = newVersion;
  {
    StateFileWriter w(fileFor(newVersion, false), StateFileKind::Delta, newVersion);
    for (const auto& [k, prior] : undo_) {
      auto it = map_.find(k);
      if (it != map_.end()) {
        w.put(k, it->second);
        ++m.numRowsUpdated;
      } else if (prior) {
        w.remove(k);
        ++m.numRowsRemoved;
      }
    }
    m.deltaBytes = w.finish();  // throws before anything changed in memory
  }
  files_[newVersion] |= kDelta;
  version_ = newVersion;
  undo_.clear();
  compactIfWasteful();
  // Maintenance: the delta above is the durable commit; failures here are reported, not thrown.
  try {
    const bool due = newVersion - snapshotBase_ >= options_.minDeltasForSnapshot;
    uint8_t& flags = files_[newVersion];
    if (!due && (flags & kSnapshot)) {
      // A snapshot left by an earlier run of this version may hold other contents: drop it.
      fs::remove(fileFor(newVersion, true));
      flags &= static_cast<uint8_t>(~kSnapshot);
    }
    if (due) {
      m.snapshotBytes = writeSnapshotFile(newVersion);
      m.snapshotWritten = true;
      snapshotBase_ = newVersion;
    }
    cleanup(newVersion);
  } catch (const std::exception& e) {
    m.maintenanceError = e.what();
  }
  m.numRowsTotal = numKeys();
  m.memoryUsedBytes = memoryUsedBytes();
  m.commitTimeUs = microsSince(t0);
  m.commitTimeMs = m.commitTimeUs / 1000;
  return m;
}

void StateStore::cleanup(int64_t newestVersion) {
  const int64_t earliest = newestVersion - options_.minVersionsToRetain + 1;
  if (earliest <= 0) return;
  // Files older than the snapshot that `earliest` is rebuilt from are no longer needed.
  int64_t base = 0;
  for (auto it = files_.upper_bound(earliest); it != files_.begin();) {
    --it;
    if (it->second & kSnapshot) {
      base = it->first;
      break;
    }
  }
  if (base == 0) return;
  bool removed = false;
  while (!files_.empty() && files_.begin()->first < base) {
    const auto [v, flags] = *files_.begin();
    for (bool snap : {false, true}) {
      if (!(flags & (snap ? kSnapshot : kDelta))) continue;
      std::error_code ec;
      fs::remove(fileFor(v, snap), ec);
      if (ec) {
        throw ExecutionError("cannot delete old state file '" + fileFor(v, snap).string() +
                             "': " + ec.message());
      }
    }
    files_.erase(files_.begin());
    removed = true;
  }
  if (removed) syncDirectory(dir_);
}

}  // namespace sluice
