#pragma once
// JoinTable: a hash join's build side. It is the RowSink of the build pipeline (rows arrive
// as [keys..., build columns...]) and the JoinProbeTable the probe pipeline looks keys up in.
// Rows with a NULL key are dropped: `=` never matches NULL. A table that tracks matches (FULL
// OUTER) keeps them instead, and gives each stored row a matched byte after its null bytes
// that the probe kernel sets, so emitUnmatched() can hand the rest out NULL-padded.
#include <absl/container/flat_hash_map.h>

#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/types.h"
#include "runtime/key_hash.h"

namespace sluice {

class StopSource;

class JoinTable : public RowSink, public JoinProbeTable {
 public:
  /// `keyTypes` then `columnTypes` describe the emitted rows.
  JoinTable(std::vector<TypePtr> keyTypes, std::vector<TypePtr> columnTypes,
            bool trackMatches = false);

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override;
  /// Thread-safe once built: partition-parallel tasks share the table read-only.
  JoinMatches probe(const RowSlot* keys) const override;
  /// The stop request a probe with many matches polls (a cross join's kernel can spend
  /// minutes on one input slice); must outlive the table.
  void setStop(const StopSource* stop) { stop_ = stop; }
  /// Build rows stored.
  size_t size() const { return rows_; }
  /// Tracking tables: emits every build row no probe matched (in build order) as
  /// [`leftColumns` NULLs..., build columns...].
  void emitUnmatched(RowSink& out, size_t leftColumns) const;

 private:
  // How keys are hashed: a single string or integral key directly (the common equi-join on
  // an id, without building an encoded key per probe), anything else encoded (encodeKey).
  enum class KeyMode { String, Integral, Encoded };
  using Bucket = std::vector<const unsigned char*>;
  static int64_t integral(const RowSlot& s, TypeId id);

  std::vector<TypePtr> keyTypes_;
  std::vector<TypePtr> types_;  // keys and columns
  KeyMode mode_;
  StringArena arena_;  // stored rows and their strings
  absl::flat_hash_map<std::string, Bucket, BytesHash, BytesEq> byString_;  // String, Encoded
  absl::flat_hash_map<int64_t, Bucket> byInt_;                             // Integral
  size_t rows_ = 0;
  bool track_ = false;
  std::vector<unsigned char*> all_;  // tracking tables: every stored row, in build order
  const StopSource* stop_ = nullptr;
};

}  // namespace sluice
