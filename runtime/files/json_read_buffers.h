#pragma once
// Memory the JSON file reader's paths share (json_reader.cpp, json_fast_reader.h,
// json_to_slot.cpp): arena copies of strings and nested parts, the string blocks of a batch and
// the padded read buffer.
#include <simdjson.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>

#include "codegen/abi.h"
#include "stdlib/abi_types.h"

namespace sluice::json_files {

inline StringView arenaString(std::string_view s, StringArena& arena) {
  if (s.empty()) return StringView{nullptr, 0};
  char* p = arena.allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return StringView{p, static_cast<int64_t>(s.size())};
}

// Slots and NULL bytes for `n` nested elements; the NULL array is dropped when unused.
struct NestedParts {
  Slot* slots = nullptr;
  uint8_t* nulls = nullptr;
  bool anyNull = false;
};

inline NestedParts allocParts(size_t n, StringArena& arena) {
  NestedParts p;
  if (n == 0) return p;
  p.slots = static_cast<Slot*>(arena.allocateAligned(sizeof(Slot) * n));
  std::memset(static_cast<void*>(p.slots), 0, sizeof(Slot) * n);
  p.nulls = reinterpret_cast<uint8_t*>(arena.allocate(n));
  std::memset(p.nulls, 0, n);
  return p;
}

// Jackson's non-numeric numbers as Spark accepts them in strings for float / double columns.
inline bool nonNumeric(std::string_view s, double* out) {
  if (s == "NaN") return *out = NAN, true;
  if (s == "Infinity" || s == "+Infinity" || s == "INF" || s == "+INF")
    return *out = HUGE_VAL, true;
  if (s == "-Infinity" || s == "-INF") return *out = -HUGE_VAL, true;
  return false;
}

// Asks for transparent huge pages for the whole 2 MiB pages inside [p, p + n) (large buffers
// written once); advisory.
inline void adviseHugePages(void* p, size_t n) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (n < 2 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + n) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// String bytes of the rows the fast path reads, carved from large blocks of the batch's arena
// (so the batch owns them), on transparent huge pages once blocks are large: a fresh 4 KiB
// page costs a fault, and faults dominated the profile of large reads.
class StringBlocks {
 public:
  StringBlocks() = default;
  /// `hint`: about how many input bytes will be read (sizes the first block).
  StringBlocks(StringArena& arena, size_t hint) { reset(arena, hint); }

  /// Carves from `arena` from now on.
  void reset(StringArena& arena, size_t hint) {
    arena_ = &arena;
    size_ = std::clamp<size_t>(hint / 8, 64 << 10, 8 << 20) / 2;
    next_ = end_ = nullptr;
  }

  StringView copy(std::string_view s) {
    if (s.empty()) return StringView{nullptr, 0};
    if (s.size() > static_cast<size_t>(end_ - next_)) grow(s.size());
    char* p = next_;
    std::memcpy(p, s.data(), s.size());
    next_ += s.size();
    return StringView{p, static_cast<int64_t>(s.size())};
  }

 private:
  void grow(size_t n) {
    size_ = std::max(n, std::min<size_t>(size_ * 2, 64 << 20));
    next_ = arena_->allocate(size_);
    end_ = next_ + size_;
    adviseHugePages(next_, size_);
  }
  StringArena* arena_ = nullptr;
  size_t size_ = 0;
  char* next_ = nullptr;
  char* end_ = nullptr;
};

// A read buffer of `size` bytes plus simdjson's padding, on huge pages when large.
class ReadBuffer {
 public:
  explicit ReadBuffer(size_t size) { allocate(size); }
  ~ReadBuffer() { release(); }
  ReadBuffer(const ReadBuffer&) = delete;
  ReadBuffer& operator=(const ReadBuffer&) = delete;

  char* data() const { return data_; }
  size_t size() const { return size_; }
  /// Doubles the size, keeping the first `keep` bytes.
  void grow(size_t keep) {
    char* old = data_;
    void* oldMap = map_;
    const size_t oldMapped = mapped_;
    allocate(size_ * 2);
    std::memcpy(data_, old, keep);
    ::munmap(oldMap, oldMapped);
  }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  void allocate(size_t size) {
    // Anonymous memory is zero-filled, so the padding is defined; large buffers start on a
    // 2 MiB boundary to be backed by whole huge pages.
    const bool huge = size >= kHuge;
    mapped_ = size + simdjson::SIMDJSON_PADDING + (huge ? kHuge : 0);
    map_ = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map_ == MAP_FAILED) throw std::bad_alloc();
    auto at = reinterpret_cast<uintptr_t>(map_);
    if (huge) {
      at = (at + kHuge - 1) & ~(kHuge - 1);
      ::madvise(reinterpret_cast<void*>(at), reinterpret_cast<uintptr_t>(map_) + mapped_ - at,
                MADV_HUGEPAGE);
    }
    data_ = reinterpret_cast<char*>(at);
    size_ = size;
  }
  void release() {
    if (map_) ::munmap(map_, mapped_);
  }
  void* map_ = nullptr;
  size_t mapped_ = 0;
  char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace sluice::json_files
