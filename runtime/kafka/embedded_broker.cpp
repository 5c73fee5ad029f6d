#include "runtime/kafka/embedded_broker.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "frontend/error.h"

namespace sluice {

struct EmbeddedBroker::Impl {
  rd_kafka_t* owner = nullptr;  // the mock cluster lives inside this handle
  rd_kafka_mock_cluster_t* cluster = nullptr;
  std::string bootstraps;
  int brokers = 0;
};

namespace {
// The owning handle has no bootstrap servers of its own; librdkafka's warning about that and
// similar chatter is noise.
void quietLog(const rd_kafka_t*, int, const char*, const char*) {}
}  // namespace

EmbeddedBroker::EmbeddedBroker(int brokers) : impl_(std::make_unique<Impl>()) {
  if (brokers < 1)
    throw ExecutionError("an embedded broker needs at least one broker, got " +
                         std::to_string(brokers));
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, quietLog);
  impl_->owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!impl_->owner) {
    rd_kafka_conf_destroy(conf);
    throw ExecutionError(std::string("cannot start the embedded Kafka broker: ") + err);
  }
  impl_->cluster = rd_kafka_mock_cluster_new(impl_->owner, brokers);
  if (!impl_->cluster) {
    rd_kafka_destroy(impl_->owner);
    throw ExecutionError("cannot start the embedded Kafka broker (librdkafka mock cluster)");
  }
  impl_->bootstraps = rd_kafka_mock_cluster_bootstraps(impl_->cluster);
  impl_->brokers = brokers;
}

EmbeddedBroker::~EmbeddedBroker() {
  rd_kafka_mock_cluster_destroy(impl_->cluster);
  rd_kafka_destroy(impl_->owner);
}

const std::string& EmbeddedBroker::bootstrapServers() const {
  return impl_->bootstraps;
}

int EmbeddedBroker::brokers() const {
  return impl_->brokers;
}

void EmbeddedBroker::createTopic(const std::string& name, int partitions) {
  if (partitions < 1)
    throw ExecutionError("topic '" + name + "' needs at least one partition, got " +
                         std::to_string(partitions));
  const rd_kafka_resp_err_t err =
      rd_kafka_mock_topic_create(impl_->cluster, name.c_str(), partitions, 1);
  if (err)
    throw ExecutionError("cannot create topic '" + name +
                         "' on the embedded broker: " + rd_kafka_err2str(err));
}

void EmbeddedBroker::setDown(bool down) {
  for (int id = 1; id <= impl_->brokers; ++id) {
    const rd_kafka_resp_err_t err = down ? rd_kafka_mock_broker_set_down(impl_->cluster, id)
                                         : rd_kafka_mock_broker_set_up(impl_->cluster, id);
    if (err)
      throw ExecutionError("cannot set embedded broker " + std::to_string(id) +
                           (down ? " down: " : " up: ") + rd_kafka_err2str(err));
  }
}

}  // namespace sluice
