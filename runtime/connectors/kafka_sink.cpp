#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/connectors/sinks.h"
#include "runtime/kafka/kafka_tail.h"
#include "runtime/kafka/kafka_writer.h"
#include "runtime/stop_source.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

// The sink option that turns on exactly-once writes (README: Kafka sink options).
constexpr const char* kExactlyOnceOption = "kafka.sink.exactlyOnce";
constexpr const char* kHeadersType = "array<struct<key:string,value:binary>>";

// Fault injection for the exactly-once kill tests (tests/kafka/exactly_once_kill_test.sh),
// read once per sink: SLUICE_TEST_KAFKA_SINK_KILL=flush:<n> sends SIGKILL to this process
// right after the n-th batch of the sink is flushed (written and acknowledged, not yet
// committed), records:<n> after the n-th record handed to the producer (a batch cut short,
// part of it possibly never sent). Unset in production: nothing happens.
struct KillPoint {
  bool afterFlush = false;
  int64_t n = -1;  // -1: never
  static KillPoint fromEnvironment() {
    KillPoint k;
    const char* env = std::getenv("SLUICE_TEST_KAFKA_SINK_KILL");
    if (!env) return k;
    const std::string_view s(env);
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos) return k;
    k.afterFlush = s.substr(0, colon) == "flush";
    k.n = std::atoll(std::string(s.substr(colon + 1)).c_str());
    return k;
  }
  // Counts one event of its kind; kills the process at the n-th.
  void count(bool flushEvent, int64_t& seen) const {
    if (n < 0 || flushEvent != afterFlush) return;
    if (++seen == n) ::kill(::getpid(), SIGKILL);
  }
};

