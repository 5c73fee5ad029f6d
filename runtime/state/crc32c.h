#pragma once
// CRC-32C (Castagnoli), the checksum of state files. Uses the SSE4.2 crc32 instruction when the
// CPU has it (several GB/s, so checksumming a 50 MB snapshot costs a few ms) and a table
// otherwise; both give identical results.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice {

/// Extends `crc` (0 to start) over `n` bytes. crc32c(crc32c(0, a), b) == crc32c(0, a + b).
uint32_t crc32c(uint32_t crc, const void* data, size_t n);

/// CRC-32C of a byte string.
inline uint32_t crc32c(std::string_view bytes) {
  return crc32c(0, bytes.data(), bytes.size());
}

}  // namespace sluice
