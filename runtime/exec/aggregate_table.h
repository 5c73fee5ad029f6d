#pragma once
// AggregateTable: a hash aggregate's groups. Generated update code finds a row's group
// (group()) and updates the simple functions in the group's state buffer in place; the others
// live in runtime accumulators (update()). finish() finalizes every group into the batch the
// aggregate's output pipeline scans: [keys..., function results...], groups in first-seen
// order.
#include <absl/container/flat_hash_map.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/abi.h"
#include "codegen/aggregate_layout.h"
#include "runtime/column_batch.h"
#include "runtime/exec/accumulators.h"
#include "runtime/key_hash.h"

namespace sluice {

class LateRowObserver;

class AggregateTable : public AggregateGroupTable {
 public:
  /// `globalAggregate`: no GROUP BY, so an empty input still yields one row (Spark).
  AggregateTable(AggregateLayout layout, bool globalAggregate);
  ~AggregateTable() override;

  unsigned char* group(const RowSlot* keys, const uint8_t* keyNulls) override;
  void update(unsigned char* state, int32_t fn, const RowSlot* args,
              const uint8_t* argNulls) override;
  unsigned char* discardState() noexcept override;

  /// Groups so far.
  size_t size() const { return groups_.size(); }
  /// Which groups finish() emits: all (batch queries, complete mode), those touched since
  /// clearUpdated() (update mode), or those whose event time is at or below the watermark,
  /// which are then evicted (append mode).
  enum class Emit { All, Updated, Finalized };
  /// The groups as a batch of [keys..., results...]. With a watermark, Updated and Finalized
  /// also evict groups whose event time is at or below it (see takeEvicted()).
  ColumnBatch finish(Emit emit = Emit::All);

  // Event time (streaming aggregation with a watermark).
  /// Key `index` carries the group's event time: a window struct<start, end> (the window
  /// closes at `end`) or a timestamp.
  void setEventTimeKey(size_t index);
  /// The current watermark (microseconds): groups at or below it are final (evicted). In
  /// Updated / Finalized mode, rows of groups at or below `lateMicros` (default: the same) are
  /// dropped as late and counted; an aggregation fed by another stateful operator judges late
  /// rows by an older watermark than it closes groups by (planner/streaming/
  /// watermark_propagation.h).
  void setWatermark(int64_t micros, Emit mode, std::optional<int64_t> lateMicros = std::nullopt);
  /// Rows dropped as late since the last call.
  int64_t takeDroppedByWatermark();
  /// Also tells `observer` (may be null; must outlive this table) about each late row.
  void setLateRowObserver(LateRowObserver* observer) { lateObserver_ = observer; }
  /// Keys of the groups evicted since the last call (to remove from the state store).
  std::vector<std::string> takeEvicted();

  // Streaming state: groups persist across micro-batches and are saved to the state store.
  // A group's saved form (the state store value; the key is the group's key encoding):
  //   u8 format version (kStateFormatVersion)
  //   the fixed state buffer (layout_.stateSize bytes; accumulator pointers zeroed)
  //   per AggKind::Generic function, in layout order: u32 length, the accumulator's save()
  // Values of exactly stateSize bytes (the fixed-only form written before accumulators were
  // saved) are still read for aggregates without Generic functions.
  static constexpr uint8_t kStateFormatVersion = 1;
  /// Calls `f(key, state)` with the saved form of each group touched since the last
  /// clearUpdated() (`state` is valid during the call only).
  void forEachUpdated(const std::function<void(std::string_view, std::string_view)>& f) const;
  /// Forgets which groups were touched.
  void clearUpdated();
  /// Re-creates a group from its saved form; throws ExecutionError naming `where` when the
  /// state is truncated, corrupt, of an unknown format version or does not fit the layout.
  void restore(std::string_view key, std::string_view state, const std::string& where);

