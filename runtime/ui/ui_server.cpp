#include "runtime/ui/ui_server.h"

#include "runtime/ui/api_json.h"
#include "runtime/ui/prometheus.h"
#include "runtime/ui/ui_page.h"

namespace sluice {
namespace {

constexpr int kDefaultPort = 4040;  // Spark's UI port

HttpResponse notFound(const std::string& what) {
  return {404, "text/plain; charset=utf-8", what + "\n"};
}

// /api/queries/<n>/ir
HttpResponse irOf(QueryRegistry& registry, const std::string& rest) {
  const size_t slash = rest.find('/');
  const std::string index = rest.substr(0, slash);
  if (slash == std::string::npos || rest.substr(slash) != "/ir" || index.empty() ||
      index.find_first_not_of("0123456789") != std::string::npos || index.size() > 9)
    return notFound("no such page: /api/queries/" + rest);
  const auto queries = registry.queries();
  const size_t i = std::stoul(index);
  if (i >= queries.size()) return notFound("no query with index " + index);
  auto ir = queries[i]->ir();
  if (!ir) return notFound("the query has stopped; its generated code is no longer available");
  return {200, "text/plain; charset=utf-8", *ir};
}

}  // namespace

HttpResponse routeUiRequest(QueryRegistry& registry, const HttpRequest& request) {
  const std::string& p = request.path;
  if (p == "/" || p == "/index.html")
    return {200, "text/html; charset=utf-8", std::string(uiPageHtml())};
  if (p == "/api/queries") return {200, "application/json", queriesJson(registry)};
  if (p == "/metrics")
    return {200, "text/plain; version=0.0.4; charset=utf-8", prometheusMetrics(registry)};
  const std::string prefix = "/api/queries/";
  if (p.rfind(prefix, 0) == 0) return irOf(registry, p.substr(prefix.size()));
  return notFound("no such page: " + p + " (try /, /api/queries or /metrics)");
}

UiServer::UiServer(QueryRegistry& registry, const std::string& address)
    : server_(std::make_unique<HttpServer>(
          parseListenAddress(address, kDefaultPort),
          [&registry](const HttpRequest& r) { return routeUiRequest(registry, r); })) {}

}  // namespace sluice
