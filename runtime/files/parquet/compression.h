#pragma once
// Page compression codecs: UNCOMPRESSED, SNAPPY (Spark's default), ZSTD and GZIP.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/files/parquet/parquet_metadata.h"

namespace sluice::parquet {

/// `data` compressed with `codec` (UNCOMPRESSED: a copy). Throws ExecutionError for codecs
/// sluice does not write.
std::string compress(Codec codec, const char* data, size_t size);

/// Decompresses `size` bytes into exactly `uncompressedSize` bytes. Returns "" on success,
/// otherwise why it failed (corrupt data, wrong size, unsupported codec), for the caller to
/// report with the file, column and page.
std::string decompress(Codec codec, const uint8_t* data, size_t size, size_t uncompressedSize,
                       std::string& out);

/// The codec's name as parquet-format spells it (SNAPPY, ZSTD, ...).
const char* codecName(Codec codec);

}  // namespace sluice::parquet
