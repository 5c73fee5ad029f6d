#include "runtime/files/parquet/column_reader.h"

#include <cstring>

#include "frontend/error.h"
#include "planner/type_storage.h"
#include "runtime/files/parquet/compression.h"
#include "runtime/files/parquet/rle.h"
#include "runtime/files/parquet/thrift_compact.h"

namespace sluice::parquet {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
constexpr int64_t kJulianEpochDay = 2440588;  // Julian day number of 1970-01-01

template <typename T>
T load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void store(unsigned char* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

__int128 bigEndianSigned(const uint8_t* p, size_t n) {
  __int128 v = (n > 0 && (p[0] & 0x80)) ? -1 : 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

std::string uuidText(const uint8_t* p) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[p[i] >> 4];
    s += hex[p[i] & 15];
  }
  return s;
}

// Decodes page-local PLAIN / dictionary / RLE values into storage.
class PageDecoder {
 public:
  PageDecoder(const LeafColumn& leaf, const std::string& where, DecodedColumn& out)
      : leaf_(leaf), where_(where), out_(out) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw ExecutionError("corrupt Parquet data in " + where_ + ": " + why);
  }

  // `n` PLAIN values from [p, end) appended at the end of `dst` (width bytes each).
  void plain(const uint8_t* p, const uint8_t* end, size_t n, std::vector<unsigned char>& dst) {
    const size_t w = out_.width;
    // Every value takes at least one bit: a larger count is corrupt (and must not allocate).
    if (n > static_cast<size_t>(end - p) * 8 + 8) fail("more values than the page holds");
    const size_t base = dst.size();
    dst.resize(base + n * w);
    unsigned char* o = dst.data() + base;
    if (leaf_.physical == PhysicalType::Boolean) {
      if (static_cast<size_t>(end - p) < (n + 7) / 8) fail("boolean values truncated");
      for (size_t i = 0; i < n; ++i) o[i] = (p[i / 8] >> (i % 8)) & 1;
      return;
    }
    if (leaf_.physical == PhysicalType::ByteArray) {
      for (size_t i = 0; i < n; ++i) {
        if (end - p < 4) fail("byte array length truncated");
        const uint32_t len = load<uint32_t>(p);
        p += 4;
        if (static_cast<size_t>(end - p) < len)
          fail("byte array of " + std::to_string(len) + " bytes runs past the page");
        bytes(p, len, o + i * w);
        p += len;
      }
      return;
    }
    const size_t pw = physicalWidth();
    if (static_cast<size_t>(end - p) / (pw ? pw : 1) < n) fail("values truncated");
    for (size_t i = 0; i < n; ++i) fixed(p + i * pw, o + i * w);
  }

  // One byte array / fixed-length value into storage.
  void bytes(const uint8_t* p, size_t len, unsigned char* o) {
    switch (leaf_.conv) {
      case LeafConv::BytesToI64:
        store(o, static_cast<int64_t>(bigEndianSigned(p, len)));
        return;
      case LeafConv::BytesToI128:
        store(o, bigEndianSigned(p, len));
        return;
      case LeafConv::UuidToString: {
        const std::string s = uuidText(p);
        char* b = out_.bytes.allocate(s.size());
        std::memcpy(b, s.data(), s.size());
        store(o, StringView{b, static_cast<int64_t>(s.size())});
        return;
      }
      default: {
        char* b = out_.bytes.allocate(len);
        if (len) std::memcpy(b, p, len);
        store(o, StringView{b, static_cast<int64_t>(len)});
        return;
      }
    }
  }

  size_t physicalWidth() const {
    switch (leaf_.physical) {
      case PhysicalType::Int32:
      case PhysicalType::Float:
        return 4;
      case PhysicalType::Int64:
      case PhysicalType::Double:
        return 8;
      case PhysicalType::Int96:
        return 12;
      case PhysicalType::FixedLenByteArray:
        return static_cast<size_t>(leaf_.typeLength);
      default:
        return 1;
    }
  }

  void fixed(const uint8_t* p, unsigned char* o) {
    switch (leaf_.conv) {
      case LeafConv::I32ToI8:
        store(o, static_cast<int8_t>(load<int32_t>(p)));
        return;
      case LeafConv::I32ToI16:
        store(o, static_cast<int16_t>(load<int32_t>(p)));
        return;
      case LeafConv::I32:
        store(o, load<int32_t>(p));
        return;
      case LeafConv::I32ToI64:
        store(o, static_cast<int64_t>(load<int32_t>(p)));
        return;
      case LeafConv::U8ToI16:
        store(o, static_cast<int16_t>(load<uint32_t>(p) & 0xff));
        return;
      case LeafConv::U16ToI32:
        store(o, static_cast<int32_t>(load<uint32_t>(p) & 0xffff));
        return;
      case LeafConv::U32ToI64:
        store(o, static_cast<int64_t>(load<uint32_t>(p)));
        return;
      case LeafConv::I64:
        store(o, load<int64_t>(p));
        return;
      case LeafConv::U64ToI128:
        store(o, static_cast<__int128>(load<uint64_t>(p)));
        return;
      case LeafConv::MillisToMicros:
        store(o, load<int64_t>(p) * 1000);
        return;
      case LeafConv::NanosToMicros: {
        const int64_t ns = load<int64_t>(p);  // floor division: pre-1970 values round down
        store(o, ns / 1000 - (ns % 1000 < 0 ? 1 : 0));
        return;
      }
      case LeafConv::Int96ToMicros: {
        const int64_t nanos = load<int64_t>(p);
        const int64_t day = load<int32_t>(p + 8);
        store(o, (day - kJulianEpochDay) * kMicrosPerDay + nanos / 1000);
        return;
      }
      case LeafConv::Float:
        store(o, load<float>(p));
        return;
      case LeafConv::Double:
        store(o, load<double>(p));
        return;
      default:
        bytes(p, physicalWidth(), o);
        return;
    }
  }

