#include "runtime/exec/join_table.h"

#include <cstring>

#include "runtime/column_batch.h"
#include "runtime/exec/slot_values.h"
#include "stdlib/nested.h"

namespace sluice {

JoinTable::JoinTable(std::vector<TypePtr> keyTypes, std::vector<TypePtr> columnTypes)
    : keyTypes_(std::move(keyTypes)) {
  types_ = keyTypes_;
  types_.insert(types_.end(), columnTypes.begin(), columnTypes.end());
}

void JoinTable::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  for (size_t k = 0; k < keyTypes_.size(); ++k)
    if (nulls[k]) return;
  std::string key;
  for (size_t k = 0; k < keyTypes_.size(); ++k)
    encodeKey(key, slots[k].bytes, false, *keyTypes_[k]);
  // Stored row: the slots (strings and nested values copied into the arena), then null bytes.
  const size_t width = types_.size();
  auto* row = static_cast<unsigned char*>(arena_.allocateAligned(width * 16 + width));
  auto* out = reinterpret_cast<Slot*>(row);
  for (size_t c = 0; c < width; ++c) {
    out[c] = Slot{};
    row[16 * width + c] = nulls[c];
    if (nulls[c]) continue;
    const TypeId id = types_[c]->id();
    if (id == TypeId::String || id == TypeId::Binary) {
      const auto s = slots[c].as<StringView>();
      char* p = s.len ? arena_.allocate(static_cast<size_t>(s.len)) : nullptr;
      if (s.len) std::memcpy(p, s.ptr, static_cast<size_t>(s.len));
      out[c].set(StringView{p, s.len});
    } else if (id == TypeId::Struct || id == TypeId::Array || id == TypeId::Map) {
      out[c].set(copyNested(slots[c].as<const void*>(), *types_[c], arena_));
    } else {
      std::memcpy(out[c].bytes, slots[c].bytes, 16);
    }
  }
  buckets_[key].push_back(row);
  ++rows_;
}

JoinMatches JoinTable::probe(const RowSlot* keys) const {
  probeKey_.clear();
  for (size_t k = 0; k < keyTypes_.size(); ++k)
    encodeKey(probeKey_, keys[k].bytes, false, *keyTypes_[k]);
  auto it = buckets_.find(probeKey_);
  if (it == buckets_.end()) return JoinMatches{nullptr, 0};
  return JoinMatches{it->second.data(), static_cast<int64_t>(it->second.size())};
}

}  // namespace sluice
