#include "runtime/exec/aggregate_table.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "frontend/error.h"
#include "planner/type_storage.h"
#include "runtime/exec/slot_values.h"
#include "runtime/progress/late_rows.h"
#include "stdlib/nested.h"

namespace sluice {

AggregateTable::AggregateTable(AggregateLayout layout, bool globalAggregate)
    : scratch_(layout.stateSize, 0), layout_(std::move(layout)), global_(globalAggregate) {
  if (layout_.keyTypes.size() == 1) {
    switch (layout_.keyTypes[0]->id()) {
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Int:
      case TypeId::Long:
      case TypeId::Date:
      case TypeId::Timestamp:
        intKeyWidth_ = static_cast<int>(storageSize(*layout_.keyTypes[0]));
        break;
      default:
        break;
    }
  }
}

int64_t AggregateTable::intKeyOf(const unsigned char* storage) const {
  switch (intKeyWidth_) {
    case 1:
      return static_cast<int8_t>(storage[0]);
    case 2: {
      int16_t v;
      std::memcpy(&v, storage, sizeof v);
      return v;
    }
    case 4: {
      int32_t v;
      std::memcpy(&v, storage, sizeof v);
      return v;
    }
    default: {
      int64_t v;
      std::memcpy(&v, storage, sizeof v);
      return v;
    }
  }
}

// The encoded form of a non-NULL key is its NULL byte (0) then its storage bytes.
void AggregateTable::indexAdd(const std::string& key, size_t position) {
  index_.emplace(key, position);
  if (intKeyWidth_ && !key.empty() && key[0] == 0)
    byInt_.emplace(intKeyOf(reinterpret_cast<const unsigned char*>(key.data()) + 1), position);
}

void AggregateTable::indexErase(const std::string& key) {
  index_.erase(key);
  if (intKeyWidth_ && !key.empty() && key[0] == 0)
    byInt_.erase(intKeyOf(reinterpret_cast<const unsigned char*>(key.data()) + 1));
}

void AggregateTable::indexClear() {
  index_.clear();
  byInt_.clear();
}

AggregateTable::~AggregateTable() = default;

unsigned char* AggregateTable::create(std::string key, int64_t eventTime) {
  auto* state = static_cast<unsigned char*>(arena_.allocateAligned(layout_.stateSize));
  arenaBytes_ += layout_.stateSize;
  std::memset(state, 0, layout_.stateSize);
  Group g{std::move(key), state, true, eventTime, {}};
  for (const auto& f : layout_.functions) {
    if (f.kind != AggKind::Generic) continue;
    g.accumulators.push_back(makeAccumulator(f));
    Accumulator* acc = g.accumulators.back().get();
    std::memcpy(state + f.offset, &acc, sizeof(acc));
  }
  indexAdd(g.key, groups_.size());
  groups_.push_back(std::move(g));
  return state;
}

unsigned char* AggregateTable::group(const RowSlot* keys, const uint8_t* keyNulls) {
  int64_t eventTime = INT64_MAX;
  if (eventKey_ && !keyNulls[*eventKey_]) {
    const RowSlot& k = keys[*eventKey_];
    if (!windowKey_) {
      eventTime = k.as<int64_t>();
    } else {
      const auto* w = k.as<const StructData*>();
      if (!w->nulls || !w->nulls[1]) eventTime = w->fields[1].as<int64_t>();
    }
  }
  // A row for a group the watermark already closed is late: Spark drops it (update/append).
  if (dropLate_ && lateWatermark_ && eventTime <= *lateWatermark_) {
    ++dropped_;
    if (lateObserver_) lateObserver_->lateRow(keys, keyNulls, eventTime, *lateWatermark_);
    return discardState();
  }
  if (intKeyWidth_ && !keyNulls[0]) {
    auto it = byInt_.find(intKeyOf(keys[0].bytes));
    if (it != byInt_.end()) {
      Group& g = groups_[it->second];
      g.updated = true;
      return g.state;
    }
  }
  probe_.clear();
  for (size_t k = 0; k < layout_.keyTypes.size(); ++k)
    encodeKey(probe_, keys[k].bytes, keyNulls[k] != 0, *layout_.keyTypes[k]);
  auto it = index_.find(probe_);
  if (it != index_.end()) {
    Group& g = groups_[it->second];
    g.updated = true;
    return g.state;
  }
  return create(probe_, eventTime);
}

void AggregateTable::update(unsigned char* state, int32_t fn, const RowSlot* args,
                            const uint8_t* argNulls) {
  Accumulator* acc;
  std::memcpy(&acc, state + layout_.functions.at(static_cast<size_t>(fn)).offset, sizeof(acc));
  if (acc) acc->update(args, argNulls);  // null: the discard buffer (a late row)
}

unsigned char* AggregateTable::discardState() noexcept {
  std::memset(scratch_.data(), 0, scratch_.size());
  return scratch_.data();
}

void AggregateTable::save(const Group& g, std::string& out) const {
  out.push_back(static_cast<char>(kStateFormatVersion));
  const size_t fixed = out.size();
  out.append(reinterpret_cast<const char*>(g.state), layout_.stateSize);
  size_t next = 0;
  for (const auto& f : layout_.functions) {
    if (f.kind != AggKind::Generic) continue;
    // The pointer means nothing in another process: zero it (the fixed part is then
    // deterministic), then append the accumulator with its length.
    std::memset(out.data() + fixed + f.offset, 0, sizeof(Accumulator*));
    const size_t lengthAt = out.size();
    out.append(sizeof(uint32_t), '\0');
    g.accumulators.at(next++)->save(out);
    const auto n = static_cast<uint32_t>(out.size() - lengthAt - sizeof(uint32_t));
    std::memcpy(out.data() + lengthAt, &n, sizeof(n));
  }
}

void AggregateTable::forEachUpdated(
    const std::function<void(std::string_view, std::string_view)>& f) const {
  std::string buffer;
  for (const Group& g : groups_) {
    if (!g.updated) continue;
    buffer.clear();
    save(g, buffer);
    f(g.key, buffer);
  }
}

void AggregateTable::clearUpdated() {
  for (Group& g : groups_) g.updated = false;
}

void AggregateTable::restore(std::string_view key, std::string_view state,
                             const std::string& where) {
  const size_t generic = static_cast<size_t>(
      std::count_if(layout_.functions.begin(), layout_.functions.end(),
                    [](const AggFunctionLayout& f) { return f.kind == AggKind::Generic; }));
  const auto wrongSize = [&] {
    return ExecutionError("state " + where + " holds a group of " + std::to_string(state.size()) +
                          " bytes where the query's aggregate needs " +
                          (generic ? "at least " : "") +
                          std::to_string(1 + layout_.stateSize + generic * sizeof(uint32_t)) +
                          " (was the query changed since the checkpoint was written?)");
  };
  std::string_view fixed, rest;
  if (generic == 0 && state.size() == layout_.stateSize) {
    fixed = state;  // the fixed-only form of checkpoints written before format version 1
  } else {
    if (state.empty()) throw wrongSize();
    const auto version = static_cast<uint8_t>(state[0]);
    if (version != kStateFormatVersion)
      throw ExecutionError("state " + where + " holds a group in aggregate state format version " +
                           std::to_string(version) + "; this sluice reads version " +
                           std::to_string(kStateFormatVersion) +
                           " (was the checkpoint written by another sluice version?)");
    if (state.size() < 1 + layout_.stateSize + generic * sizeof(uint32_t)) throw wrongSize();
    fixed = state.substr(1, layout_.stateSize);
    rest = state.substr(1 + layout_.stateSize);
  }
  // Cut the accumulators' parts before creating anything.
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < generic; ++i) {
    uint32_t n = 0;
    if (rest.size() >= sizeof(n)) std::memcpy(&n, rest.data(), sizeof(n));
    if (rest.size() < sizeof(n) || rest.size() - sizeof(n) < n)
      throw ExecutionError("state " + where + " holds a truncated group: aggregate state " +
                           std::to_string(i + 1) + " of " + std::to_string(generic) +
                           " is incomplete");
    parts.push_back(rest.substr(sizeof(n), n));
    rest.remove_prefix(sizeof(n) + n);
  }
  if (!rest.empty() && generic)
    throw ExecutionError("state " + where + " holds a group with " + std::to_string(rest.size()) +
                         " bytes after its " + std::to_string(generic) +
                         " aggregate states (was the query changed since the checkpoint was "
                         "written?)");
  if (!rest.empty()) throw wrongSize();

