#include "runtime/files/parquet/column_writer.h"

#include <cstring>

#include "runtime/files/parquet/compression.h"
#include "runtime/files/parquet/rle.h"
#include "stdlib/abi_types.h"

namespace sluice::parquet {
namespace {

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void append(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

void appendU32(std::string& out, uint32_t v) {
  append(out, v);  // little-endian hosts only (x86-64, aarch64), as the format is
}

}  // namespace

ColumnWriter::ColumnWriter(const LeafColumn& leaf, const ColumnWriteConfig& config)
    : leaf_(leaf), config_(config) {
  switch (leaf.physical) {
    case PhysicalType::Boolean:
      width_ = 1;
      break;
    case PhysicalType::Int32:
    case PhysicalType::Float:
      width_ = 4;
      break;
    case PhysicalType::Int64:
    case PhysicalType::Double:
      width_ = 8;
      break;
    case PhysicalType::FixedLenByteArray:
      width_ = static_cast<size_t>(leaf.typeLength);
      break;
    default:
      width_ = 0;
      break;
  }
}

void ColumnWriter::addValue(uint8_t rep, const unsigned char* v) {
  rep_.push_back(rep);
  def_.push_back(static_cast<uint8_t>(leaf_.maxDef));
  ++values_;
  switch (leaf_.conv) {
    case LeafConv::Bool:
      plain_.push_back(static_cast<char>(load<uint8_t>(v) ? 1 : 0));
      return;
    case LeafConv::I32ToI8:
      append(plain_, static_cast<int32_t>(load<int8_t>(v)));
      return;
    case LeafConv::I32ToI16:
      append(plain_, static_cast<int32_t>(load<int16_t>(v)));
      return;
    case LeafConv::I32:
      append(plain_, load<int32_t>(v));
      return;
    case LeafConv::I32ToI64:
      append(plain_, static_cast<int32_t>(load<int64_t>(v)));
      return;
    case LeafConv::I64:
      append(plain_, load<int64_t>(v));
      return;
    case LeafConv::Float:
      append(plain_, load<float>(v));
      return;
    case LeafConv::Double:
      append(plain_, load<double>(v));
      return;
    case LeafConv::Bytes: {
      const auto s = load<StringView>(v);
      offsets_.push_back(static_cast<uint32_t>(plain_.size()));
      appendU32(plain_, static_cast<uint32_t>(s.len));
      plain_.append(s.ptr, static_cast<size_t>(s.len));
      return;
    }
    case LeafConv::BytesToI128: {
      // Big-endian two's complement in typeLength bytes (Spark's FIXED_LEN_BYTE_ARRAY decimal).
      const auto x = load<__int128>(v);
      for (size_t i = width_; i-- > 0;) plain_.push_back(static_cast<char>((x >> (8 * i)) & 0xff));
      return;
    }
    default:
      break;
  }
  // The writer's schema (toParquetSchema) never produces the read-only conversions.
  plain_.append(width_, '\0');
}

std::string_view ColumnWriter::valueBytes(size_t i) const {
  if (width_ > 0) return std::string_view(plain_).substr(i * width_, width_);
  const size_t start = offsets_[i];
  const size_t end = i + 1 < offsets_.size() ? offsets_[i + 1] : plain_.size();
  return std::string_view(plain_).substr(start, end - start);
}

std::string_view ColumnWriter::statBytes(size_t i) const {
  std::string_view v = valueBytes(i);
  return width_ > 0 ? v : v.substr(4);
}

std::vector<ColumnWriter::Page> ColumnWriter::cutPages() const {
  std::vector<Page> pages;
  Page p{0, 0, 0, 0};
  size_t bytes = 0;
  const size_t n = def_.size();
  for (size_t i = 0; i < n; ++i) {
    // Pages end at row boundaries (repetition level 0) so that no row spans two pages.
    if (bytes >= static_cast<size_t>(config_.pageSize) && rep_[i] == 0) {
      p.endEntry = i;
      pages.push_back(p);
      p = Page{i, i, p.endValue, p.endValue};
      bytes = 0;
    }
    bytes += 1;
    if (def_[i] == leaf_.maxDef) {
      bytes += valueBytes(p.endValue).size();
      ++p.endValue;
    }
  }
  p.endEntry = n;
  if (n > 0) pages.push_back(p);
  return pages;
}

std::string ColumnWriter::encodeLevels(const std::vector<uint8_t>& levels, const Page& p,
                                       int max) const {
  if (max == 0) return "";
  std::vector<uint32_t> v(levels.begin() + p.firstEntry, levels.begin() + p.endEntry);
  std::string rle = rleEncode(v.data(), v.size(), bitWidthOf(max));
  std::string out;
  appendU32(out, static_cast<uint32_t>(rle.size()));  // v1 pages prefix each level stream
  return out + rle;
}

std::string ColumnWriter::plainValues(const Page& p) const {
  if (leaf_.physical == PhysicalType::Boolean) {
    std::vector<uint32_t> bits(p.endValue - p.firstValue);
    for (size_t i = 0; i < bits.size(); ++i) bits[i] = plain_[p.firstValue + i] ? 1 : 0;
    std::string out;
    bitPack(bits.data(), bits.size(), 1, out);
    return out;
  }
  if (p.firstValue == p.endValue) return "";
  const size_t start = valueBytes(p.firstValue).data() - plain_.data();
  const std::string_view last = valueBytes(p.endValue - 1);
  return plain_.substr(start, last.data() + last.size() - plain_.data() - start);
}

bool ColumnWriter::dictionaryValues(const Page& p, std::string* out) {
  std::vector<uint32_t> idx;
  idx.reserve(p.endValue - p.firstValue);
  for (size_t v = p.firstValue; v < p.endValue; ++v) {
    const std::string_view key = valueBytes(v);
    auto [it, inserted] = dict_.try_emplace(absl::string_view(key.data(), key.size()),
                                            static_cast<uint32_t>(dict_.size()));
    if (inserted) dictPlain_.append(key);
    idx.push_back(it->second);
  }
  if (static_cast<int64_t>(dictPlain_.size()) > config_.dictionaryPageSize) {
    dictFull_ = true;  // this page and every later one of the chunk: PLAIN
    return false;
  }
  const int width = bitWidthOf(dict_.empty() ? 0 : dict_.size() - 1);
  out->assign(1, static_cast<char>(width));
  out->append(rleEncode(idx.data(), idx.size(), width));
  return true;
}

void ColumnWriter::writePage(PageHeader h, const std::string& body, std::string& out,
                             ColumnMetaData& m) {
  const std::string compressed = compress(config_.codec, body.data(), body.size());
  h.uncompressedSize = static_cast<int32_t>(body.size());
  h.compressedSize = static_cast<int32_t>(compressed.size());
  const std::string header = serialize(h);
  out += header;
  out += compressed;
  m.totalUncompressedSize += static_cast<int64_t>(header.size() + body.size());
  m.totalCompressedSize += static_cast<int64_t>(header.size() + compressed.size());
}

ColumnChunk ColumnWriter::flush(std::string& out, int64_t base) {
  ColumnMetaData m;
  m.type = leaf_.physical;
  m.path = leaf_.path;
  m.codec = config_.codec;
  m.numValues = static_cast<int64_t>(def_.size());
  StatsAccumulator stats(leaf_);
  for (size_t i = 0; i < values_; ++i) stats.add(statBytes(i));
  stats.addNulls(static_cast<int64_t>(def_.size() - values_));
  m.statistics = stats.finish();

  dict_.clear();
  dictPlain_.clear();
  dictFull_ = !config_.dictionary || leaf_.physical == PhysicalType::Boolean || values_ == 0;
  bool usedDict = false;
  std::string data;
  for (const Page& p : cutPages()) {
    std::string body = encodeLevels(rep_, p, leaf_.maxRep) + encodeLevels(def_, p, leaf_.maxDef);
    std::string values;
    PageHeader h;
    h.type = PageType::DataPage;
    h.dataPage.emplace();
    h.dataPage->numValues = static_cast<int32_t>(p.endEntry - p.firstEntry);
    if (!dictFull_ && dictionaryValues(p, &values)) {
      h.dataPage->encoding = Encoding::RleDictionary;
      usedDict = true;
    } else {
      values = plainValues(p);
      h.dataPage->encoding = Encoding::Plain;
    }
    writePage(std::move(h), body + values, data, m);
  }
  ColumnChunk c;
  c.fileOffset = base + static_cast<int64_t>(out.size());
  if (usedDict) {
    m.dictionaryPageOffset = c.fileOffset;
    PageHeader h;
    h.type = PageType::DictionaryPage;
    h.dictionaryPage.emplace();
    h.dictionaryPage->numValues = static_cast<int32_t>(dict_.size());
    h.dictionaryPage->encoding = Encoding::Plain;
    writePage(std::move(h), dictPlain_, out, m);
  }
  // PLAIN for the values (or the dictionary page), RLE for the levels.
  m.encodings = {Encoding::Plain, Encoding::Rle};
  if (usedDict) m.encodings.push_back(Encoding::RleDictionary);
  m.dataPageOffset = base + static_cast<int64_t>(out.size());
  out += data;
  c.meta = std::move(m);

  dict_.clear();
  rep_.clear();
  def_.clear();
  plain_.clear();
  offsets_.clear();
  values_ = 0;
  return c;
}

}  // namespace sluice::parquet
