#pragma once
// The buffered rows of one input of a stream-stream join, held compactly: each row is its
// encoded join key and its state-store value (a "matched" byte, then every column in
// encodeStorage form), the bytes the join writes to its store, so buffering, matching and
// emitting a row build no planner Values. Rows are found by key (a hash of the key bytes)
// and, when the watermark bounds the side, ordered by the bound column's time in a min-heap,
// so eviction takes the rows that are due and never scans the rest.
#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/key_hash.h"

namespace sluice {

struct JoinSideRow {
  std::string key;        ///< flag byte (0: can match, 1: a NULL in the key), encoded key values
  std::string value;      ///< matched byte, then the columns (what the state store holds)
  uint64_t seq = 0;       ///< order of arrival (the store key's suffix)
  int64_t time = 0;       ///< the bound column, micros (INT64_MIN: NULL, due at once)
  int32_t partition = 0;  ///< the state partition of its key
  bool matched() const { return !value.empty() && value[0] != 0; }
};

class JoinSideRows {
 public:
  /// Whether rows are kept ordered by time for evictDue().
  explicit JoinSideRows(bool byTime) : byTime_(byTime) {}

  /// Buffers `row` (after the rows of its key already buffered).
  void add(JoinSideRow row);
  /// The ids of the rows whose key is `key` (in arrival order), or null.
  const std::vector<uint32_t>* find(std::string_view key) const;
  JoinSideRow& row(uint32_t id) { return rows_[id]; }
  /// Removes every row whose time is <= `limit`, earliest first, handing each to `f` before
  /// it is dropped. Only for a side built with byTime.
  void evictDue(int64_t limit, const std::function<void(const JoinSideRow&)>& f);
  /// Rows buffered.
  int64_t size() const { return static_cast<int64_t>(rows_.size() - free_.size()); }
  void clear();

 private:
  using TimeId = std::pair<int64_t, uint32_t>;
  bool byTime_;
  std::vector<JoinSideRow> rows_;  // slots; freed ones are listed in free_ and reused
  std::vector<uint32_t> free_;
  absl::flat_hash_map<std::string, std::vector<uint32_t>, BytesHash, BytesEq> byKey_;
  std::priority_queue<TimeId, std::vector<TimeId>, std::greater<>> due_;
};

}  // namespace sluice
