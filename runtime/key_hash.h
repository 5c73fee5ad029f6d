#pragma once
// The runtime's hash for byte-string keys in absl hash maps.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sluice {

/// Hash of byte-string keys (state store keys, encoded group keys, join keys): a
/// wyhash-style multiply-mix, inlined, several times faster than the out-of-line absl::Hash on
/// ~30-byte keys (hashing dominated state loads and group lookups). Transparent, so maps are
/// probed with string_views without building a std::string.
struct BytesHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept {
    constexpr uint64_t k0 = 0xa0761d6478bd642full, k1 = 0xe7037ed1a0b428dbull,
                       k2 = 0x8ebc6af09c88c6e3ull;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size();
    uint64_t h = k0 ^ n;
    while (n > 16) {
      h = mix(load64(p) ^ k1, load64(p + 8) ^ h);
      p += 16;
      n -= 16;
    }
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      a = load64(p);
      b = load64(p + n - 8);
    } else if (n >= 4) {
      a = load32(p);
      b = load32(p + n - 4);
    } else if (n > 0) {
      a = (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
    }
    return static_cast<size_t>(mix(h ^ k2, mix(a ^ k1, b ^ h)));
  }

 private:
  static uint64_t mix(uint64_t a, uint64_t b) {
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
  }
  static uint64_t load64(const unsigned char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint64_t load32(const unsigned char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
};

/// Equality matching BytesHash (transparent).
struct BytesEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};

}  // namespace sluice
