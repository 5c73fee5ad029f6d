#include "tools/port_forwarder.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace sluice {
namespace {

// Copies what is readable on `from` to `to`; false when `from` closed or either failed.
bool pump(int from, int to) {
  char buf[64 * 1024];
  const ssize_t n = ::recv(from, buf, sizeof buf, 0);
  if (n <= 0) return n < 0 && (errno == EINTR || errno == EAGAIN);
  for (ssize_t done = 0; done < n;) {
    const ssize_t w = ::send(to, buf + done, static_cast<size_t>(n - done), MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += w;
  }
  return true;
}

// Relays between a client and the broker until either side closes.
void relay(int client, int upstream) {
  pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents && !pump(client, upstream)) break;
    if (fds[1].revents && !pump(upstream, client)) break;
  }
  ::close(client);
  ::close(upstream);
}

}  // namespace

PortForwarder::PortForwarder(int port, const std::string& target) {
  const size_t colon = target.rfind(':');
  targetHost_ = target.substr(0, colon);
  targetPort_ = std::stoi(target.substr(colon + 1));
  listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  ::setsockopt(listenFd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listenFd_, 64) != 0) {
    const std::string why = std::strerror(errno);
    ::close(listenFd_);
    throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + why);
  }
  if (::pipe2(stopPipe_, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
  thread_ = std::thread([this] { acceptLoop(); });
}

PortForwarder::~PortForwarder() {
  const char c = 'x';
  [[maybe_unused]] ssize_t w = ::write(stopPipe_[1], &c, 1);
  thread_.join();
  ::close(listenFd_);
  ::close(stopPipe_[0]);
  ::close(stopPipe_[1]);
}

void PortForwarder::acceptLoop() {
  for (;;) {
    pollfd fds[2] = {{listenFd_, POLLIN, 0}, {stopPipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    const int client = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in b{};
    b.sin_family = AF_INET;
    b.sin_port = htons(static_cast<uint16_t>(targetPort_));
    ::inet_pton(AF_INET, targetHost_.c_str(), &b.sin_addr);
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&b), sizeof b) != 0) {
      ::close(client);
      ::close(upstream);
      continue;
    }
    const int nodelay = 1;  // Kafka requests are small and latency-bound
    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay);
    ::setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay);
    // One thread per relayed connection (a handful: clients bootstrap, then use the broker's
    // own address); detached, it owns only its two sockets.
    std::thread(relay, client, upstream).detach();
  }
}

}  // namespace sluice
