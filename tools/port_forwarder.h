#pragma once
// `sluice broker --port N`: a stable bootstrap address in front of the embedded broker.
// librdkafka's mock cluster listens on ephemeral ports it picks itself, so this listens on
// 127.0.0.1:N and relays every connection, byte for byte, to the broker's own address. Kafka
// clients bootstrap through it; the metadata they get back names the broker's own loopback
// address, which clients on this machine then use directly.
#include <string>
#include <thread>

namespace sluice {

class PortForwarder {
 public:
  /// Listens on 127.0.0.1:`port` and relays connections to `target` ("host:port"). Throws
  /// std::runtime_error naming the port when it cannot listen (e.g. the port is taken).
  PortForwarder(int port, const std::string& target);
  /// Stops accepting; relayed connections end when the process does.
  ~PortForwarder();
  PortForwarder(const PortForwarder&) = delete;
  PortForwarder& operator=(const PortForwarder&) = delete;

 private:
  void acceptLoop();
  int listenFd_ = -1;
  int stopPipe_[2] = {-1, -1};
  std::string targetHost_;
  int targetPort_ = 0;
  std::thread thread_;
};

}  // namespace sluice
