#pragma once
// An engine's web UI and metrics endpoint: the HTTP server plus its routes.
//   GET /                       the page (queries, live charts, query text, plan)
//   GET /api/queries            JSON: every query with its recent StreamingQueryProgress
//   GET /api/queries/<n>/ir     the generated LLVM IR of query n (compiled on request)
//   GET /metrics                Prometheus text format
#include <memory>
#include <string>

#include "runtime/progress/query_monitor.h"
#include "runtime/ui/http_server.h"

namespace sluice {

/// Answers one request from `registry` (the routes above); used by UiServer and tests.
HttpResponse routeUiRequest(QueryRegistry& registry, const HttpRequest& request);

class UiServer {
 public:
  /// Serves `registry` (which must outlive this object) on `address` ([host:]port, a bare
  /// port on loopback, port 0 = any free port). Throws ExecutionError naming the address.
  UiServer(QueryRegistry& registry, const std::string& address);
  /// The bound address, "host:port".
  const std::string& address() const { return server_->address(); }
  /// The page's URL, "http://host:port/".
  std::string url() const { return "http://" + address() + "/"; }

 private:
  std::unique_ptr<HttpServer> server_;
};

}  // namespace sluice
