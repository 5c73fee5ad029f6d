#include "runtime/kafka/kafka_tail.h"

#include <algorithm>
#include <charconv>

#include "frontend/error.h"
#include "runtime/kafka/kafka_reader.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

// Column of the headers in KafkaReader's batches with includeHeaders.
constexpr size_t kHeadersColumn = 7;
// The first window read back from a partition's end; it grows 4x per step.
constexpr int64_t kFirstWindow = 256;

std::optional<int64_t> parseNumber(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The sink position in row `r`'s headers if the record belongs to `queryId`.
std::optional<SinkPosition> positionOf(const ColumnBatch& b, int64_t r, std::string_view queryId) {
  const ColumnData& col = b.columns()[kHeadersColumn];
  if (col.nulls && col.nulls[r]) return std::nullopt;
  const auto* array = static_cast<const ArrayData*>(static_cast<const void* const*>(col.values)[r]);
  if (!array) return std::nullopt;
  bool ours = false;
  std::optional<int64_t> batch, seq;
  for (int64_t i = 0; i < array->length; ++i) {
    if (array->nulls && array->nulls[i]) continue;
    const auto* h = static_cast<const StructData*>(array->values[i].as<const void*>());
    if ((h->nulls && (h->nulls[0] || h->nulls[1]))) continue;
    const std::string_view key = h->fields[0].as<StringView>().view();
    const std::string_view value = h->fields[1].as<StringView>().view();
    if (key == kSinkQueryHeader) ours = value == queryId;
    if (key == kSinkBatchHeader) batch = parseNumber(value);
    if (key == kSinkSeqHeader) seq = parseNumber(value);
  }
  if (!ours || !batch || !seq) return std::nullopt;
  return SinkPosition{*batch, *seq};
}

}  // namespace

struct KafkaTail::Impl {
  std::map<std::string, std::string> clientOptions;             // kafka.* settings of the sink
  std::map<std::string, std::unique_ptr<KafkaReader>> readers;  // per topic

  KafkaReader& reader(const std::string& topic) {
    auto& r = readers[topic];
    if (!r) {
      std::map<std::string, std::string> o = clientOptions;
      o["subscribe"] = topic;
      o["includeHeaders"] = "true";
      o["startingOffsets"] = "earliest";
      // A partition whose old records aged out is read from its earliest offset.
      o["failOnDataLoss"] = "false";
      r = std::make_unique<KafkaReader>(o, /*streaming=*/false);
    }
    return *r;
  }
};

KafkaTail::KafkaTail(const std::map<std::string, std::string>& sinkOptions)
    : impl_(std::make_unique<Impl>()) {
  for (const auto& [k, v] : sinkOptions)
    if (k.rfind("kafka.", 0) == 0 && k.rfind("kafka.sink.", 0) != 0) impl_->clientOptions[k] = v;
}

KafkaTail::~KafkaTail() = default;

int32_t KafkaTail::partitionCount(const std::string& topic) {
  const auto parts = impl_->reader(topic).partitions();
  if (parts.empty())
    throw ExecutionError("the exactly-once Kafka sink cannot find topic '" + topic +
                         "': it needs the topic's partitions to partition deterministically");
  return static_cast<int32_t>(parts.size());
}

std::map<int32_t, SinkPosition> KafkaTail::lastWritten(const std::string& topic,
                                                       const std::string& queryId) {
  KafkaReader& reader = impl_->reader(topic);
  const PartitionOffsets earliest = reader.initialOffsets();
  const PartitionOffsets latest = reader.latestOffsets();
  std::map<int32_t, SinkPosition> out;
  for (const auto& [tp, end] : latest) {
    const auto e = earliest.find(tp);
    const int64_t first = e == earliest.end() ? 0 : e->second;
    int64_t hi = end;
    for (int64_t window = kFirstWindow; hi > first; window *= 4) {
      const int64_t lo = std::max(first, hi - window);
      const ColumnBatch b = reader.read({{tp, lo}}, {{tp, hi}});
      std::optional<SinkPosition> found;
      for (int64_t r = b.rows() - 1; r >= 0 && !found; --r) found = positionOf(b, r, queryId);
      if (found) {
        out[tp.partition] = *found;
        break;
      }
      hi = lo;
    }
  }
  return out;
}

int32_t murmur2Partition(std::string_view bytes, int32_t partitions) {
  // Kafka's Utils.murmur2 (seed 0x9747b28c), then toPositive(h) % partitions.
  const uint32_t m = 0x5bd1e995;
  const auto* d = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  uint32_t h = 0x9747b28cu ^ static_cast<uint32_t>(n);
  for (size_t i = 0; i + 4 <= n; i += 4) {
    uint32_t k =
        d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (static_cast<uint32_t>(d[i + 3]) << 24);
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  const size_t tail = n & ~size_t{3};
  switch (n % 4) {
    case 3:
      h ^= static_cast<uint32_t>(d[tail + 2]) << 16;
      [[fallthrough]];
    case 2:
      h ^= static_cast<uint32_t>(d[tail + 1]) << 8;
      [[fallthrough]];
    case 1:
      h ^= d[tail];
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<int32_t>((h & 0x7fffffffu) % static_cast<uint32_t>(partitions));
}

}  // namespace sluice