  // Partial aggregation (partition-parallel execution, aggregate_merge.cpp): each task
  // aggregates its chunk into a partial table, which is then merged into this one.
  /// Whether partial tables of this layout can be merged: no Generic (runtime accumulator)
  /// functions and no late-row observer.
  bool mergeable() const;
  /// An empty table with this one's layout, event-time key and watermark (so late rows are
  /// dropped and counted there as here).
  std::unique_ptr<AggregateTable> emptyLike() const;
  /// Adds `partial`'s groups (in its first-seen order) to this table, combining the states
  /// of groups both hold and its count of rows dropped as late. Requires mergeable().
  void mergeFrom(const AggregateTable& partial);

  // Session windows (session_merge.cpp): key `index` holds each row's session_window
  // struct<start, end>. Before finish() emits, groups whose other keys are equal and whose
  // sessions overlap (start <= the previous end, in start order) become one group with the
  // merged session and the combined aggregate states (Spark's MergingSessions); in streaming
  // queries this also merges a batch's sessions with the stored ones, the replaced keys going
  // to takeEvicted(). Throws ExecutionError naming a function whose state cannot be merged.
  void setSessionKey(size_t index);
  /// Merges overlapping sessions now; returns how many groups were merged away.
  size_t mergeSessions();

  // Memory of the group states (bytes of the arena the fixed state buffers live in). Evicted
  // groups leave dead bytes behind; once they are more than half the arena (and at least
  // kMinCompactBytes), the live groups are copied into a fresh arena. Only done from finish(),
  // between kernel runs: generated code holds a group's state pointer for one row only.
  static constexpr size_t kMinCompactBytes = 64 * 1024;
  /// Bytes handed out by the current arena (live and dead group states).
  size_t stateArenaBytes() const { return arenaBytes_; }
  /// How often the arena was compacted.
  int64_t compactions() const { return compactions_; }

 private:
  struct Group {
    std::string key;       // encodeKey of the key values
    unsigned char* state;  // layout_.stateSize bytes in arena_
    bool updated = true;   // touched since clearUpdated()
    int64_t eventTime;     // the group's event-time bound (INT64_MAX: none)
    // The Generic functions' accumulators in layout order (their pointers are in `state`).
    std::vector<std::unique_ptr<Accumulator>> accumulators;
  };
  unsigned char* create(std::string key, int64_t eventTime);
  int64_t eventTimeOfKey(const std::string& key) const;
  void evict(const std::function<bool(const Group&)>& pred);
  void save(const Group& g, std::string& out) const;
  void compactIfWasteful();
  void combine(unsigned char* into, const unsigned char* from) const;
  std::optional<size_t> sessionKey_;

  std::optional<size_t> eventKey_;
  bool windowKey_ = false;
  std::optional<int64_t> watermark_;
  std::optional<int64_t> lateWatermark_;  // rows of groups at or below it are late
  bool dropLate_ = false;
  int64_t dropped_ = 0;
  LateRowObserver* lateObserver_ = nullptr;
  std::vector<std::string> evicted_;
  std::vector<unsigned char> scratch_;  // discardState(): late rows' and failed calls' updates

  AggregateLayout layout_;
  bool global_;
  StringArena arena_;
  size_t arenaBytes_ = 0;  // state bytes allocated in arena_
  size_t deadBytes_ = 0;   // of those, bytes of evicted groups
  int64_t compactions_ = 0;
  absl::flat_hash_map<std::string, size_t, BytesHash, BytesEq> index_;  // key -> groups_ position
  // A single integral key (tinyint .. bigint, date, timestamp): its non-NULL groups are also
  // found by value, so a row's lookup neither encodes a key nor hashes bytes. index_ stays
  // the reference (saved keys, merges, NULL); the two are updated together.
  int intKeyWidth_ = 0;  // storage bytes of that key, 0 when the key is anything else
  absl::flat_hash_map<int64_t, size_t> byInt_;
  int64_t intKeyOf(const unsigned char* storage) const;
  void indexAdd(const std::string& key, size_t position);
  void indexErase(const std::string& key);
  void indexClear();
  std::vector<Group> groups_;
  std::string probe_;  // reused key buffer
};

}  // namespace sluice