 private:
  const LeafColumn& leaf_;
  const std::string& where_;
  DecodedColumn& out_;
};

class ChunkDecoder {
 public:
  ChunkDecoder(const LeafColumn& leaf, const ColumnMetaData& meta, const std::string& where,
               DecodedColumn& out)
      : leaf_(leaf), meta_(meta), out_(out), values_(leaf, where, out), where_(where) {}

  void run(const uint8_t* data, size_t size) {
    size_t pos = 0;
    int page = 0;
    const size_t total = static_cast<size_t>(meta_.numValues);
    while (out_.def.size() < total) {
      if (pos >= size)
        fail(page, "the column chunk ends after " + std::to_string(out_.def.size()) + " of " +
                       std::to_string(total) + " values");
      size_t used = 0;
      PageHeader h;
      try {
        h = parsePageHeader(data + pos, size - pos, &used);
      } catch (const ThriftError& e) {
        fail(page, "bad page header: " + e.what);
      }
      pos += used;
      if (h.compressedSize < 0 || h.uncompressedSize < 0 ||
          static_cast<size_t>(h.compressedSize) > size - pos)
        fail(page, "page size " + std::to_string(h.compressedSize) + " runs past the chunk");
      page_ = page;
      handle(h, data + pos, static_cast<size_t>(h.compressedSize));
      pos += static_cast<size_t>(h.compressedSize);
      ++page;
    }
  }

 private:
  [[noreturn]] void fail(int page, const std::string& why) const {
    throw ExecutionError("corrupt Parquet data in " + where_ + ", page " + std::to_string(page) +
                         ": " + why);
  }

  void inflate(const uint8_t* p, size_t n, size_t uncompressed, Codec codec) {
    const std::string err = decompress(codec, p, n, uncompressed, buf_);
    if (!err.empty()) fail(page_, err);
  }

  void handle(const PageHeader& h, const uint8_t* p, size_t n) {
    if (h.type == PageType::DictionaryPage) {
      if (!h.dictionaryPage) fail(page_, "dictionary page without its header");
      inflate(p, n, h.uncompressedSize, meta_.codec);
      const auto* b = reinterpret_cast<const uint8_t*>(buf_.data());
      dict_.clear();
      if (h.dictionaryPage->numValues < 0 ||
          static_cast<size_t>(h.dictionaryPage->numValues) > buf_.size() * 8 + 8)
        fail(page_, "bad dictionary size");
      dictSize_ = static_cast<size_t>(h.dictionaryPage->numValues);
      values_.plain(b, b + buf_.size(), dictSize_, dict_);
      return;
    }
    if (h.type == PageType::DataPage) {
      if (!h.dataPage) fail(page_, "data page without its header");
      inflate(p, n, h.uncompressedSize, meta_.codec);
      const auto* b = reinterpret_cast<const uint8_t*>(buf_.data());
      const uint8_t* end = b + buf_.size();
      const size_t count = checkedCount(h.dataPage->numValues);
      b = levelsV1(b, end, count, leaf_.maxRep, out_.rep);
      b = levelsV1(b, end, count, leaf_.maxDef, out_.def);
      pageValues(h.dataPage->encoding, b, end, count);
      return;
    }
    if (h.type == PageType::DataPageV2) {
      if (!h.dataPageV2) fail(page_, "data page v2 without its header");
      const auto& v2 = *h.dataPageV2;
      const size_t count = checkedCount(v2.numValues);
      if (v2.repLength < 0 || v2.defLength < 0 ||
          static_cast<size_t>(v2.repLength) + static_cast<size_t>(v2.defLength) > n)
        fail(page_, "level lengths run past the page");
      levels(p, v2.repLength, count, leaf_.maxRep, out_.rep);
      levels(p + v2.repLength, v2.defLength, count, leaf_.maxDef, out_.def);
      const size_t lv = static_cast<size_t>(v2.repLength + v2.defLength);
      const Codec codec = v2.isCompressed ? meta_.codec : Codec::Uncompressed;
      if (static_cast<size_t>(h.uncompressedSize) < lv) fail(page_, "bad uncompressed size");
      inflate(p + lv, n - lv, h.uncompressedSize - lv, codec);
      const auto* b = reinterpret_cast<const uint8_t*>(buf_.data());
      pageValues(v2.encoding, b, b + buf_.size(), count);
      return;
    }
    // Index pages and unknown page types carry nothing sluice needs.
  }

