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

namespace sluice {

class AggregateTable : public AggregateGroupTable {
 public:
  /// `globalAggregate`: no GROUP BY, so an empty input still yields one row (Spark).
  AggregateTable(AggregateLayout layout, bool globalAggregate);
  ~AggregateTable() override;

  unsigned char* group(const RowSlot* keys, const uint8_t* keyNulls) override;
  void update(unsigned char* state, int32_t fn, const RowSlot* args,
              const uint8_t* argNulls) override;

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
  /// The current watermark (microseconds). In Updated / Finalized mode, rows of groups at or
  /// below it are dropped (late) and counted.
  void setWatermark(int64_t micros, Emit mode);
  /// Rows dropped as late since the last call.
  int64_t takeDroppedByWatermark();
  /// Keys of the groups evicted since the last call (to remove from the state store).
  std::vector<std::string> takeEvicted();

  // Streaming state: groups persist across micro-batches and are saved to the state store.
  /// True when every function keeps its whole state in the group buffer (the accumulators of
  /// AggKind::Generic functions cannot be saved yet).
  bool savable() const;
  /// Calls `f(key, state)` for each group touched since the last clearUpdated().
  void forEachUpdated(const std::function<void(std::string_view, std::string_view)>& f) const;
  /// Forgets which groups were touched.
  void clearUpdated();
  /// Re-creates a saved group (savable() tables only); throws ExecutionError naming `where`
  /// when the state does not fit the layout.
  void restore(std::string_view key, std::string_view state, const std::string& where);

 private:
  struct Group {
    std::string key;       // encodeKey of the key values
    unsigned char* state;  // layout_.stateSize bytes in arena_
    bool updated = true;   // touched since clearUpdated()
    int64_t eventTime;     // the group's event-time bound (INT64_MAX: none)
  };
  unsigned char* create(std::string key, int64_t eventTime);
  int64_t eventTimeOfKey(const std::string& key) const;
  void evict(const std::function<bool(const Group&)>& pred);

  std::optional<size_t> eventKey_;
  bool windowKey_ = false;
  std::optional<int64_t> watermark_;
  bool dropLate_ = false;
  int64_t dropped_ = 0;
  std::vector<std::string> evicted_;
  std::vector<unsigned char> scratch_;  // where late rows' updates go

  AggregateLayout layout_;
  bool global_;
  StringArena arena_;
  absl::flat_hash_map<std::string, size_t> index_;  // key -> groups_ position
  std::vector<Group> groups_;
  std::vector<std::unique_ptr<Accumulator>> accumulators_;
  std::string probe_;  // reused key buffer
};

}  // namespace sluice
