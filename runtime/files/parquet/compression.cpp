#include "runtime/files/parquet/compression.h"

#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include "frontend/error.h"

namespace sluice::parquet {
namespace {

// ZSTD level 3 is zstd's default and what parquet-mr uses (parquet.compression.codec.zstd.level).
constexpr int kZstdLevel = 3;

std::string gzip(const char* data, size_t size) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer, as parquet-format's GZIP requires.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw ExecutionError("cannot initialize gzip compression");
  std::string out(deflateBound(&z, size) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw ExecutionError("gzip compression failed");
  return out;
}

std::string gunzip(const uint8_t* data, size_t size, std::string& out) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return "cannot initialize gzip decompression";
  z.next_in = const_cast<Bytef*>(data);
  z.avail_in = static_cast<uInt>(size);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const size_t got = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || got != out.size()) return "corrupt gzip data";
  return "";
}

}  // namespace

const char* codecName(Codec codec) {
  switch (codec) {
    case Codec::Uncompressed:
      return "UNCOMPRESSED";
    case Codec::Snappy:
      return "SNAPPY";
    case Codec::Gzip:
      return "GZIP";
    case Codec::Lzo:
      return "LZO";
    case Codec::Brotli:
      return "BROTLI";
    case Codec::Lz4:
      return "LZ4";
    case Codec::Zstd:
      return "ZSTD";
    case Codec::Lz4Raw:
      return "LZ4_RAW";
  }
  return "UNKNOWN";
}

std::string compress(Codec codec, const char* data, size_t size) {
  switch (codec) {
    case Codec::Uncompressed:
      return std::string(data, size);
    case Codec::Snappy: {
      size_t n = snappy_max_compressed_length(size);
      std::string out(n, '\0');
      if (snappy_compress(data, size, out.data(), &n) != SNAPPY_OK)
        throw ExecutionError("snappy compression failed");
      out.resize(n);
      return out;
    }
    case Codec::Zstd: {
      std::string out(ZSTD_compressBound(size), '\0');
      const size_t n = ZSTD_compress(out.data(), out.size(), data, size, kZstdLevel);
      if (ZSTD_isError(n))
        throw ExecutionError(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case Codec::Gzip:
      return gzip(data, size);
    default:
      throw ExecutionError(std::string("writing ") + codecName(codec) +
                           "-compressed Parquet is not supported");
  }
}

std::string decompress(Codec codec, const uint8_t* data, size_t size, size_t uncompressedSize,
                       std::string& out) {
  out.resize(uncompressedSize);
  switch (codec) {
    case Codec::Uncompressed:
      if (size != uncompressedSize) return "page sizes disagree for an uncompressed page";
      out.assign(reinterpret_cast<const char*>(data), size);
      return "";
    case Codec::Snappy: {
      size_t n = 0;
      const char* in = reinterpret_cast<const char*>(data);
      if (snappy_uncompressed_length(in, size, &n) != SNAPPY_OK || n != uncompressedSize)
        return "corrupt snappy data (bad length header)";
      if (snappy_uncompress(in, size, out.data(), &n) != SNAPPY_OK || n != uncompressedSize)
        return "corrupt snappy data";
      return "";
    }
    case Codec::Zstd: {
      const size_t n = ZSTD_decompress(out.data(), out.size(), data, size);
      if (ZSTD_isError(n)) return std::string("corrupt zstd data: ") + ZSTD_getErrorName(n);
      if (n != uncompressedSize) return "zstd data decompresses to the wrong size";
      return "";
    }
    case Codec::Gzip:
      return gunzip(data, size, out);
    default:
      return std::string(codecName(codec)) + " compression is not supported (sluice reads " +
             "UNCOMPRESSED, SNAPPY, GZIP and ZSTD)";
  }
}

}  // namespace sluice::parquet