  const std::string k(key);
  unsigned char* s = create(k, eventTimeOfKey(k));
  Group& g = groups_.back();
  g.updated = false;
  // The fixed part, but the accumulator pointers create() stored stay.
  size_t next = 0;
  size_t at = 0;
  for (const auto& f : layout_.functions) {
    if (f.kind != AggKind::Generic) continue;
    std::memcpy(s + at, fixed.data() + at, f.offset - at);
    at = f.offset + sizeof(Accumulator*);
  }
  std::memcpy(s + at, fixed.data() + at, layout_.stateSize - at);
  try {
    for (std::string_view part : parts) g.accumulators.at(next++)->load(part, where);
  } catch (...) {
    indexErase(g.key);
    groups_.pop_back();
    deadBytes_ += layout_.stateSize;
    throw;
  }
}

void AggregateTable::setEventTimeKey(size_t index) {
  eventKey_ = index;
  windowKey_ = layout_.keyTypes.at(index)->id() == TypeId::Struct;
}

void AggregateTable::setWatermark(int64_t micros, Emit mode, std::optional<int64_t> lateMicros) {
  watermark_ = micros;
  lateWatermark_ = lateMicros.value_or(micros);
  dropLate_ = mode != Emit::All;
}

int64_t AggregateTable::takeDroppedByWatermark() {
  const int64_t n = dropped_;
  dropped_ = 0;
  return n;
}

