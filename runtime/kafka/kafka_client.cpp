#include "runtime/kafka/kafka_client.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "frontend/error.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

int64_t remainingMs(Clock::time_point deadline) {
  return std::max<int64_t>(
      0, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
}

// One librdkafka request/response call waits at most this long, so a stop is seen within
// about a second even while a lookup has a minute left (kafka.default.api.timeout.ms).
constexpr int64_t kSliceMs = 1000;

int sliceMs(Clock::time_point deadline) {
  return static_cast<int>(std::clamp<int64_t>(remainingMs(deadline), 1, kSliceMs));
}

}  // namespace

KafkaClient::KafkaClient(const std::map<std::string, std::string>& options, KafkaClientRole role,
                         const std::function<void(rd_kafka_conf_t*)>& customize)
    : errors_(std::make_unique<ErrorState>()) {
  KafkaClientConfig cfg = buildKafkaConfig(options, role);
  for (const auto& w : cfg.warnings) kafkaWarn(w);
  bootstrap_ = cfg.bootstrapServers;
  apiTimeoutMs_ = cfg.apiTimeoutMs;
  rd_kafka_conf_t* conf = cfg.conf.get();
  rd_kafka_conf_set_opaque(conf, errors_.get());
  rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t*, int err, const char* reason, void* opaque) {
    auto* state = static_cast<ErrorState*>(opaque);
    std::lock_guard lock(state->mu);
    state->last = std::string(rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))) + ": " +
                  (reason ? reason : "");
  });
  if (customize) customize(conf);
  char err[512];
  rk_ = rd_kafka_new(role == KafkaClientRole::Consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER,
                     conf, err, sizeof err);
  if (!rk_)
    throw ExecutionError(std::string("cannot create a Kafka client for kafka.bootstrap.servers=") +
                         bootstrap_ + ": " + err);
  cfg.conf.release();  // rd_kafka_new took ownership
  if (role == KafkaClientRole::Consumer) rd_kafka_poll_set_consumer(rk_);
}

KafkaClient::~KafkaClient() {
  if (!rk_) return;
  if (rd_kafka_type(rk_) == RD_KAFKA_CONSUMER) rd_kafka_consumer_close(rk_);
  rd_kafka_destroy(rk_);
}

std::string KafkaClient::lastError() const {
  std::lock_guard lock(errors_->mu);
  return errors_->last;
}

std::string KafkaClient::context() const {
  std::string out = " [kafka.bootstrap.servers=" + bootstrap_ + "]";
  if (auto last = lastError(); !last.empty()) out += " (last client error: " + last + ")";
  return out;
}

std::string KafkaClient::waitingFor() const {
  std::lock_guard lock(errors_->mu);
  return errors_->waiting;
}

void KafkaClient::reportWait(std::string_view what) const {
  {
    std::lock_guard lock(errors_->mu);
    errors_->waiting.assign(what);
  }
  if (onWait_) onWait_(what);
}

void KafkaClient::checkFatal() const {
  char buf[512];
  if (rd_kafka_fatal_error(rk_, buf, sizeof buf))
    throw ExecutionError(std::string("fatal Kafka client error: ") + buf + context());
}

std::map<std::string, int32_t> KafkaClient::listTopics() {
  const auto deadline = Clock::now() + std::chrono::milliseconds(apiTimeoutMs_);
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  KafkaWait wait(*this, [&] { return "waiting for the topic list of " + bootstrap_; });
  while (true) {
    wait.poll();
    const rd_kafka_metadata_t* md = nullptr;
    err = rd_kafka_metadata(rk_, 1, nullptr, &md, sliceMs(deadline));
    if (!err) {
      std::map<std::string, int32_t> out;
      for (int i = 0; i < md->topic_cnt; ++i) {
        const auto& t = md->topics[i];
        const std::string name = t.topic;
        // Internal topics (__consumer_offsets, ...) are not data; Java excludes them too.
        if (t.err || name.rfind("__", 0) == 0) continue;
        out[name] = t.partition_cnt;
      }
      rd_kafka_metadata_destroy(md);
      return out;
    }
    if (Clock::now() >= deadline) break;
    if (err != RD_KAFKA_RESP_ERR__TIMED_OUT)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw ExecutionError("cannot list the topics of the Kafka cluster within " +
                       std::to_string(apiTimeoutMs_) +
                       " ms (kafka.default.api.timeout.ms): " + rd_kafka_err2str(err) + context());
}

PartitionOffsets KafkaClient::listOffsets(const PartitionOffsets& query) {
  PartitionOffsets out;
  if (query.empty()) return out;
  const auto deadline = Clock::now() + std::chrono::milliseconds(apiTimeoutMs_);
  PartitionOffsets pending = query;
  std::string failure;
  KafkaWait wait(*this, [&] {
    return "waiting for the offsets of partition " + pending.begin()->first.toString() +
           (pending.size() > 1 ? " and " + std::to_string(pending.size() - 1) + " more" : "") +
           " from " + bootstrap_;
  });
  while (true) {
    wait.poll();
    rd_kafka_topic_partition_list_t* list =
        rd_kafka_topic_partition_list_new(static_cast<int>(pending.size()));
    for (const auto& [tp, spec] : pending)
      rd_kafka_topic_partition_list_add(list, tp.topic.c_str(), tp.partition)->offset = spec;
    const rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk_, list, sliceMs(deadline));
    for (int i = 0; i < list->cnt; ++i) {
      const auto& e = list->elems[i];
      const TopicPartition tp{e.topic, e.partition};
      if (!err && !e.err) {
        out[tp] = e.offset;
        pending.erase(tp);
      } else {
        failure = "partition " + tp.toString() + ": " + rd_kafka_err2str(e.err ? e.err : err);
      }
    }
    rd_kafka_topic_partition_list_destroy(list);
    if (pending.empty()) return out;
    if (Clock::now() >= deadline) break;
    if (err != RD_KAFKA_RESP_ERR__TIMED_OUT)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw ExecutionError("cannot look up offsets within " + std::to_string(apiTimeoutMs_) +
                       " ms (kafka.default.api.timeout.ms): " + failure + context());
}

bool KafkaClient::isMockCluster() {
  if (mock_ < 0) {
    char* id = rd_kafka_clusterid(rk_, static_cast<int>(apiTimeoutMs_));
    if (!id) return false;  // unknown yet: ask again next time
    mock_ = std::string(id).rfind("mockCluster", 0) == 0 ? 1 : 0;
    rd_kafka_mem_free(rk_, id);
  }
  return mock_ == 1;
}

KafkaWait::KafkaWait(const KafkaClient& client, std::function<std::string()> what,
                     const std::function<bool()>& stop)
    : client_(client),
      what_(std::move(what)),
      stop_(stop ? stop : client.stopCheck()),
      start_(Clock::now()),
      nextReport_(start_ + std::chrono::seconds(1)) {}

KafkaWait::~KafkaWait() {
  if (!reported_) return;
  try {
    client_.reportWait("");
  } catch (...) {  // a status hook failing must not turn into a second exception
  }
}

void KafkaWait::progress() {
  start_ = Clock::now();
  nextReport_ = start_ + std::chrono::seconds(1);
  if (reported_) client_.reportWait("");
  reported_ = false;
}

void KafkaWait::poll() {
  if (stop_ && stop_()) throw Interrupted(what_());
  const auto now = Clock::now();
  if (now < nextReport_) return;
  nextReport_ = now + std::chrono::seconds(1);
  reported_ = true;
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - start_).count();
  client_.reportWait(what_() + " (" + std::to_string(secs) + " s)");
}

}  // namespace sluice
