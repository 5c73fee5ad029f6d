#include "runtime/files/parquet/statistics.h"

#include <cmath>
#include <cstring>

namespace sluice::parquet {
namespace {

template <typename T>
T load(std::string_view s) {
  T v{};
  std::memcpy(&v, s.data(), std::min(sizeof(T), s.size()));
  return v;
}

template <typename T>
int cmp(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Big-endian two's complement (decimals in byte arrays): the sign decides first, then the
// bytes as unsigned; shorter values are sign-extended.
int compareBigEndianSigned(std::string_view a, std::string_view b) {
  const bool na = !a.empty() && (static_cast<uint8_t>(a[0]) & 0x80);
  const bool nb = !b.empty() && (static_cast<uint8_t>(b[0]) & 0x80);
  if (na != nb) return na ? -1 : 1;
  const size_t n = std::max(a.size(), b.size());
  const uint8_t pa = na ? 0xff : 0, pb = nb ? 0xff : 0;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t x = i + a.size() < n ? pa : static_cast<uint8_t>(a[i + a.size() - n]);
    const uint8_t y = i + b.size() < n ? pb : static_cast<uint8_t>(b[i + b.size() - n]);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

bool isNaN(const LeafColumn& leaf, std::string_view v) {
  if (leaf.physical == PhysicalType::Float) return std::isnan(load<float>(v));
  if (leaf.physical == PhysicalType::Double) return std::isnan(load<double>(v));
  return false;
}

std::string bigEndian(__int128 v, size_t width) {
  std::string out(width, '\0');
  for (size_t i = 0; i < width; ++i) out[width - 1 - i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

template <typename T>
std::string raw(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}

}  // namespace

int compareStat(const LeafColumn& leaf, std::string_view a, std::string_view b) {
  switch (leaf.physical) {
    case PhysicalType::Boolean:
      return cmp(load<uint8_t>(a), load<uint8_t>(b));
    case PhysicalType::Int32:
      return leaf.unsignedOrder ? cmp(load<uint32_t>(a), load<uint32_t>(b))
                                : cmp(load<int32_t>(a), load<int32_t>(b));
    case PhysicalType::Int64:
      return leaf.unsignedOrder ? cmp(load<uint64_t>(a), load<uint64_t>(b))
                                : cmp(load<int64_t>(a), load<int64_t>(b));
    case PhysicalType::Float:
      return cmp(load<float>(a), load<float>(b));
    case PhysicalType::Double:
      return cmp(load<double>(a), load<double>(b));
    case PhysicalType::Int96:
      return 0;  // no defined order: never used for pruning
    case PhysicalType::ByteArray:
    case PhysicalType::FixedLenByteArray:
      if (!leaf.unsignedOrder) return compareBigEndianSigned(a, b);
      {
        const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
        return c != 0 ? (c < 0 ? -1 : 1) : cmp(a.size(), b.size());
      }
  }
  return 0;
}

void StatsAccumulator::add(std::string_view v) {
  if (isNaN(*leaf_, v)) return;
  if (!min_ || compareStat(*leaf_, v, *min_) < 0) min_.emplace(v);
  if (!max_ || compareStat(*leaf_, v, *max_) > 0) max_.emplace(v);
}

Statistics StatsAccumulator::finish() const {
  Statistics s;
  s.nullCount = nulls_;
  // INT96 has no defined sort order, so no min / max for it.
  if (leaf_->physical != PhysicalType::Int96) {
    s.minValue = min_;
    s.maxValue = max_;
  }
  return s;
}

std::optional<std::string> encodeStat(const LeafColumn& leaf, const Value& v) {
  if (v.isNull()) return std::nullopt;
  const auto& rep = v.rep();
  switch (leaf.conv) {
    case LeafConv::Bool:
      if (!std::holds_alternative<bool>(rep)) return std::nullopt;
      return std::string(1, v.asBool() ? 1 : 0);
    case LeafConv::I32ToI8:
    case LeafConv::I32ToI16:
    case LeafConv::I32:
      if (!std::holds_alternative<int64_t>(rep)) return std::nullopt;
      return raw(static_cast<int32_t>(v.asInt()));
    case LeafConv::I64:
      if (std::holds_alternative<__int128>(rep)) return raw(static_cast<int64_t>(v.asDecimal()));
      if (!std::holds_alternative<int64_t>(rep)) return std::nullopt;
      return raw(v.asInt());
    case LeafConv::I32ToI64:
      if (!std::holds_alternative<__int128>(rep)) return std::nullopt;
      return raw(static_cast<int32_t>(v.asDecimal()));
    case LeafConv::Float:
      if (!std::holds_alternative<double>(rep)) return std::nullopt;
      return raw(static_cast<float>(v.asDouble()));
    case LeafConv::Double:
      if (!std::holds_alternative<double>(rep)) return std::nullopt;
      return raw(v.asDouble());
    case LeafConv::Bytes:
      if (!std::holds_alternative<std::string>(rep)) return std::nullopt;
      return v.asString();
    case LeafConv::BytesToI64:
    case LeafConv::BytesToI128:
      if (!std::holds_alternative<__int128>(rep) ||
          leaf.physical != PhysicalType::FixedLenByteArray)
        return std::nullopt;
      return bigEndian(v.asDecimal(), static_cast<size_t>(leaf.typeLength));
    default:
      return std::nullopt;  // widened / converted values: statistics are in another unit
  }
}

}  // namespace sluice::parquet
