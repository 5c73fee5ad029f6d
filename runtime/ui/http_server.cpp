#include "runtime/ui/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "frontend/error.h"

namespace sluice {
namespace {

constexpr size_t kMaxHead = 16 * 1024;  // a request head larger than this is refused
constexpr int kIoTimeoutMs = 2000;      // a client that stalls longer is dropped

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Waits until `fd` is readable/writable or the timeout passes.
bool waitFor(int fd, short events) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, kIoTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

bool sendAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    if (!waitFor(fd, POLLOUT)) return false;
    const ssize_t w = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    done += static_cast<size_t>(w);
  }
  return true;
}

// Reads up to and including the blank line that ends the head; false on timeout, close or
// an oversized head.
bool readHead(int fd, std::string& head) {
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.find("\n\n") == std::string::npos) {
    if (head.size() > kMaxHead || !waitFor(fd, POLLIN)) return false;
    const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
    if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (r <= 0) return false;
    head.append(buf, static_cast<size_t>(r));
  }
  return true;
}

std::string render(const HttpResponse& r, bool withBody) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + httpReason(r.status) + "\r\n";
  out += "Content-Type: " + r.contentType + "\r\n";
  out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  out += "Cache-Control: no-store\r\nConnection: close\r\n\r\n";
  if (withBody) out += r.body;
  return out;
}

}  // namespace

const char* httpReason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 500:
      return "Internal Server Error";
    default:
      return "Unknown";
  }
}

std::string urlDecode(const std::string& s, bool plusIsSpace) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plusIsSpace) {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool parseHttpRequest(const std::string& head, HttpRequest& out, std::string& error) {
  size_t eol = head.find('\n');
  if (eol == std::string::npos) {
    error = "no request line";
    return false;
  }
  std::string line = head.substr(0, eol);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos ||
      line.compare(sp2 + 1, 5, "HTTP/") != 0) {
    error = "malformed request line '" + line.substr(0, 100) + "'";
    return false;
  }
  out.method = line.substr(0, sp1);
  std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (target.empty() || target[0] != '/') {
    error = "request target must start with '/'";
    return false;
  }
  const size_t q = target.find('?');
  out.path = urlDecode(target.substr(0, q), false);
  if (q != std::string::npos) {
    const std::string qs = target.substr(q + 1);
    size_t i = 0;
    while (i <= qs.size()) {
      size_t amp = qs.find('&', i);
      if (amp == std::string::npos) amp = qs.size();
      const std::string kv = qs.substr(i, amp - i);
      if (!kv.empty()) {
        const size_t eq = kv.find('=');
        out.query[urlDecode(kv.substr(0, eq), true)] =
            eq == std::string::npos ? "" : urlDecode(kv.substr(eq + 1), true);
      }
      i = amp + 1;
    }
  }
  size_t pos = eol + 1;
  while (pos < head.size()) {
    size_t e = head.find('\n', pos);
    if (e == std::string::npos) e = head.size();
    std::string h = head.substr(pos, e - pos);
    if (!h.empty() && h.back() == '\r') h.pop_back();
    pos = e + 1;
    if (h.empty()) break;
    const size_t colon = h.find(':');
    if (colon == std::string::npos) {
      error = "malformed header line";
      return false;
    }
    size_t v = colon + 1;
    while (v < h.size() && (h[v] == ' ' || h[v] == '\t')) ++v;
    out.headers[lower(h.substr(0, colon))] = h.substr(v);
  }
  return true;
}

ListenAddress parseListenAddress(const std::string& address, int defaultPort) {
  ListenAddress a;
  a.port = defaultPort;
  std::string portText = address;
  if (address.empty()) return a;
  const size_t colon = address.rfind(':');
  if (!address.empty() && address[0] == '[') {  // [::1]:4040
    const size_t close = address.find(']');
    if (close == std::string::npos || close + 1 >= address.size() || address[close + 1] != ':')
      throw ExecutionError("UI address '" + address + "': expected [host]:port");
    a.host = address.substr(1, close - 1);
    portText = address.substr(close + 2);
  } else if (colon != std::string::npos) {
    a.host = address.substr(0, colon);
    portText = address.substr(colon + 1);
    if (a.host.empty()) a.host = "127.0.0.1";
  }
  size_t used = 0;
  int port = -1;
  try {
    port = std::stoi(portText, &used);
  } catch (...) {
    used = 0;
  }
  if (used != portText.size() || portText.empty() || port < 0 || port > 65535)
    throw ExecutionError("UI address '" + address + "': the port must be a number 0..65535, got '" +
                         portText + "'");
  a.port = port;
  return a;
}

HttpServer::HttpServer(const ListenAddress& address, Handler handler)
    : handler_(std::move(handler)) {
  const std::string where = address.host + ":" + std::to_string(address.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const std::string port = std::to_string(address.port);
  if (int rc = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &res); rc != 0)
    throw ExecutionError("UI: cannot resolve host '" + address.host + "': " + gai_strerror(rc));
  std::string lastError = "no address";
  for (addrinfo* ai = res; ai && listenFd_ < 0; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 16) == 0) {
      listenFd_ = fd;
      break;
    }
    lastError = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(res);
  if (listenFd_ < 0) throw ExecutionError("UI: cannot listen on " + where + ": " + lastError);
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&ss), &len);
  char host[INET6_ADDRSTRLEN] = "?";
  if (ss.ss_family == AF_INET6) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&ss);
    ::inet_ntop(AF_INET6, &a6->sin6_addr, host, sizeof host);
    port_ = ntohs(a6->sin6_port);
    bound_ = "[" + std::string(host) + "]:" + std::to_string(port_);
  } else {
    auto* a4 = reinterpret_cast<sockaddr_in*>(&ss);
    ::inet_ntop(AF_INET, &a4->sin_addr, host, sizeof host);
    port_ = ntohs(a4->sin_port);
    bound_ = std::string(host) + ":" + std::to_string(port_);
  }
  if (::pipe2(stopPipe_, O_CLOEXEC) != 0) {
    ::close(listenFd_);
    throw ExecutionError(std::string("UI: cannot create a pipe: ") + std::strerror(errno));
  }
  thread_ = std::thread([this] { loop(); });
}

HttpServer::~HttpServer() {
  const char c = 'x';
  [[maybe_unused]] ssize_t w = ::write(stopPipe_[1], &c, 1);
  if (thread_.joinable()) thread_.join();
  ::close(listenFd_);
  ::close(stopPipe_[0]);
  ::close(stopPipe_[1]);
}

void HttpServer::loop() {
  for (;;) {
    pollfd fds[2] = {{listenFd_, POLLIN, 0}, {stopPipe_[0], POLLIN, 0}};
    const int r = ::poll(fds, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    serve(fd);
    ::close(fd);
  }
}

void HttpServer::serve(int fd) {
  std::string head;
  if (!readHead(fd, head)) return;
  HttpRequest req;
  std::string error;
  HttpResponse resp;
  if (!parseHttpRequest(head, req, error)) {
    resp = {400, "text/plain; charset=utf-8", "bad request: " + error + "\n"};
  } else if (req.method != "GET" && req.method != "HEAD") {
    resp = {405, "text/plain; charset=utf-8", "only GET and HEAD are served\n"};
  } else {
    try {
      resp = handler_(req);
    } catch (const std::exception& e) {
      resp = {500, "text/plain; charset=utf-8", std::string("error: ") + e.what() + "\n"};
    }
  }
  sendAll(fd, render(resp, req.method != "HEAD"));
}

}  // namespace sluice
