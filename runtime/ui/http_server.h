#pragma once
// A small HTTP/1.1 server over POSIX sockets for the web UI and the metrics endpoint: one
// thread, one connection at a time, `Connection: close` after each response (no keep-alive),
// GET and HEAD only. Enough for a browser tab and a Prometheus scraper; not a general server.
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>

namespace sluice {

/// A parsed request line and headers.
struct HttpRequest {
  std::string method;                          ///< "GET", "HEAD", ...
  std::string path;                            ///< decoded path without the query string
  std::map<std::string, std::string> query;    ///< decoded query parameters
  std::map<std::string, std::string> headers;  ///< lower-cased names
};

/// What a handler answers.
struct HttpResponse {
  int status = 200;
  std::string contentType = "text/plain; charset=utf-8";
  std::string body;
};

/// Parses a request's head (request line + headers, up to the blank line). nullopt-like
/// failure is reported as false with `error` set (answered with 400).
bool parseHttpRequest(const std::string& head, HttpRequest& out, std::string& error);

/// "%41b" -> "Ab", "+" -> " " (in query strings).
std::string urlDecode(const std::string& s, bool plusIsSpace);

/// Where to listen: `[host:]port`; a bare port listens on loopback (127.0.0.1). Throws
/// ExecutionError naming the address when it is malformed.
struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 0;
};
ListenAddress parseListenAddress(const std::string& address, int defaultPort);

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  /// Binds `address` and starts serving on a thread of its own. Port 0 picks a free port
  /// (see address()). Throws ExecutionError naming the address when it cannot listen there.
  HttpServer(const ListenAddress& address, Handler handler);
  /// Stops the thread (within its poll interval) and closes the socket.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The bound address, "host:port" (IPv6 hosts in brackets).
  const std::string& address() const { return bound_; }
  /// The bound port.
  int port() const { return port_; }

 private:
  void loop();
  void serve(int fd);

  Handler handler_;
  int listenFd_ = -1;
  int stopPipe_[2] = {-1, -1};  // written once by the destructor to wake the poll
  int port_ = 0;
  std::string bound_;
  std::thread thread_;
};

/// The reason phrase of a status code (200 "OK", 404 "Not Found", ...).
const char* httpReason(int status);

}  // namespace sluice
