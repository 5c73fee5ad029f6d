#include "runtime/kafka/kafka_fetch.h"

#include <chrono>
#include <map>
#include <memory>

#include "frontend/error.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

struct PartitionState {
  int64_t next;  // next offset we expect
  int64_t end;
  bool done = false;
};

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};

// Unassigns on every exit, so a failed read leaves no fetchers running.
struct AssignmentGuard {
  rd_kafka_t* rk;
  ~AssignmentGuard() { rd_kafka_assign(rk, nullptr); }
};

void assignPending(rd_kafka_t* rk, const std::map<TopicPartition, PartitionState>& parts) {
  rd_kafka_topic_partition_list_t* list =
      rd_kafka_topic_partition_list_new(static_cast<int>(parts.size()));
  for (const auto& [tp, st] : parts)
    if (!st.done)
      rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = st.next;
  const rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err)
    throw ExecutionError(std::string("cannot assign Kafka partitions: ") + rd_kafka_err2str(err));
}

std::string rangeText(const TopicPartition& tp, int64_t from, int64_t to) {
  return "topic '" + tp.topic + "' partition " + std::to_string(tp.partition) + " offsets [" +
         std::to_string(from) + ", " + std::to_string(to) + ")";
}

}  // namespace

void DataLossPolicy::report(const std::string& what) const {
  if (fail)
    throw ExecutionError(what +
                         ". Some data may have been lost because it is no longer available in "
                         "Kafka (aged out by retention, or the topic was deleted). If you want "
                         "the query to continue when this happens, set failOnDataLoss to false");
  kafkaWarn(what + "; continuing because failOnDataLoss is false");
}

void fetchRanges(KafkaClient& consumer, const std::vector<FetchRange>& ranges,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, RecordVisitor visit) {
  std::map<TopicPartition, PartitionState> parts;
  for (const auto& r : ranges)
    if (r.start < r.end) parts[r.tp] = PartitionState{r.start, r.end};
  if (parts.empty()) return;
  rd_kafka_t* rk = consumer.handle();
  size_t remaining = parts.size();
  AssignmentGuard guard{rk};
  assignPending(rk, parts);
  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(rk);
  struct QueueGuard {
    rd_kafka_queue_t* q;
    ~QueueGuard() { rd_kafka_queue_destroy(q); }
  } queueGuard{queue};

  auto finish = [&](PartitionState& st) {
    if (!st.done) {
      st.done = true;
      --remaining;
    }
  };
  std::vector<rd_kafka_message_t*> batch(1024);
  auto lastProgress = Clock::now();
  const rd_kafka_topic_t* lastTopic = nullptr;
  int32_t lastPartition = -1;
  std::pair<const TopicPartition, PartitionState>* lastState = nullptr;
  // Block up to 100 ms while waiting for data, but only briefly once it flows: the last call
  // of a read otherwise always waited out the full timeout.
  int waitMs = 100;
  KafkaWait wait(consumer, [&] {
    std::string pending;
    for (const auto& [tp, st] : parts)
      if (!st.done) pending += (pending.empty() ? "" : ", ") + rangeText(tp, st.next, st.end);
    return "waiting for records of " + pending;
  });
  while (remaining > 0) {
    wait.poll();
    const ssize_t n = rd_kafka_consume_batch_queue(queue, waitMs, batch.data(), batch.size());
    waitMs = n > 0 ? 5 : 100;
    if (n > 0) wait.progress();
    bool reassign = false;
    // Owned first, so an exception (data loss) frees the rest of the batch too.
    std::vector<std::unique_ptr<rd_kafka_message_t, MessageDeleter>> owned;
    for (ssize_t i = 0; i < n; ++i) owned.emplace_back(batch[static_cast<size_t>(i)]);
    for (auto& msg : owned) {
      rd_kafka_message_t* m = msg.get();
      if (!m->rkt) continue;  // client-level error without a partition: retried inside
      // Messages come in runs from one partition: look the partition up only on a change.
      if (m->rkt != lastTopic || m->partition != lastPartition) {
        auto it = parts.find(TopicPartition{rd_kafka_topic_name(m->rkt), m->partition});
        lastState = it == parts.end() ? nullptr : &*it;
        lastTopic = m->rkt;
        lastPartition = m->partition;
      }
      if (!lastState || lastState->second.done) continue;
      const TopicPartition& tp = lastState->first;
      PartitionState& st = lastState->second;
      if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        lastProgress = Clock::now();
        if (m->offset < st.next) continue;  // already seen (before a re-assignment)
        if (m->offset >= st.end) {
          finish(st);
          continue;
        }
        st.next = m->offset + 1;
        if (!visit(msg.release()) || st.next >= st.end) finish(st);
      } else if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        lastProgress = Clock::now();
        // At the end of the log: everything below the end offset has been delivered.
        if (m->offset < st.end)
          loss.report("cannot read " + rangeText(tp, std::max(st.next, m->offset), st.end) +
                      ": the partition ends at offset " + std::to_string(m->offset));
        finish(st);
      } else if (m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET ||
                 m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
        // The next offset is out of range: aged out while we read, or the log was truncated.
        const auto lo = consumer.listOffsets({{tp, kEarliestOffset}}).at(tp);
        const auto hi = consumer.listOffsets({{tp, kLatestOffset}}).at(tp);
        if (st.next < lo) {
          loss.report("cannot read " + rangeText(tp, st.next, std::min(lo, st.end)) +
                      ": the earliest available offset is " + std::to_string(lo));
          st.next = lo;
        } else if (st.next >= hi) {
          loss.report("cannot read " + rangeText(tp, st.next, st.end) +
                      ": the partition ends at offset " + std::to_string(hi));
          st.next = st.end;
        }
        if (st.next >= st.end) finish(st);
        reassign = true;
      } else if (m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
                 m->err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION ||
                 m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
        loss.report("cannot read " + rangeText(tp, st.next, st.end) +
                    ": the partition no longer exists (" + rd_kafka_err2str(m->err) + ")");
        finish(st);
      }
      // Other errors (broker down, leader change) are retried by librdkafka; the progress
      // bound below turns a permanent one into an error.
    }
    if (reassign && remaining > 0) assignPending(rk, parts);
    consumer.checkFatal();
    if (remaining > 0 && Clock::now() - lastProgress > std::chrono::milliseconds(pollTimeoutMs)) {
      std::string pending;
      for (const auto& [tp, st] : parts)
        if (!st.done) pending += (pending.empty() ? "" : ", ") + rangeText(tp, st.next, st.end);
      throw ExecutionError("timed out after " + std::to_string(pollTimeoutMs) +
                           " ms (kafkaConsumer.pollTimeoutMs) waiting for Kafka records: " +
                           pending + consumer.context());
    }
  }
}

}  // namespace sluice
