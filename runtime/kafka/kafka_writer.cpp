#include "runtime/kafka/kafka_writer.h"

#include <atomic>
#include <mutex>
#include <set>
#include <vector>

#include "frontend/error.h"
#include "runtime/kafka/kafka_client.h"

namespace sluice {
namespace {

// Delivery outcomes, filled by librdkafka's delivery report callback (served on the
// writer's thread from rd_kafka_poll / rd_kafka_flush).
struct Deliveries {
  std::mutex mu;
  int64_t delivered = 0;
  int64_t failed = 0;   // since the last flush that reported failures
  int64_t settled = 0;  // delivered or failed, ever
  std::string firstFailure;
};

void onDelivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* d = static_cast<Deliveries*>(m->_private);
  if (!d) return;
  std::lock_guard lock(d->mu);
  ++d->settled;
  if (!m->err) {
    ++d->delivered;
    return;
  }
  if (d->failed++ == 0)
    d->firstFailure = "topic '" + std::string(m->rkt ? rd_kafka_topic_name(m->rkt) : "?") +
                      "' partition " + std::to_string(m->partition) + ": " +
                      rd_kafka_err2str(m->err);
}

}  // namespace

struct KafkaWriter::Impl {
  std::string topic;
  Deliveries deliveries;
  std::unique_ptr<KafkaClient> producer;
  int64_t written = 0;               // records librdkafka accepted
  std::set<std::string> topicsSeen;  // with a topic column: the topics written (for messages)

  int64_t pending() {
    std::lock_guard lock(deliveries.mu);
    return written - deliveries.settled;
  }
  std::string topicText() const {
    if (!topic.empty()) return "topic '" + topic + "'";
    if (topicsSeen.size() == 1) return "topic '" + *topicsSeen.begin() + "'";
    std::string out;
    for (const auto& t : topicsSeen) out += (out.empty() ? "'" : ", '") + t + "'";
    return "topics " + (out.empty() ? std::string("(none)") : out);
  }
};

