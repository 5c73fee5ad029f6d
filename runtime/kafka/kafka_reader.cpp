#include "runtime/kafka/kafka_reader.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <optional>
#include <regex>
#include <set>
#include <thread>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/kafka_source.h"
#include "runtime/kafka/kafka_chunks.h"
#include "runtime/kafka/kafka_client.h"
#include "runtime/kafka/kafka_fetch.h"
#include "runtime/kafka/kafka_record_batch.h"

namespace sluice {
namespace {

enum class Strategy { Assign, Subscribe, Pattern };

int64_t parseLong(const std::string& option, const std::string& value) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size())
    throw ExecutionError("option '" + option + "' must be an integer, got '" + value + "'");
  return v;
}

std::string tpList(const std::set<TopicPartition>& tps) {
  std::string out;
  for (const auto& tp : tps) out += (out.empty() ? "" : ", ") + tp.toString();
  return out.empty() ? "none" : out;
}

}  // namespace

struct KafkaReader::Impl {
  std::map<std::string, std::string> options;
  bool streaming = true;
  Strategy strategy = Strategy::Subscribe;
  std::vector<TopicPartition> assigned;
  std::vector<std::string> topics;
  std::regex pattern;
  bool includeHeaders = false;
  DataLossPolicy loss;
  std::optional<int64_t> maxOffsetsPerTrigger;
  int64_t pollTimeoutMs = 120000;
  int64_t chunkRecords = kDefaultChunkRecords;
  bool timestampStrategyLatest = false;
  std::vector<TypePtr> types;
  std::string description;
  std::unique_ptr<KafkaClient> consumer;
  std::atomic<const KafkaClient*> published{nullptr};  // `consumer`, for waitingFor()
  std::function<bool()> stop;
  std::function<void(std::string_view)> onWait;
  bool allowMissing = false;
  std::vector<std::string> missingTopics;      // of the latest discover()
  std::optional<PartitionOffsets> lastLatest;  // of the latest latestOffsets() / planBatch()

  const std::string* get(const std::string& k) const {
    auto it = options.find(k);
    return it == options.end() ? nullptr : &it->second;
  }
  bool flag(const std::string& k, bool dflt) const {
    const std::string* v = get(k);
    return v ? asciiLower(*v) == "true" : dflt;
  }

  KafkaClient& client() {
    if (!consumer) {
      consumer = std::make_unique<KafkaClient>(options, KafkaClientRole::Consumer);
      consumer->setStopCheck(stop);
      consumer->setOnWait(onWait);
      published = consumer.get();
    }
    return *consumer;
  }

