#pragma once
// Append-only storage for state keys and values. The state map holds string_views into it, so
// entries cost no allocation each, restoring a snapshot keeps the file buffer itself as storage
// (no copy per entry), and bytes never move or change until the whole arena is dropped — which
// is what lets the undo log keep views of old values for free.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// Owns byte blocks; views it hands out stay valid until clear() or destruction.
class ByteArena {
 public:
  /// Copies `bytes` into the arena and returns a view of the copy.
  std::string_view copy(std::string_view bytes);
  /// Takes ownership of a buffer (e.g. a state file read whole) whose bytes views may point to.
  void adopt(std::unique_ptr<std::string> buffer);
  /// Bytes held (block capacity plus adopted buffers): the arena's memory footprint.
  uint64_t bytes() const { return bytes_; }
  /// Frees everything.
  void clear();

 private:
  static constexpr size_t kBlockBytes = 1 << 20;

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::unique_ptr<std::string>> adopted_;
  char* pos_ = nullptr;  ///< next free byte in the current block
  size_t left_ = 0;      ///< free bytes in the current block
  uint64_t bytes_ = 0;
};

}  // namespace sluice
