#include "runtime/kafka/kafka_record_batch.h"

#include <algorithm>
#include <memory>
#include <new>
#include <string>

#include "runtime/kafka/kafka_reader.h"

namespace sluice {
namespace {

enum Column { kKey, kValue, kTopic, kPartition, kOffset, kTimestamp, kTimestampType, kHeaders };

StringView copyTo(StringArena& arena, const void* p, size_t n) {
  if (!p || n == 0) return StringView{nullptr, 0};
  char* dst = arena.allocate(n);
  std::memcpy(dst, p, n);
  return StringView{dst, static_cast<int64_t>(n)};
}

// array<struct<key: string, value: binary>> in stdlib/nested.h's layout, built in `arena`;
// nullptr when the record has no headers (Spark's NULL).
const ArrayData* buildHeaders(rd_kafka_message_t* m, StringArena& arena) {
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(m, &hdrs) || !hdrs) return nullptr;
  const size_t n = rd_kafka_header_cnt(hdrs);
  if (n == 0) return nullptr;
  auto* slots = new (arena.allocateAligned(sizeof(Slot) * n)) Slot[n];
  for (size_t i = 0; i < n; ++i) {
    const char* name = nullptr;
    const void* value = nullptr;
    size_t size = 0;
    rd_kafka_header_get_all(hdrs, i, &name, &value, &size);
    auto* fields = new (arena.allocateAligned(sizeof(Slot) * 2)) Slot[2];
    fields[0].set(copyTo(arena, name, std::strlen(name)));
    fields[1].set(copyTo(arena, value, size));
    uint8_t* nulls = nullptr;
    if (!value) {  // a header with a null value
      nulls = reinterpret_cast<uint8_t*>(arena.allocate(2));
      nulls[0] = 0;
      nulls[1] = 1;
    }
    auto* st = new (arena.allocateAligned(sizeof(StructData), alignof(StructData)))
        StructData{nulls, fields};
    slots[i].set(static_cast<const void*>(st));
  }
  return new (arena.allocateAligned(sizeof(ArrayData), alignof(ArrayData)))
      ArrayData{static_cast<int64_t>(n), nullptr, slots};
}

}  // namespace

KafkaRecordBatch::~KafkaRecordBatch() {
  for (auto& [tp, msgs] : held_)
    for (auto* m : msgs)
      if (m) rd_kafka_message_destroy(m);
}

void KafkaRecordBatch::add(rd_kafka_message_t* m) {
  if (m->rkt != lastTopic_ || m->partition != lastPartition_) {
    last_ = &held_[TopicPartition{rd_kafka_topic_name(m->rkt), m->partition}];
    lastTopic_ = m->rkt;
    lastPartition_ = m->partition;
  }
  last_->push_back(m);
  ++count_;
}

namespace {

// Rows [firstRow, next run's firstRow) are consecutive offsets from firstOffset of one
// partition: usually one run per partition, so describing rows costs nothing per row.
struct OffsetRun {
  int64_t firstRow;
  int64_t firstOffset;
  const TopicPartition* tp;
};

struct RowOrigins {
  std::vector<TopicPartition> partitions;
  std::vector<OffsetRun> runs;

  std::string describe(int64_t row) const {
    auto it = std::upper_bound(runs.begin(), runs.end(), row,
                               [](int64_t r, const OffsetRun& run) { return r < run.firstRow; });
    if (it == runs.begin()) return "";
    --it;
    return "topic '" + it->tp->topic + "' partition " + std::to_string(it->tp->partition) +
           " offset " + std::to_string(it->firstOffset + (row - it->firstRow));
  }
};

}  // namespace

namespace {

// The messages a zero-copy batch points into, destroyed with it.
struct HeldMessages {
  std::vector<rd_kafka_message_t*> messages;
  ~HeldMessages() {
    for (auto* m : messages) rd_kafka_message_destroy(m);
  }
};

}  // namespace

ColumnBatch KafkaRecordBatch::finish(bool zeroCopy) {
  ColumnBatchBuilder b(KafkaReader::schemaTypes(includeHeaders_));
  b.reserve(count_);
  auto origins = std::make_shared<RowOrigins>();
  std::shared_ptr<HeldMessages> held;
  if (zeroCopy) {
    held = std::make_shared<HeldMessages>();
    held->messages.reserve(static_cast<size_t>(count_));
  }
  // A key or value as a string column: pointing into the message, or copied.
  auto bytes = [&](size_t c, const void* p, size_t n) {
    if (!zeroCopy) return b.setString(c, {static_cast<const char*>(p), n});
    b.setStringRef(c,
                   StringView{n ? static_cast<const char*>(p) : nullptr, static_cast<int64_t>(n)});
  };
  origins->partitions.reserve(held_.size());  // runs point into it: no reallocation
  for (auto& [tp, msgs] : held_) {
    if (!msgs.empty()) origins->partitions.push_back(tp);
    int64_t expected = -1;  // the offset that continues the current run
    // One copy of the topic name per batch; every row of the partition points at it.
    const StringView topic = copyTo(b.arena(), tp.topic.data(), tp.topic.size());
    for (auto*& m : msgs) {
      if (m->key)
        bytes(kKey, m->key, m->key_len);
      else
        b.setNull(kKey);
      if (m->payload)
        bytes(kValue, m->payload, m->len);
      else
        b.setNull(kValue);
      b.setStringRef(kTopic, topic);
      b.set<int32_t>(kPartition, m->partition);
      b.set<int64_t>(kOffset, m->offset);
      if (m->offset != expected)
        origins->runs.push_back(OffsetRun{b.rows(), m->offset, &origins->partitions.back()});
      expected = m->offset + 1;
      rd_kafka_timestamp_type_t type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
      const int64_t ms = rd_kafka_message_timestamp(m, &type);
      b.set<int64_t>(kTimestamp, ms * 1000);
      // Kafka's TimestampType ids, which Spark exposes: -1 none, 0 create, 1 log append.
      b.set<int32_t>(kTimestampType, type == RD_KAFKA_TIMESTAMP_CREATE_TIME       ? 0
                                     : type == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? 1
                                                                                  : -1);
      if (includeHeaders_) {
        if (const ArrayData* h = buildHeaders(m, b.arena()))
          b.set<const void*>(kHeaders, h);
        else
          b.setNull(kHeaders);
      }
      b.endRow();
      if (held)
        held->messages.push_back(m);
      else
        rd_kafka_message_destroy(m);
      m = nullptr;
    }
    msgs.clear();
  }
  held_.clear();
  last_ = nullptr;
  lastTopic_ = nullptr;
  count_ = 0;
  ColumnBatch out = b.finish();
  if (held) out.keepAlive(std::move(held));
  if (!origins->runs.empty())
    out.setRowOrigin([origins](int64_t row) { return origins->describe(row); });
  return out;
}

}  // namespace sluice
