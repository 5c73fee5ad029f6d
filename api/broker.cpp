// sluice::Broker (include/sluice/broker.h): the public face of the runtime's EmbeddedBroker.
#include "sluice/broker.h"

#include "runtime/kafka/embedded_broker.h"

namespace sluice {

struct Broker::Impl {
  explicit Impl(int brokers) : broker(brokers) {}
  EmbeddedBroker broker;
};

Broker::Broker(int brokers) : impl_(std::make_unique<Impl>(brokers)) {}
Broker::~Broker() = default;

const std::string& Broker::bootstrapServers() const {
  return impl_->broker.bootstrapServers();
}

void Broker::createTopic(const std::string& name, int partitions) {
  impl_->broker.createTopic(name, partitions);
}

}  // namespace sluice
