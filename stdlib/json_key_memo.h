#pragma once
// from_json's memo of object key order. JSON producers write an object's keys in the same
// order record after record, so the key at position i of this record is usually the key at
// position i of the last one. Remembering, per struct schema and per position, the raw key
// bytes and what they meant (a schema field index, or "not in the schema") turns the usual
// key lookup into one short comparison: no scan of the schema's names and no scan of the key
// for escape sequences. A key that does not match its position's memo is classified the slow
// way (json_read.cpp) and replaces the memo entry; keys with escapes are never memoized.
//
// Memos are per thread (no locking on the hot path) and keyed by the schema object's address
// plus its serial (NestedType::serial), so a schema freed and another allocated at the same
// address never reuses a stale memo.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace sluice::stdlib {

struct NestedType;

class JsonKeyMemo {
 public:
  /// Returned by lookup() when position `i` has no memo entry or the key differs from it.
  static constexpr int kMiss = -3;
  /// Keys longer than this are not memoized (compared the slow way every time).
  static constexpr size_t kMaxKeyLength = 64;
  /// Positions beyond this in an object are not memoized.
  static constexpr size_t kMaxPositions = 128;

  /// This thread's memo for struct schema `t` (created empty on first use).
  static JsonKeyMemo& of(const NestedType& t);

  /// What the key starting at `raw` (the byte after its opening quote, in a buffer with
  /// simdjson's padding after the document) means when it is the `position`-th key of its
  /// object: a schema field index, -1 (not in the schema), or kMiss.
  int lookup(size_t position, const char* raw) const {
    if (position >= entries_.size()) return kMiss;
    const Entry& e = entries_[position];
    if (e.index == kMiss) return kMiss;
    // The memo holds the key bytes followed by the closing quote, zero-padded to whole words:
    // comparing len + 1 bytes also checks that the input key ends where the memo's does.
    const size_t n = e.length + 1;
    const char* m = e.bytes.data();
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
      if (load(raw + i) != load(m + i)) return kMiss;
    if (i < n) {
      const uint64_t mask = ~uint64_t{0} >> (8 * (8 - (n - i)));
      if ((load(raw + i) & mask) != load(m + i)) return kMiss;
    }
    return e.index;
  }

  /// Remembers that the escape-free key raw[0, length) at `position` means `index`.
  void remember(size_t position, const char* raw, size_t length, int index);

  /// Marks the memo in use while a struct is read: of() never recycles it then, so a reader
  /// may keep the reference across the nested reads (which look up other schemas' memos).
  class InUse {
   public:
    explicit InUse(JsonKeyMemo& m) : m_(m) { ++m_.inUse_; }
    ~InUse() { --m_.inUse_; }
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;

   private:
    JsonKeyMemo& m_;
  };
  /// Whether a reader holds this memo (see InUse).
  bool inUse() const { return inUse_ > 0; }

 private:
  struct Entry {
    uint32_t length = 0;
    int32_t index = kMiss;
    std::string bytes;  // key, '"', zero padding to a multiple of 8
  };
  static uint64_t load(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);  // little-endian: byte 0 is the low byte
    return v;
  }
  std::vector<Entry> entries_;
  int inUse_ = 0;
};

}  // namespace sluice::stdlib