  // The partitions the options name that exist now; with `strict`, waits for missing
  // assign / subscribe topics up to the lookup bound and then fails naming them (except
  // missing subscribe topics with allowMissing).
  std::vector<TopicPartition> discover(bool strict) {
    KafkaClient& c = client();
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(c.apiTimeoutMs());
    std::vector<std::string> missing;
    KafkaWait wait(c, [&] {
      std::string what;
      for (const auto& m : missing) what += (what.empty() ? "" : ", ") + m;
      return "waiting for " + what + " to exist";
    });
    while (true) {
      const auto all = c.listTopics();
      std::vector<TopicPartition> found;
      missing.clear();
      missingTopics.clear();
      if (strategy == Strategy::Assign) {
        for (const auto& tp : assigned) {
          auto it = all.find(tp.topic);
          if (it != all.end() && tp.partition < it->second)
            found.push_back(tp);
          else
            missing.push_back("partition " + tp.toString() + " (option 'assign')");
        }
      } else {
        for (const auto& [name, count] : all) {
          const bool match = strategy == Strategy::Pattern
                                 ? std::regex_match(name, pattern)
                                 : std::find(topics.begin(), topics.end(), name) != topics.end();
          if (match)
            for (int32_t p = 0; p < count; ++p) found.push_back(TopicPartition{name, p});
        }
        if (strategy == Strategy::Subscribe)
          for (const auto& t : topics)
            if (!all.count(t)) {
              missing.push_back("topic '" + t + "' (option 'subscribe')");
              missingTopics.push_back(t);
            }
      }
      if (missing.empty() || !strict || (allowMissing && strategy == Strategy::Subscribe))
        return found;
      if (std::chrono::steady_clock::now() >= deadline) {
        std::string what;
        for (const auto& m : missing) what += (what.empty() ? "" : ", ") + m;
        throw ExecutionError(what + " does not exist after waiting " +
                             std::to_string(c.apiTimeoutMs()) +
                             " ms (kafka.default.api.timeout.ms)" + c.context());
      }
      wait.poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }

  PartitionOffsets query(const std::vector<TopicPartition>& tps, int64_t spec) {
    PartitionOffsets q;
    for (const auto& tp : tps) q[tp] = spec;
    return client().listOffsets(q);
  }

  // A JSON option must name exactly the partitions the source reads, as in Spark.
  void requireAll(const std::string& option, const PartitionOffsets& given,
                  const std::vector<TopicPartition>& tps) {
    std::set<TopicPartition> a, b(tps.begin(), tps.end());
    for (const auto& [tp, v] : given) a.insert(tp);
    if (a != b)
      throw ExecutionError("option '" + option +
                           "' must name every partition the source reads (use -1 for latest, "
                           "-2 for earliest): it names " +
                           tpList(a) + " but the source reads " + tpList(b));
  }

  // Offsets for timestamps (ms): the first offset whose timestamp is >= the timestamp.
  // Unmatched partitions get the latest offset when `unmatchedLatest`, else an error.
  PartitionOffsets byTimestamp(const PartitionOffsets& times, const std::string& option,
                               bool unmatchedLatest) {
    for (const auto& [tp, ts] : times)
      if (ts < 0)
        throw ExecutionError("option '" + option + "' has a negative timestamp for partition " +
                             tp.toString());
    KafkaClient& c = client();
    PartitionOffsets out = c.listOffsets(times);
    std::vector<TopicPartition> unmatched;
    for (const auto& [tp, off] : out)
      if (off < 0) unmatched.push_back(tp);
    if (!unmatched.empty() && c.isMockCluster()) scanForTimestamps(times, unmatched, out);
    std::vector<TopicPartition> still;
    for (const auto& tp : unmatched)
      if (out[tp] < 0) still.push_back(tp);
    if (still.empty()) return out;
    if (!unmatchedLatest)
      throw ExecutionError("option '" + option + "': no record in partition " +
                           still.front().toString() + " has a timestamp at or after " +
                           std::to_string(times.at(still.front())) +
                           " ms (startingOffsetsByTimestampStrategy is 'error'; set it to "
                           "'latest' to start at the latest offset instead)");
    for (const auto& [tp, off] : query(still, kLatestOffset)) out[tp] = off;
    return out;
  }

  // The embedded broker does not index timestamps: find Kafka's answer (the first offset in
  // log order whose timestamp is >= the target) by reading the partitions.
  void scanForTimestamps(const PartitionOffsets& times, const std::vector<TopicPartition>& tps,
                         PartitionOffsets& out) {
    const auto lo = query(tps, kEarliestOffset);
    const auto hi = query(tps, kLatestOffset);
    std::vector<FetchRange> ranges;
    for (const auto& tp : tps) ranges.push_back(FetchRange{tp, lo.at(tp), hi.at(tp)});
    fetchRanges(client(), ranges, loss, pollTimeoutMs, [&](rd_kafka_message_t* m) {
      const TopicPartition tp{rd_kafka_topic_name(m->rkt), m->partition};
      const int64_t ts = rd_kafka_message_timestamp(m, nullptr);
      const bool hit = ts >= times.at(tp);
      if (hit) out[tp] = m->offset;
      rd_kafka_message_destroy(m);
      return !hit;
    });
  }

  // Resolves -2 / -1 in a JSON offsets option.
  PartitionOffsets resolveSpecific(const PartitionOffsets& given, const std::string& option,
                                   bool ending) {
    std::vector<TopicPartition> earliest, latest;
    for (const auto& [tp, off] : given) {
      if (off == kEarliestOffset && ending)
        throw ExecutionError("option '" + option + "' cannot use -2 (earliest) for partition " +
                             tp.toString());
      if (off < kEarliestOffset)
        throw ExecutionError("option '" + option + "' has an invalid offset " +
                             std::to_string(off) + " for partition " + tp.toString());
      if (off == kEarliestOffset) earliest.push_back(tp);
      if (off == kLatestOffset) latest.push_back(tp);
    }
    PartitionOffsets out = given;
    for (const auto& [tp, off] : query(earliest, kEarliestOffset)) out[tp] = off;
    const auto hi = query(std::vector<TopicPartition>(latest), kLatestOffset);
    for (const auto& [tp, off] : hi) out[tp] = off;
    // An offset past the end of the log cannot be read: Spark reports it as data loss.
    std::vector<TopicPartition> concrete;
    for (const auto& [tp, off] : given)
      if (off >= 0) concrete.push_back(tp);
    for (const auto& [tp, end] : query(concrete, kLatestOffset))
      if (out[tp] > end) {
        loss.report("option '" + option + "' asks for offset " + std::to_string(out[tp]) +
                    " of topic '" + tp.topic + "' partition " + std::to_string(tp.partition) +
                    " but its latest offset is " + std::to_string(end));
        out[tp] = end;
      }
    return out;
  }

  PartitionOffsets resolve(bool ending) {
    const auto tps = discover(true);
    const std::string pre = ending ? "ending" : "starting";
    if (const std::string* ts = get(pre + "Timestamp")) {
      PartitionOffsets times;
      const int64_t t = parseLong(pre + "Timestamp", *ts);
      for (const auto& tp : tps) times[tp] = t;
      return byTimestamp(times, pre + "Timestamp", ending || timestampStrategyLatest);
    }
    if (const std::string* js = get(pre + "OffsetsByTimestamp")) {
      const auto times = parsePartitionOffsets(*js, pre + "OffsetsByTimestamp");
      requireAll(pre + "OffsetsByTimestamp", times, tps);
      return byTimestamp(times, pre + "OffsetsByTimestamp", ending || timestampStrategyLatest);
    }
    const std::string option = pre + "Offsets";
    const std::string* v = get(option);
    const std::string spec =
        v ? asciiLower(*v) : (ending || !streaming ? (ending ? "latest" : "earliest") : "latest");
    if (spec == "earliest") return query(tps, kEarliestOffset);
    if (spec == "latest") return query(tps, kLatestOffset);
    const auto given = parsePartitionOffsets(*v, option);
    requireAll(option, given, tps);
    return resolveSpecific(given, option, ending);
  }
};

KafkaReader::KafkaReader(const std::map<std::string, std::string>& options, bool streaming)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.options = options;
  s.streaming = streaming;
  if (!options.count("kafka.bootstrap.servers"))
    throw ExecutionError("the Kafka source needs the option 'kafka.bootstrap.servers'");
  if (const std::string* v = s.get("assign")) {
    s.strategy = Strategy::Assign;
    s.assigned = parseAssignJson(*v, "assign");
    s.description = "KafkaV2[Assign[" + tpList({s.assigned.begin(), s.assigned.end()}) + "]]";
  } else if (const std::string* v = s.get("subscribe")) {
    s.strategy = Strategy::Subscribe;
    for (size_t i = 0; i <= v->size();) {
      size_t j = v->find(',', i);
      if (j == std::string::npos) j = v->size();
      std::string t = v->substr(i, j - i);
      t.erase(0, t.find_first_not_of(" \t"));
      t.erase(t.find_last_not_of(" \t") + 1);
      if (!t.empty()) s.topics.push_back(t);
      i = j + 1;
    }
    if (s.topics.empty())
      throw ExecutionError("option 'subscribe' must list at least one topic, got '" + *v + "'");
    s.description = "KafkaV2[Subscribe[" + *v + "]]";
  } else if (const std::string* v = s.get("subscribePattern")) {
    s.strategy = Strategy::Pattern;
    try {
      s.pattern = std::regex(*v, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      throw ExecutionError("option 'subscribePattern' is not a valid regular expression '" + *v +
                           "': " + e.what());
    }
    s.description = "KafkaV2[SubscribePattern[" + *v + "]]";
  } else {
    throw ExecutionError(
        "the Kafka source needs one of the options 'assign', 'subscribe' or 'subscribePattern'");
  }
  s.includeHeaders = s.flag("includeHeaders", false);
  s.loss.fail = s.flag("failOnDataLoss", true);
  if (const std::string* v = s.get("maxOffsetsPerTrigger")) {
    s.maxOffsetsPerTrigger = parseLong("maxOffsetsPerTrigger", *v);
    if (*s.maxOffsetsPerTrigger <= 0)
      throw ExecutionError("option 'maxOffsetsPerTrigger' must be positive, got '" + *v + "'");
  }
  if (const std::string* v = s.get("kafkaConsumer.pollTimeoutMs")) {
    s.pollTimeoutMs = parseLong("kafkaConsumer.pollTimeoutMs", *v);
    if (s.pollTimeoutMs <= 0)
      throw ExecutionError("option 'kafkaConsumer.pollTimeoutMs' must be positive, got '" + *v +
                           "'");
  }
  if (const std::string* v = s.get("startingOffsetsByTimestampStrategy")) {
    const auto l = asciiLower(*v);
    if (l != "error" && l != "latest")
      throw ExecutionError(
          "option 'startingOffsetsByTimestampStrategy' must be 'error' or 'latest', got '" + *v +
          "'");
    s.timestampStrategyLatest = l == "latest";
  }
  s.types = schemaTypes(s.includeHeaders);
}

KafkaReader::~KafkaReader() = default;

std::vector<TypePtr> KafkaReader::schemaTypes(bool includeHeaders) {
  std::vector<TypePtr> out;
  for (const auto& a : kafkaSourceAttributes(includeHeaders, "")) out.push_back(a.type);
  return out;
}

const std::vector<TypePtr>& KafkaReader::types() const {
  return impl_->types;
}

const std::string& KafkaReader::description() const {
  return impl_->description;
}

void KafkaReader::setStopCheck(std::function<bool()> stop) {
  impl_->stop = stop;
  if (impl_->consumer) impl_->consumer->setStopCheck(std::move(stop));
}

void KafkaReader::setOnWait(std::function<void(std::string_view)> onWait) {
  impl_->onWait = onWait;
  if (impl_->consumer) impl_->consumer->setOnWait(std::move(onWait));
}

std::string KafkaReader::waitingFor() const {
  const KafkaClient* c = impl_->published.load();
  return c ? c->waitingFor() : std::string();
}

void KafkaReader::setAllowMissingTopics(bool allow) {
  impl_->allowMissing = allow;
}

std::vector<std::string> KafkaReader::missingTopics() const {
  return impl_->missingTopics;
}

std::vector<TopicPartition> KafkaReader::partitions() {
  return impl_->discover(true);
}

PartitionOffsets KafkaReader::initialOffsets() {
  return impl_->resolve(false);
}

PartitionOffsets KafkaReader::endingOffsets() {
  return impl_->resolve(true);
}

PartitionOffsets KafkaReader::latestOffsets() {
  impl_->lastLatest = impl_->query(impl_->discover(false), kLatestOffset);
  return *impl_->lastLatest;
}

std::optional<PartitionOffsets> KafkaReader::lastLatestOffsets() const {
  return impl_->lastLatest;
}

PartitionOffsets KafkaReader::planBatch(const PartitionOffsets& start) {
  Impl& s = *impl_;
  const auto tps = s.discover(false);
  const std::set<TopicPartition> current(tps.begin(), tps.end());
  PartitionOffsets from;
  for (const auto& [tp, off] : start) {
    if (current.count(tp))
      from[tp] = off;
    else
      s.loss.report("partition " + tp.toString() + " is gone (topic deleted?); offsets from " +
                    std::to_string(off) + " were not read");
  }
  std::vector<TopicPartition> fresh;
  for (const auto& tp : tps)
    if (!from.count(tp)) fresh.push_back(tp);
  for (const auto& [tp, off] : s.query(fresh, kEarliestOffset)) from[tp] = off;
  const PartitionOffsets latest = s.query(tps, kLatestOffset);
  s.lastLatest = latest;
  if (!s.maxOffsetsPerTrigger) return latest;
  return rateLimitOffsets(*s.maxOffsetsPerTrigger, from, latest);
}

std::vector<FetchRange> KafkaReader::fetchRangesOf(const PartitionOffsets& start,
                                                   const PartitionOffsets& end) {
  Impl& s = *impl_;
  if (end.empty()) return {};
  const auto topics = s.client().listTopics();
  std::vector<TopicPartition> live;
  for (const auto& [tp, e] : end) {
    auto it = topics.find(tp.topic);
    if (it != topics.end() && tp.partition < it->second) {
      live.push_back(tp);
    } else {
      auto st = start.find(tp);
      if (st == start.end() || st->second < e)
        s.loss.report("cannot read topic '" + tp.topic + "' partition " +
                      std::to_string(tp.partition) + " up to offset " + std::to_string(e) +
                      ": the partition no longer exists");
    }
  }
  const PartitionOffsets earliest = s.query(live, kEarliestOffset);
  std::vector<FetchRange> ranges;
  for (const auto& tp : live) {
    const int64_t lo = earliest.at(tp), e = end.at(tp);
    auto st = start.find(tp);
    int64_t from = st == start.end() ? lo : st->second;
    if (e < from) {
      s.loss.report("the offset of topic '" + tp.topic + "' partition " +
                    std::to_string(tp.partition) + " went back from " + std::to_string(from) +
                    " to " + std::to_string(e) + " (topic recreated?); offsets [" +
                    std::to_string(e) + ", " + std::to_string(from) + ") were skipped");
      continue;
    }
    if (from < lo && from < e) {
      s.loss.report("cannot read topic '" + tp.topic + "' partition " +
                    std::to_string(tp.partition) + " offsets [" + std::to_string(from) + ", " +
                    std::to_string(std::min(lo, e)) + "): the earliest available offset is " +
                    std::to_string(lo));
      from = lo;
    }
    if (from < e) ranges.push_back(FetchRange{tp, from, e});
  }
  return ranges;
}

ColumnBatch KafkaReader::read(const PartitionOffsets& start, const PartitionOffsets& end) {
  Impl& s = *impl_;
  KafkaRecordBatch records(s.includeHeaders);
  const std::vector<FetchRange> ranges = fetchRangesOf(start, end);
  if (ranges.empty()) return records.finish();
  fetchRanges(s.client(), ranges, s.loss, s.pollTimeoutMs, [&](rd_kafka_message_t* m) {
    records.add(m);
    return true;
  });
  return records.finish();
}

void KafkaReader::read(const PartitionOffsets& start, const PartitionOffsets& end,
                       const BatchConsumer& consume) {
  Impl& s = *impl_;
  const std::vector<FetchRange> ranges = fetchRangesOf(start, end);
  if (ranges.empty()) return consume(KafkaRecordBatch(s.includeHeaders).finish());
  // client() connects here, not on the fetching thread.
  fetchChunks(s.client(), ranges, s.loss, s.pollTimeoutMs, s.includeHeaders, s.chunkRecords,
              consume);
}

void KafkaReader::setChunkRecords(int64_t records) {
  impl_->chunkRecords = std::max<int64_t>(records, 1);
}

ColumnBatch KafkaReader::readAll() {
  const auto [start, end] = batchRange();
  return read(start, end);
}

void KafkaReader::readAll(const BatchConsumer& consume) {
  const auto [start, end] = batchRange();
  read(start, end, consume);
}

std::pair<PartitionOffsets, PartitionOffsets> KafkaReader::batchRange() {
  PartitionOffsets start = initialOffsets();
  PartitionOffsets end = endingOffsets();
  for (const auto& [tp, e] : end) {
    auto st = start.find(tp);
    if (st != start.end() && st->second > e)
      throw ExecutionError("the starting offset " + std::to_string(st->second) + " of topic '" +
                           tp.topic + "' partition " + std::to_string(tp.partition) +
                           " is after its ending offset " + std::to_string(e) +
                           " (check startingOffsets / endingOffsets, or the topic was damaged)");
  }
  return {std::move(start), std::move(end)};
}

}  // namespace sluice