std::vector<std::string> AggregateTable::takeEvicted() {
  return std::exchange(evicted_, {});
}

int64_t AggregateTable::eventTimeOfKey(const std::string& key) const {
  if (!eventKey_) return INT64_MAX;
  size_t pos = 0;
  Value v;
  for (size_t k = 0; k <= *eventKey_; ++k) v = decodeKeyValue(key, &pos, *layout_.keyTypes[k]);
  if (v.isNull()) return INT64_MAX;
  if (!windowKey_) return v.asInt();
  const Value& end = v.asList().at(1);
  return end.isNull() ? INT64_MAX : end.asInt();
}

void AggregateTable::evict(const std::function<bool(const Group&)>& pred) {
  std::vector<Group> kept;
  indexClear();
  for (Group& g : groups_) {
    if (pred(g)) {
      evicted_.push_back(std::move(g.key));
      deadBytes_ += layout_.stateSize;
      continue;  // its accumulators go with it
    }
    indexAdd(g.key, kept.size());
    kept.push_back(std::move(g));
  }
  groups_ = std::move(kept);
  compactIfWasteful();
}

void AggregateTable::compactIfWasteful() {
  if (deadBytes_ < kMinCompactBytes || deadBytes_ * 2 <= arenaBytes_) return;
  StringArena fresh;
  for (Group& g : groups_) {
    auto* s = static_cast<unsigned char*>(fresh.allocateAligned(layout_.stateSize));
    std::memcpy(s, g.state, layout_.stateSize);
    g.state = s;
  }
  arena_ = std::move(fresh);
  arenaBytes_ = groups_.size() * layout_.stateSize;
  deadBytes_ = 0;
  ++compactions_;
}

ColumnBatch AggregateTable::finish(Emit emit) {
  if (sessionKey_) mergeSessions();
  const bool updatedOnly = emit == Emit::Updated;
  const bool closedOnly = emit == Emit::Finalized;
  if (global_ && groups_.empty()) create(std::string(), INT64_MAX);
  std::vector<TypePtr> types = layout_.keyTypes;
  for (const auto& f : layout_.functions) types.push_back(f.resultType);
  ColumnBatchBuilder out(types);
  const size_t nkeys = layout_.keyTypes.size();
  for (const Group& g : groups_) {
    if (updatedOnly && !g.updated) continue;
    if (closedOnly && !(watermark_ && g.eventTime <= *watermark_)) continue;
    size_t pos = 0;
    for (size_t k = 0; k < nkeys; ++k) decodeKey(g.key, &pos, out, k, *layout_.keyTypes[k]);
    for (size_t i = 0; i < layout_.functions.size(); ++i) {
      const AggFunctionLayout& f = layout_.functions[i];
      const size_t c = nkeys + i;
      const unsigned char* at = g.state + f.offset;
      int64_t n;
      switch (f.kind) {
        case AggKind::CountStar:
        case AggKind::Count:
          std::memcpy(&n, at, 8);
          out.set<int64_t>(c, n);
          break;
        case AggKind::Sum:
        case AggKind::Min:
        case AggKind::Max:
          if (!at[8])
            out.setNull(c);
          else
            setStorage(out, c, at, *f.resultType);
          break;
        case AggKind::Avg: {
          double sum;
          std::memcpy(&sum, at, 8);
          std::memcpy(&n, at + 8, 8);
          if (n == 0)
            out.setNull(c);
          else
            out.set<double>(c, sum / static_cast<double>(n));
          break;
        }
        case AggKind::Generic: {
          Accumulator* acc;
          std::memcpy(&acc, at, sizeof(acc));
          const Value v = acc->result();
          if (v.isNull())
            out.setNull(c);
          else
            setValue(out, c, v, *f.resultType);
          break;
        }
      }
    }
    out.endRow();
  }
  // State below the watermark can never change again: evict it (not in complete mode).
  if (emit != Emit::All && watermark_) {
    const int64_t wm = *watermark_;
    evict([&](const Group& g) { return g.eventTime <= wm; });
  }
  return out.finish();
}

}  // namespace sluice
