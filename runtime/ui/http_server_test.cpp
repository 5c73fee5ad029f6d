#include "runtime/ui/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frontend/error.h"

namespace sluice {
namespace {

// Sends `request` to 127.0.0.1:port and returns everything the server answers.
std::string roundTrip(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  EXPECT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::string out;
  char buf[4096];
  for (ssize_t r; (r = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    out.append(buf, static_cast<size_t>(r));
  ::close(fd);
  return out;
}

TEST(HttpServerTest, ParsesRequestLineQueryAndHeaders) {
  HttpRequest r;
  std::string error;
  ASSERT_TRUE(parseHttpRequest(
      "GET /api/queries%2Fx?a=1&b=two+words&c HTTP/1.1\r\nHost: h\r\nX-Thing:  v \r\n\r\n", r,
      error))
      << error;
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/api/queries/x");
  EXPECT_EQ(r.query.at("a"), "1");
  EXPECT_EQ(r.query.at("b"), "two words");
  EXPECT_EQ(r.query.at("c"), "");
  EXPECT_EQ(r.headers.at("host"), "h");
  EXPECT_EQ(r.headers.at("x-thing"), "v ");
  EXPECT_FALSE(parseHttpRequest("GARBAGE\r\n\r\n", r, error));
  EXPECT_NE(error.find("malformed request line"), std::string::npos);
  EXPECT_FALSE(parseHttpRequest("GET x HTTP/1.1\r\n\r\n", r, error));
}

TEST(HttpServerTest, ListenAddresses) {
  auto a = parseListenAddress("8080", 4040);
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 8080);
  a = parseListenAddress("0.0.0.0:9", 4040);
  EXPECT_EQ(a.host, "0.0.0.0");
  EXPECT_EQ(a.port, 9);
  a = parseListenAddress("[::1]:7", 4040);
  EXPECT_EQ(a.host, "::1");
  EXPECT_EQ(a.port, 7);
  EXPECT_EQ(parseListenAddress("", 4040).port, 4040);
  EXPECT_THROW(parseListenAddress("localhost:http", 4040), ExecutionError);
  EXPECT_THROW(parseListenAddress("70000", 4040), ExecutionError);
  try {
    parseListenAddress("host:x1", 4040);
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("'host:x1'"), std::string::npos) << e.message();
  }
}

TEST(HttpServerTest, ServesHandlerAnswersAndRefusesOtherMethods) {
  HttpServer server(ListenAddress{"127.0.0.1", 0}, [](const HttpRequest& r) {
    if (r.path == "/boom") throw std::runtime_error("handler failed");
    return HttpResponse{200, "text/plain",
                        "path=" + r.path + " q=" + (r.query.count("q") ? r.query.at("q") : "")};
  });
  ASSERT_GT(server.port(), 0);
  EXPECT_EQ(server.address(), "127.0.0.1:" + std::to_string(server.port()));
  std::string resp = roundTrip(server.port(), "GET /hello?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(resp.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << resp;
  EXPECT_NE(resp.find("Content-Length: 15\r\n"), std::string::npos) << resp;
  EXPECT_NE(resp.find("Connection: close"), std::string::npos);
  EXPECT_EQ(resp.substr(resp.size() - 15), "path=/hello q=1");
  resp = roundTrip(server.port(), "HEAD /hello HTTP/1.1\r\n\r\n");
  EXPECT_EQ(resp.find("path="), std::string::npos) << resp;
  EXPECT_EQ(roundTrip(server.port(), "POST / HTTP/1.1\r\n\r\n").rfind("HTTP/1.1 405", 0), 0u);
  EXPECT_EQ(roundTrip(server.port(), "nonsense\r\n\r\n").rfind("HTTP/1.1 400", 0), 0u);
  resp = roundTrip(server.port(), "GET /boom HTTP/1.1\r\n\r\n");
  EXPECT_EQ(resp.rfind("HTTP/1.1 500", 0), 0u);
  EXPECT_NE(resp.find("handler failed"), std::string::npos);
}

TEST(HttpServerTest, BusyPortIsAnErrorNamingTheAddress) {
  HttpServer first(ListenAddress{"127.0.0.1", 0},
                   [](const HttpRequest&) { return HttpResponse{}; });
  try {
    HttpServer second(ListenAddress{"127.0.0.1", first.port()},
                      [](const HttpRequest&) { return HttpResponse{}; });
    FAIL() << "bound a busy port";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << e.message();
  }
}

}  // namespace
}  // namespace sluice
