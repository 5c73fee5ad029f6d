#include "stdlib/json_key_memo.h"

#include <atomic>
#include <memory>

#include "stdlib/json_schema.h"

namespace sluice::stdlib {
namespace {

// This thread's memos. A query has a handful of struct schemas; past kMaxSchemas the oldest
// slot is recycled, which costs only re-learning.
struct MemoTable {
  static constexpr size_t kMaxSchemas = 32;
  struct Slot {
    const NestedType* type = nullptr;
    uint64_t serial = 0;
    std::unique_ptr<JsonKeyMemo> memo;
  };
  std::vector<Slot> slots;
  size_t last = 0;  // slot of the previous lookup: consecutive calls usually share a schema
  size_t nextVictim = 0;
};

MemoTable& table() {
  thread_local MemoTable t;
  return t;
}

std::atomic<uint64_t> nextSerial{1};

}  // namespace

InstanceSerial::InstanceSerial() : value(nextSerial.fetch_add(1, std::memory_order_relaxed)) {}
InstanceSerial::InstanceSerial(const InstanceSerial&) : InstanceSerial() {}
InstanceSerial& InstanceSerial::operator=(const InstanceSerial&) {
  value = nextSerial.fetch_add(1, std::memory_order_relaxed);
  return *this;
}

JsonKeyMemo& JsonKeyMemo::of(const NestedType& t) {
  MemoTable& tab = table();
  const uint64_t serial = t.serial.value;
  if (tab.last < tab.slots.size() && tab.slots[tab.last].type == &t &&
      tab.slots[tab.last].serial == serial)
    return *tab.slots[tab.last].memo;
  for (size_t i = 0; i < tab.slots.size(); ++i)
    if (tab.slots[i].type == &t && tab.slots[i].serial == serial) {
      tab.last = i;
      return *tab.slots[i].memo;
    }
  // Recycle the next slot round robin, skipping memos a reader is using (nested structs);
  // when every slot is in use the table grows instead.
  size_t i = tab.slots.size();
  if (tab.slots.size() >= MemoTable::kMaxSchemas) {
    for (size_t tries = 0; tries < tab.slots.size() && i == tab.slots.size(); ++tries) {
      const size_t v = tab.nextVictim;
      tab.nextVictim = (tab.nextVictim + 1) % tab.slots.size();
      if (!tab.slots[v].memo->inUse()) i = v;
    }
  }
  if (i == tab.slots.size()) tab.slots.emplace_back();
  tab.slots[i] = MemoTable::Slot{&t, serial, std::make_unique<JsonKeyMemo>()};
  tab.last = i;
  return *tab.slots[i].memo;
}

void JsonKeyMemo::remember(size_t position, const char* raw, size_t length, int index) {
  if (position >= kMaxPositions || length > kMaxKeyLength) return;
  if (position >= entries_.size()) entries_.resize(position + 1);
  Entry& e = entries_[position];
  e.length = static_cast<uint32_t>(length);
  e.index = index;
  e.bytes.assign(raw, length);
  e.bytes += '"';
  e.bytes.resize((e.bytes.size() + 7) / 8 * 8, '\0');
}

}  // namespace sluice::stdlib