KafkaWriter::KafkaWriter(const std::map<std::string, std::string>& options)
    : impl_(std::make_unique<Impl>()) {
  if (auto it = options.find("topic"); it != options.end()) impl_->topic = it->second;
  impl_->producer = std::make_unique<KafkaClient>(
      options, KafkaClientRole::Producer,
      [](rd_kafka_conf_t* conf) { rd_kafka_conf_set_dr_msg_cb(conf, onDelivery); });
  if (!impl_->topic.empty()) {
    // Ask for the topic's metadata now: otherwise the first records wait for the producer's
    // next metadata refresh (about 1 s), which dominated short availableNow runs. Failure
    // here is harmless: write() and flush() report real problems.
    rd_kafka_t* rk = impl_->producer->handle();
    if (rd_kafka_topic_t* t = rd_kafka_topic_new(rk, impl_->topic.c_str(), nullptr)) {
      const rd_kafka_metadata_t* md = nullptr;
      if (rd_kafka_metadata(rk, 0, t, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR && md)
        rd_kafka_metadata_destroy(md);
      rd_kafka_topic_destroy(t);
    }
  }
}

KafkaWriter::~KafkaWriter() {
  // Records not flushed are dropped with the handle; the caller did not commit them.
  if (impl_->producer) rd_kafka_purge(impl_->producer->handle(), RD_KAFKA_PURGE_F_QUEUE);
}

void KafkaWriter::write(std::optional<std::string_view> key, std::optional<std::string_view> value,
                        std::string_view topic, int32_t partition,
                        std::span<const KafkaHeader> headers) {
  const std::string t(impl_->topic.empty() ? topic : std::string_view(impl_->topic));
  if (t.empty())
    throw ExecutionError(
        "a record for the Kafka sink has no topic: set the sink option 'topic' or write a "
        "non-null 'topic' column");
  if (impl_->topic.empty() && !impl_->topicsSeen.count(t)) impl_->topicsSeen.insert(t);
  KafkaClient& p = *impl_->producer;
  p.checkFatal();
  rd_kafka_headers_t* hdrs = nullptr;
  if (!headers.empty()) {
    hdrs = rd_kafka_headers_new(headers.size());
    for (const auto& h : headers)
      rd_kafka_header_add(hdrs, h.key.data(), static_cast<ssize_t>(h.key.size()),
                          h.value ? h.value->data() : nullptr,
                          h.value ? static_cast<ssize_t>(h.value->size()) : 0);
  }
  // The RD_KAFKA_V_* macros cast their arguments, so pass plain variables.
  const char* keyPtr = key ? key->data() : nullptr;
  const size_t keyLen = key ? key->size() : 0;
  char* valuePtr = value ? const_cast<char*>(value->data()) : nullptr;
  const size_t valueLen = value ? value->size() : 0;
  const int32_t part = partition < 0 ? RD_KAFKA_PARTITION_UA : partition;
  std::optional<KafkaWait> wait;  // only when the queue is full
  while (true) {
    const rd_kafka_resp_err_t err =
        rd_kafka_producev(p.handle(), RD_KAFKA_V_TOPIC(t.c_str()), RD_KAFKA_V_PARTITION(part),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(keyPtr, keyLen),
                          RD_KAFKA_V_VALUE(valuePtr, valueLen), RD_KAFKA_V_HEADERS(hdrs),
                          RD_KAFKA_V_OPAQUE(&impl_->deliveries), RD_KAFKA_V_END);
    if (!err) {
      ++impl_->written;
      break;
    }
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      // Back-pressure: serve delivery reports until the local queue has room again; queued
      // records leave it within the delivery timeout, delivered or failed.
      if (!wait)
        wait.emplace(p, [this] {
          return "waiting for room in the producer queue (acks of " +
                 std::to_string(impl_->pending()) + " records to " + impl_->topicText() +
                 " outstanding)";
        });
      try {
        wait->poll();
      } catch (...) {
        if (hdrs) rd_kafka_headers_destroy(hdrs);
        throw;
      }
      rd_kafka_poll(p.handle(), 100);
      p.checkFatal();
      continue;
    }
    if (hdrs) rd_kafka_headers_destroy(hdrs);
    throw ExecutionError("cannot write a record to topic '" + t + "' partition " +
                         (partition < 0 ? std::string("(any)") : std::to_string(partition)) + ": " +
                         rd_kafka_err2str(err) + p.context());
  }
  rd_kafka_poll(p.handle(), 0);  // serve delivery reports as we go
}

void KafkaWriter::flush(const std::function<bool()>& stop) {
  KafkaClient& p = *impl_->producer;
  KafkaWait wait(
      p,
      [this] {
        return "waiting for acks of " + std::to_string(impl_->pending()) + " records to " +
               impl_->topicText();
      },
      stop);
  // librdkafka reports every record within message.timeout.ms, so this loop ends; the
  // short slices let a stop through (at most 500 ms late).
  while (rd_kafka_outq_len(p.handle()) > 0) {
    wait.poll();
    rd_kafka_flush(p.handle(), 500);
    p.checkFatal();
  }
  impl_->topicsSeen.clear();
  Deliveries& d = impl_->deliveries;
  std::lock_guard lock(d.mu);
  if (d.failed) {
    const std::string msg = "cannot write " + std::to_string(d.failed) +
                            " record(s) to Kafka, first: " + d.firstFailure + p.context();
    d.failed = 0;
    d.firstFailure.clear();
    throw ExecutionError(msg);
  }
}

void KafkaWriter::setStopCheck(std::function<bool()> stop) {
  impl_->producer->setStopCheck(std::move(stop));
}

void KafkaWriter::setOnWait(std::function<void(std::string_view)> onWait) {
  impl_->producer->setOnWait(std::move(onWait));
}

std::string KafkaWriter::waitingFor() const {
  return impl_->producer->waitingFor();
}

int64_t KafkaWriter::unacknowledged() const {
  return impl_->pending();
}

int64_t KafkaWriter::delivered() const {
  std::lock_guard lock(impl_->deliveries.mu);
  return impl_->deliveries.delivered;
}

const std::string& KafkaWriter::topic() const {
  return impl_->topic;
}

}  // namespace sluice
