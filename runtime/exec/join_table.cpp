#include "runtime/exec/join_table.h"

#include <cstring>

#include "runtime/column_batch.h"
#include "runtime/exec/slot_values.h"
#include "runtime/stop_source.h"
#include "stdlib/nested.h"

namespace sluice {

namespace {

template <typename T>
int64_t loadAs(const RowSlot& s) {
  T v;
  std::memcpy(&v, s.bytes, sizeof v);
  return static_cast<int64_t>(v);
}

}  // namespace

JoinTable::JoinTable(std::vector<TypePtr> keyTypes, std::vector<TypePtr> columnTypes,
                     bool trackMatches)
    : keyTypes_(std::move(keyTypes)), track_(trackMatches) {
  types_ = keyTypes_;
  types_.insert(types_.end(), columnTypes.begin(), columnTypes.end());
  mode_ = KeyMode::Encoded;
  if (keyTypes_.size() == 1) {
    const DataType& k = *keyTypes_[0];
    if (k.id() == TypeId::String || k.id() == TypeId::Binary)
      mode_ = KeyMode::String;
    else if (k.isIntegral() || k.isDatetime() || k.id() == TypeId::Boolean)
      mode_ = KeyMode::Integral;
  }
}

int64_t JoinTable::integral(const RowSlot& s, TypeId id) {
  switch (id) {
    case TypeId::Boolean:
      return loadAs<uint8_t>(s);
    case TypeId::Byte:
      return loadAs<int8_t>(s);
    case TypeId::Short:
      return loadAs<int16_t>(s);
    case TypeId::Int:
    case TypeId::Date:
      return loadAs<int32_t>(s);
    default:
      return loadAs<int64_t>(s);
  }
}

void JoinTable::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  bool nullKey = false;
  for (size_t k = 0; k < keyTypes_.size(); ++k) nullKey = nullKey || nulls[k];
  if (nullKey && !track_) return;
  // Stored row: the slots (strings and nested values copied into the arena), then null bytes
  // (then the matched byte when tracking).
  const size_t width = types_.size();
  auto* row =
      static_cast<unsigned char*>(arena_.allocateAligned(width * 16 + width + (track_ ? 1 : 0)));
  if (track_) {
    row[17 * width] = 0;
    all_.push_back(row);
  }
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
  ++rows_;
  if (nullKey) return;  // kept only to be emitted unmatched
  switch (mode_) {
    case KeyMode::String:
      byString_[std::string(slots[0].as<StringView>().view())].push_back(row);
      break;
    case KeyMode::Integral:
      byInt_[integral(slots[0], keyTypes_[0]->id())].push_back(row);
      break;
    case KeyMode::Encoded: {
      std::string key;
      for (size_t k = 0; k < keyTypes_.size(); ++k)
        encodeKey(key, slots[k].bytes, false, *keyTypes_[k]);
      byString_[key].push_back(row);
      break;
    }
  }
}

void JoinTable::emitUnmatched(RowSink& out, size_t leftColumns) const {
  const size_t width = types_.size(), nkeys = keyTypes_.size();
  std::vector<RowSlot> slots(leftColumns + width - nkeys);
  std::vector<uint8_t> nulls(slots.size(), 1);
  for (const unsigned char* row : all_) {
    if (row[17 * width]) continue;
    for (size_t c = nkeys; c < width; ++c) {
      std::memcpy(slots[leftColumns + c - nkeys].bytes, row + 16 * c, 16);
      nulls[leftColumns + c - nkeys] = row[16 * width + c];
    }
    out.emitRow(slots.data(), nulls.data());
  }
}

JoinMatches JoinTable::probe(const RowSlot* keys) const {
  auto matches = [this](const auto& map, const auto& key) {
    auto it = map.find(key);
    if (it == map.end()) return JoinMatches{nullptr, 0};
    // A probe that fans out to many rows is where a kernel can run for a long time inside one
    // slice (cross joins): poll the stop there; small probes cost nothing extra.
    if (it->second.size() >= 64 && stop_ && stop_->stopRequested())
      throw Interrupted("a join probe with " + std::to_string(it->second.size()) + " matches");
    return JoinMatches{it->second.data(), static_cast<int64_t>(it->second.size())};
  };
  switch (mode_) {
    case KeyMode::String:  // heterogeneous lookup: no std::string per probe
      return matches(byString_, keys[0].as<StringView>().view());
    case KeyMode::Integral:
      return matches(byInt_, integral(keys[0], keyTypes_[0]->id()));
    case KeyMode::Encoded:
      break;
  }
  // Per thread: partition-parallel tasks probe the same (read-only) table at once.
  thread_local std::string probeKey;
  probeKey.clear();
  for (size_t k = 0; k < keyTypes_.size(); ++k)
    encodeKey(probeKey, keys[k].bytes, false, *keyTypes_[k]);
  return matches(byString_, probeKey);
}

}  // namespace sluice