int findColumn(const std::vector<Attribute>& columns, const char* name) {
  for (size_t i = 0; i < columns.size(); ++i)
    if (equalsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
  return -1;
}

bool isBytes(const DataType& t) {
  return t.id() == TypeId::String || t.id() == TypeId::Binary;
}

bool exactlyOnceOption(const std::map<std::string, std::string>& options,
                       const std::string& table) {
  // Option names arrive normalized (kafka.* lower-cased); compare without case.
  auto it = std::find_if(options.begin(), options.end(), [](const auto& kv) {
    return equalsIgnoreCase(kv.first, kExactlyOnceOption);
  });
  if (it == options.end()) return false;
  const std::string v = asciiLower(it->second);
  if (v == "true") return true;
  if (v == "false") return false;
  throw ExecutionError("the Kafka sink " + table + ": option '" + kExactlyOnceOption +
                       "' must be true or false, got '" + it->second + "'");
}

// The client settings: everything but the sink's own kafka.sink.* options.
std::map<std::string, std::string> clientOptions(std::map<std::string, std::string> options) {
  std::erase_if(options, [](const auto& kv) { return kv.first.rfind("kafka.sink.", 0) == 0; });
  return options;
}

// One record of an exactly-once batch, owning its bytes until the batch is written.
struct PendingRecord {
  std::string topic;
  int32_t partition = -1;
  std::optional<std::string> key, value;
  std::vector<std::pair<std::string, std::optional<std::string>>> headers;

  auto order() const { return std::tie(topic, partition, key, value, headers); }
};

// Spark's Kafka sink: value (string or binary) required; key, topic, partition, headers
// optional. With kafka.sink.exactlyOnce a streaming batch is buffered, put in a
// deterministic order and partitioning, and written with headers naming query, batch and
// sequence, skipping what an earlier attempt of the same batch already wrote.
class KafkaSink : public StreamSink {
 public:
  explicit KafkaSink(const PhysSink& sink)
      : writer_(clientOptions(sink.options)),
        table_(sink.target),
        exactlyOnce_(exactlyOnceOption(sink.options, sink.target)) {
    const std::vector<Attribute>& columns = sink.columns;
    value_ = findColumn(columns, "value");
    key_ = findColumn(columns, "key");
    topic_ = findColumn(columns, "topic");
    partition_ = findColumn(columns, "partition");
    headers_ = findColumn(columns, "headers");
    auto need = [&](int c, const char* what, const char* type, bool ok) {
      if (c >= 0 && !ok)
        throw ExecutionError("the Kafka sink " + table_ + " needs the " + what + " column to be " +
                             type + ", not " + columns[static_cast<size_t>(c)].type->toString());
    };
    if (value_ < 0)
      throw ExecutionError("the Kafka sink " + table_ +
                           " needs a column named value (string or binary), as in Spark");
    auto type = [&](int c) -> const DataType& { return *columns[static_cast<size_t>(c)].type; };
    need(value_, "value", "a string or binary", isBytes(type(value_)));
    need(key_, "key", "a string or binary", key_ < 0 || isBytes(type(key_)));
    need(topic_, "topic", "a string", topic_ < 0 || type(topic_).id() == TypeId::String);
    need(partition_, "partition", "an int", partition_ < 0 || type(partition_).id() == TypeId::Int);
    need(headers_, "headers", kHeadersType,
         headers_ < 0 || type(headers_).toString() == kHeadersType);
    if (writer_.topic().empty() && topic_ < 0)
      throw ExecutionError("the Kafka sink " + table_ +
                           " needs a topic: OPTIONS (topic '...') or a topic column");
    description_ = "KafkaSink[" +
                   (writer_.topic().empty() ? std::string("<topic column>") : writer_.topic()) +
                   (exactlyOnce_ ? ", exactlyOnce]" : "]");
    if (exactlyOnce_) tail_ = std::make_unique<KafkaTail>(sink.options);
  }

  void setQueryId(const std::string& queryId) override { queryId_ = queryId; }
  void beginBatch(int64_t batchId) override {
    rows_ = 0;
    batchId_ = batchId;
    pending_.clear();
    written_.clear();
  }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    auto bytes = [&](int c) -> std::optional<std::string_view> {
      if (c < 0 || nulls[c]) return std::nullopt;
      return slots[c].as<StringView>().view();
    };
    std::string_view topic;
    if (topic_ >= 0 && !nulls[topic_]) topic = slots[topic_].as<StringView>().view();
    const int32_t partition =
        partition_ >= 0 && !nulls[partition_] ? slots[partition_].as<int32_t>() : -1;
    headerBuf_.clear();
    if (headers_ >= 0 && !nulls[headers_]) readHeaders(slots[headers_].as<const void*>());
    ++rows_;
    if (exactlyOnce_ && !queryId_.empty()) {
      PendingRecord r;
      r.topic = std::string(writer_.topic().empty() ? topic : writer_.topic());
      r.partition = partition;
      if (auto k = bytes(key_)) r.key = std::string(*k);
      if (auto v = bytes(value_)) r.value = std::string(*v);
      for (const auto& h : headerBuf_)
        r.headers.emplace_back(std::string(h.key),
                               h.value ? std::optional<std::string>(*h.value) : std::nullopt);
      pending_.push_back(std::move(r));
      return;
    }
    writer_.write(bytes(key_), bytes(value_), topic, partition, headerBuf_);
    kill_.count(false, killRecords_);
  }
  void endBatch(const StopSource* stop) override {
    if (!pending_.empty()) writeExactlyOnce();
    writer_.flush([stop] { return stop && stop->stopRequested(); });
    for (const auto& [tp, pos] : written_) last_[tp] = pos;  // acknowledged: the new tail
    written_.clear();
    kill_.count(true, killFlushes_);
  }
  void setStop(const StopSource* stop) override {
    StreamSink::setStop(stop);
    writer_.setStopCheck([stop] { return stop && stop->stopRequested(); });
  }
  std::string waitingFor() const override { return writer_.waitingFor(); }
  void setOnWait(std::function<void(std::string_view)> onWait) override {
    writer_.setOnWait(std::move(onWait));
  }
  std::string description() const override { return description_; }

 private:
  using TopicPart = std::pair<std::string, int32_t>;

  // The elements of a headers array (array<struct<key: string, value: binary>>) into
  // headerBuf_; an element that is NULL or has a NULL key is skipped (Kafka header keys are
  // never null), a NULL value stays a null header value.
  void readHeaders(const void* nested) {
    const auto* a = static_cast<const ArrayData*>(nested);
    for (int64_t i = 0; a && i < a->length; ++i) {
      if (a->nulls && a->nulls[i]) continue;
      const auto* s = static_cast<const StructData*>(a->values[i].as<const void*>());
      if (s->nulls && s->nulls[0]) continue;
      KafkaHeader h{s->fields[0].as<StringView>().view(), std::nullopt};
      if (!(s->nulls && s->nulls[1])) h.value = s->fields[1].as<StringView>().view();
      headerBuf_.push_back(h);
    }
  }

  // The partition of a record without a partition column: murmur2 of its key (Kafka's
  // default for keyed records), of its value when the key is NULL, so a replay picks the
  // same partition (librdkafka would pick a random one for a NULL key).
  int32_t partitionOf(const PendingRecord& r) {
    auto it = partitions_.find(r.topic);
    if (it == partitions_.end())
      it = partitions_.emplace(r.topic, tail_->partitionCount(r.topic)).first;
    const std::optional<std::string>& basis = r.key ? r.key : r.value;
    return murmur2Partition(basis ? std::string_view(*basis) : std::string_view(), it->second);
  }

  // What this query wrote last to each partition of `topic`, read from the topic once per
  // sink (then kept up to date as batches are acknowledged).
  void loadTail(const std::string& topic) {
    if (!tailsRead_.insert(topic).second) return;
    for (const auto& [p, pos] : tail_->lastWritten(topic, queryId_)) last_[{topic, p}] = pos;
  }

  // Writes the buffered batch: deterministic partitions and order, a sequence number per
  // (topic, partition), and only the records after what the partition already holds of
  // this query.
  void writeExactlyOnce() {
    for (auto& r : pending_)
      if (r.partition < 0) r.partition = partitionOf(r);
    std::sort(pending_.begin(), pending_.end(),
              [](const PendingRecord& a, const PendingRecord& b) { return a.order() < b.order(); });
    const std::string batchText = std::to_string(batchId_);
    std::map<TopicPart, int64_t> seqs;
    int64_t skipped = 0;
    for (const PendingRecord& r : pending_) {
      loadTail(r.topic);
      const TopicPart tp{r.topic, r.partition};
      const SinkPosition pos{batchId_, seqs[tp]++};
      if (auto l = last_.find(tp); l != last_.end() && pos <= l->second) {
        ++skipped;
        continue;
      }
      std::vector<KafkaHeader> headers;
      for (const auto& [k, v] : r.headers)
        headers.push_back({k, v ? std::optional<std::string_view>(*v) : std::nullopt});
      const std::string seqText = std::to_string(pos.seq);
      headers.push_back({kSinkQueryHeader, queryId_});
      headers.push_back({kSinkBatchHeader, batchText});
      headers.push_back({kSinkSeqHeader, seqText});
      auto view = [](const std::optional<std::string>& s) {
        return s ? std::optional<std::string_view>(*s) : std::nullopt;
      };
      writer_.write(view(r.key), view(r.value), r.topic, r.partition, headers);
      written_[tp] = pos;
      kill_.count(false, killRecords_);
    }
    if (skipped)
      std::fprintf(stderr,
                   "Kafka sink %s: batch %lld was written before (a replay): skipped %lld of "
                   "its %lld records already in the topic\n",
                   table_.c_str(), static_cast<long long>(batchId_),
                   static_cast<long long>(skipped), static_cast<long long>(pending_.size()));
    pending_.clear();
  }

  KafkaWriter writer_;
  std::string table_;
  bool exactlyOnce_ = false;
  int value_, key_, topic_, partition_, headers_;
  std::string description_;
  std::vector<KafkaHeader> headerBuf_;  // the current row's headers (views into the row)
  // Exactly-once state.
  std::unique_ptr<KafkaTail> tail_;
  std::string queryId_;
  int64_t batchId_ = 0;
  std::vector<PendingRecord> pending_;
  std::map<std::string, int32_t> partitions_;  // partition count per topic
  std::set<std::string> tailsRead_;
  std::map<TopicPart, SinkPosition> last_;     // the last record per partition, acknowledged
  std::map<TopicPart, SinkPosition> written_;  // written in this batch, not yet acknowledged
  // Fault injection (tests only).
  KillPoint kill_ = KillPoint::fromEnvironment();
  int64_t killFlushes_ = 0, killRecords_ = 0;
};

}  // namespace

std::unique_ptr<StreamSink> openKafkaSink(const PhysSink& sink) {
  return std::make_unique<KafkaSink>(sink);
}

}  // namespace sluice