  size_t checkedCount(int32_t n) const {
    if (n < 0 || out_.def.size() + static_cast<size_t>(n) > static_cast<size_t>(meta_.numValues))
      fail(page_, "page value count " + std::to_string(n) + " exceeds the chunk's");
    return static_cast<size_t>(n);
  }

  void levels(const uint8_t* p, size_t n, size_t count, int max, std::vector<uint8_t>& out) {
    const size_t base = out.size();
    if (max == 0) {
      out.resize(base + count, 0);
      return;
    }
    tmp_.resize(count);
    RleDecoder d(p, n, bitWidthOf(max));
    if (!d.decode(tmp_.data(), count)) fail(page_, "levels truncated");
    out.resize(base + count);
    for (size_t i = 0; i < count; ++i) {
      if (tmp_[i] > static_cast<uint32_t>(max)) fail(page_, "level above the maximum");
      out[base + i] = static_cast<uint8_t>(tmp_[i]);
    }
  }

  const uint8_t* levelsV1(const uint8_t* p, const uint8_t* end, size_t count, int max,
                          std::vector<uint8_t>& out) {
    if (max == 0) {
      levels(p, 0, count, 0, out);
      return p;
    }
    if (end - p < 4) fail(page_, "level length truncated");
    const uint32_t len = load<uint32_t>(p);
    p += 4;
    if (static_cast<size_t>(end - p) < len) fail(page_, "levels run past the page");
    levels(p, len, count, max, out);
    return p + len;
  }

  void pageValues(Encoding enc, const uint8_t* p, const uint8_t* end, size_t count) {
    size_t present = 0;
    for (size_t i = out_.def.size() - count; i < out_.def.size(); ++i)
      present += out_.def[i] == leaf_.maxDef;
    const size_t base = out_.values.size();
    switch (enc) {
      case Encoding::Plain:
        values_.plain(p, end, present, out_.values);
        break;
      case Encoding::PlainDictionary:
      case Encoding::RleDictionary: {
        if (present == 0) break;
        if (p >= end) fail(page_, "dictionary indices truncated");
        const int width = *p++;
        if (width > 32) fail(page_, "bad dictionary index width");
        tmp_.resize(present);
        RleDecoder d(p, static_cast<size_t>(end - p), width);
        if (!d.decode(tmp_.data(), present)) fail(page_, "dictionary indices truncated");
        out_.values.resize(base + present * out_.width);
        for (size_t i = 0; i < present; ++i) {
          if (tmp_[i] >= dictSize_) fail(page_, "dictionary index out of range");
          std::memcpy(out_.values.data() + base + i * out_.width,
                      dict_.data() + tmp_[i] * out_.width, out_.width);
        }
        break;
      }
      case Encoding::Rle: {
        if (leaf_.physical != PhysicalType::Boolean) fail(page_, "RLE values of a non-boolean");
        if (end - p < 4) fail(page_, "RLE length truncated");
        const uint32_t len = load<uint32_t>(p);
        if (static_cast<size_t>(end - p - 4) < len) fail(page_, "RLE values run past the page");
        tmp_.resize(present);
        RleDecoder d(p + 4, len, 1);
        if (!d.decode(tmp_.data(), present)) fail(page_, "RLE values truncated");
        out_.values.resize(base + present);
        for (size_t i = 0; i < present; ++i) out_.values[base + i] = tmp_[i] ? 1 : 0;
        break;
      }
      default:
        fail(page_, "encoding " + std::to_string(static_cast<int>(enc)) +
                        " is not supported (sluice reads PLAIN, RLE and dictionary encodings)");
    }
    out_.count += present;
  }

  const LeafColumn& leaf_;
  const ColumnMetaData& meta_;
  DecodedColumn& out_;
  PageDecoder values_;
  const std::string& where_;
  std::string buf_;                  // the current page, decompressed
  std::vector<unsigned char> dict_;  // dictionary values in storage
  size_t dictSize_ = 0;
  std::vector<uint32_t> tmp_;
  int page_ = 0;
};

}  // namespace

size_t storageWidth(const LeafColumn& leaf) {
  return storageSize(*leaf.type);
}

void decodeColumnChunk(const LeafColumn& leaf, const ColumnMetaData& meta, const uint8_t* data,
                       size_t size, const std::string& where, DecodedColumn& out) {
  out.def.clear();
  out.rep.clear();
  out.values.clear();
  out.count = 0;
  out.bytes.reset();
  out.width = storageWidth(leaf);
  if (meta.numValues < 0)
    throw ExecutionError("corrupt Parquet data in " + where + ": negative value count");
  ChunkDecoder(leaf, meta, where, out).run(data, size);
}

}  // namespace sluice::parquet
