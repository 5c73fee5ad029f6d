#include "runtime/state/byte_arena.h"

#include <cstring>

namespace sluice {

std::string_view ByteArena::copy(std::string_view bytes) {
  if (bytes.empty()) return std::string_view();
  if (bytes.size() > left_) {
    if (bytes.size() > kBlockBytes / 4) {
      // A large value gets its own block so the current one is not abandoned half empty.
      auto own = std::make_unique<char[]>(bytes.size());
      std::memcpy(own.get(), bytes.data(), bytes.size());
      const std::string_view v(own.get(), bytes.size());
      blocks_.push_back(std::move(own));
      bytes_ += bytes.size();
      return v;
    }
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));
    pos_ = blocks_.back().get();
    left_ = kBlockBytes;
    bytes_ += kBlockBytes;
  }
  std::memcpy(pos_, bytes.data(), bytes.size());
  const std::string_view v(pos_, bytes.size());
  pos_ += bytes.size();
  left_ -= bytes.size();
  return v;
}

void ByteArena::adopt(std::unique_ptr<std::string> buffer) {
  bytes_ += buffer->size();
  adopted_.push_back(std::move(buffer));
}

void ByteArena::clear() {
  blocks_.clear();
  adopted_.clear();
  pos_ = nullptr;
  left_ = 0;
  bytes_ = 0;
}

}  // namespace sluice
