#pragma once
// Plain types shared by the kernel ABI (codegen/abi.h) and the C entry points of the stdlib
// (strings_abi.h). They live in stdlib because stdlib is the leaf library: codegen and the
// runtime may include it, never the other way round.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sluice/host_abi.h"  // StringView (public: host functions return strings through it)

namespace sluice {

/// Bump allocator for strings that kernels create (upper(), concat(), ...). Owned by the
/// runtime, one per running pipeline, reset between batches: results only need to live until
/// the sink has copied them, so per-value frees would be wasted work.
class StringArena {
 public:
  /// `n` bytes, valid until reset() (n may be 0).
  char* allocate(size_t n) {
    if (n > free_) grow(n);
    char* p = next_;
    next_ += n;
    free_ -= n;
    return p;
  }
  /// `n` bytes aligned to `align` (a power of two <= 16), valid until reset(); for nested
  /// values (stdlib/nested.h) and other non-string results.
  void* allocateAligned(size_t n, size_t align = 16) {
    const size_t pad = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
    if (n + pad > free_) {
      grow(n + align);
      return allocateAligned(n, align);
    }
    next_ += pad;
    free_ -= pad;
    return allocate(n);
  }
  /// Forgets every allocation; keeps the largest chunk so steady state does not allocate.
  void reset() {
    if (chunks_.size() > 1) {
      std::unique_ptr<char[]> keep = std::move(chunks_.back());
      chunks_.clear();
      chunks_.push_back(std::move(keep));
    }
    next_ = chunks_.empty() ? nullptr : chunks_.back().get();
    free_ = chunks_.empty() ? 0 : lastSize_;
  }

 private:
  void grow(size_t n) {
    lastSize_ = std::max(n, lastSize_ ? lastSize_ * 2 : size_t{64 * 1024});
    // Not value-initialized: nobody reads arena bytes before writing them, and zeroing
    // megabytes per batch showed up in profiles.
    chunks_.push_back(std::unique_ptr<char[]>(new char[lastSize_]));
    next_ = chunks_.back().get();
    free_ = lastSize_;
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  size_t free_ = 0;
  size_t lastSize_ = 0;  // size of chunks_.back()
};

}  // namespace sluice
